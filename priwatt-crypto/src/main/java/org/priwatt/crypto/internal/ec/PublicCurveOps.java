package org.priwatt.crypto.internal.ec;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.util.BigIntegers;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/**
 * The secp256k1 operations on public data, in pure Java, for the pure-Java backend: ECDSA
 * verification, public-key recovery and public tweaks. All three are one linear combination
 * u1 G + u2 Q.
 *
 * <p>Why it exists: Bouncy Castle's verifier rebuilds its GLV tables for every new public key
 * and allocates per field operation. This class computes u1 G + u2 Q in one chain of about 128
 * doublings: u2 is split with the curve's endomorphism (u2 = a + b lambda, so u2 Q = a Q +
 * b phi(Q) with phi(x, y) = (beta x, y) and a, b of about 128 bits), u1 into its 128-bit halves
 * over G and 2^128 G. The Q terms use width-5 wNAF over 8-point affine tables built once per
 * parsed key (one field inversion), the G terms width-12 wNAF over static tables, so every
 * addition is a mixed one. Verification compares the sum's x with r in Jacobian coordinates,
 * without a field inversion, as libsecp256k1 does: x(R) = X/Z^2 equals r or r + n (mod p)
 * exactly when X = r Z^2 or X = (r + n) Z^2, and r + n is only possible when r < p - n.
 *
 * <p>Variable time by design: every input is public.
 */
public final class PublicCurveOps {
  private static final BigInteger N = Secp256k1.ORDER;
  private static final BigInteger P_MINUS_N =
      new BigInteger("14551231950b75fc4402da1722fc9baee", 16);
  /** The cube root of unity mod p that goes with {@link #LAMBDA}: lambda (x, y) = (beta x, y). */
  static final BigInteger BETA =
      new BigInteger("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee", 16);
  /** The cube root of unity mod n by which phi multiplies. */
  static final BigInteger LAMBDA =
      new BigInteger("5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", 16);
  private static final long[] BETA_LIMBS = limbs(BETA);
  private static final GLVEndomorphism SPLIT =
      (GLVEndomorphism) BouncyCastleBackend.PARAMS.getCurve().getEndomorphism();
  private static final BigInteger LOW_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private static final int WINDOW_Q = 5;

  private PublicCurveOps() {}

  /**
   * Verifies the 64-byte compact signature r‖s over the 32-byte {@code hash} for {@code key}.
   * Any r or s outside [1, n-1] is rejected; s is taken as given (high or low).
   */
  public static boolean verifyVartime(byte[] hash, byte[] compact, PublicPoint key) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(compact, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
    if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
      return false;
    }
    BigInteger w = BigIntegers.modOddInverseVar(N, s);
    BigInteger u1 = new BigInteger(1, hash).multiply(w).mod(N);
    BigInteger u2 = r.multiply(w).mod(N);
    JacobianPoint sum = linearCombinationVartime(u1, u2, key);
    if (sum.infinity) {
      return false;
    }
    long[] zz = Field.create();
    Field.sqr(zz, sum.z);
    if (xMatches(r, zz, sum.x)) {
      return true;
    }
    return r.compareTo(P_MINUS_N) < 0 && xMatches(r.add(N), zz, sum.x);
  }

  /**
   * Recovers the public key (65 bytes uncompressed) that makes the compact signature r‖s valid
   * over {@code hash}, for recovery id 0..3, or returns null if there is none (SEC 1 v2 §4.1.6):
   * R is the point with x = r (+ n for ids 2 and 3) and y of the id's parity, and
   * Q = r^-1 (s R - e G), computed as one linear combination on this class's tables.
   */
  public static byte[] recoverVartime(byte[] compact, byte[] hash, int recId) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(compact, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
    if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
      return null;
    }
    BigInteger x = recId >= 2 ? r.add(N) : r;
    if (x.compareTo(Field.P) >= 0) {
      return null;
    }
    byte[] encoded = new byte[33];
    encoded[0] = (byte) ((recId & 1) == 1 ? 3 : 2);
    BigIntegers.asUnsignedByteArray(x, encoded, 1, 32);
    PublicPoint bigR = PublicPoint.parseVartime(encoded);
    if (bigR == null) {
      return null;
    }
    BigInteger rInv = BigIntegers.modOddInverseVar(N, r);
    BigInteger e = new BigInteger(1, hash).mod(N);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    return linearCombinationVartime(u1, u2, bigR).toUncompressed();
  }

  /**
   * P + tweak G (BIP 32 public derivation) as 65 bytes uncompressed, or null if the tweak is not
   * below n or the sum is infinity; P is a validated 65-byte uncompressed point.
   */
  public static byte[] tweakAddVartime(byte[] uncompressed, byte[] tweak) {
    BigInteger t = new BigInteger(1, tweak);
    if (t.compareTo(N) >= 0) {
      return null;
    }
    PublicPoint p = PublicPoint.ofValidatedUncompressed(uncompressed);
    return linearCombinationVartime(t, BigInteger.ONE, p).toUncompressed();
  }

  /** True if candidate * zz = x (mod p): the affine x of (x, ., z) equals the candidate. */
  private static boolean xMatches(BigInteger candidate, long[] zz, long[] x) {
    long[] c = limbs(candidate);
    Field.mul(c, c, zz);
    return Field.equal(c, x);
  }

  private static long[] limbs(BigInteger v) {
    long[] r = Field.create();
    Field.setBytes(r, BigIntegers.asUnsignedByteArray(32, v), 0);
    return r;
  }

  /** u1 G + u2 Q for u1, u2 in [0, n), by interleaved wNAF (Shamir's trick) over four terms. */
  static JacobianPoint linearCombinationVartime(BigInteger u1, BigInteger u2, PublicPoint q) {
    BigInteger[] ab = SPLIT.decomposeScalar(u2);
    Digits a = new Digits(ab[0], WINDOW_Q);
    Digits b = new Digits(ab[1], WINDOW_Q);
    Digits lo = new Digits(u1.and(LOW_128), OddMultiples.G_WINDOW);
    Digits hi = new Digits(u1.shiftRight(128), OddMultiples.G_WINDOW);
    PublicPoint.KeyTables tables = q.tables(WINDOW_Q, BETA_LIMBS);
    JacobianPoint acc = new JacobianPoint();
    int length = Math.max(Math.max(a.length, b.length), Math.max(lo.length, hi.length));
    for (int i = length - 1; i >= 0; i--) {
      acc.twice();
      a.addTo(acc, i, tables.q());
      b.addTo(acc, i, tables.phiQ());
      lo.addTo(acc, i, OddMultiples.G);
      hi.addTo(acc, i, OddMultiples.G_128);
    }
    return acc;
  }

  /** The wNAF digits of one signed term k of the sum. */
  private static final class Digits {
    final int[] digits = new int[Wnaf.MAX_LENGTH];
    final int length;
    final boolean negative;

    Digits(BigInteger k, int window) {
      negative = k.signum() < 0;
      length = Wnaf.encode(digits, BigIntegers.asUnsignedByteArray(32, k.abs()), window);
    }

    void addTo(JacobianPoint acc, int i, OddMultiples table) {
      int d = digits[i];
      if (d != 0) {
        table.addTo(acc, d, negative);
      }
    }
  }
}
