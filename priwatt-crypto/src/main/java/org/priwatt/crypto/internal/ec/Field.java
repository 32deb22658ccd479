package org.priwatt.crypto.internal.ec;

import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;

/**
 * Arithmetic modulo the secp256k1 field prime p = 2^256 - 2^32 - 977 on ten signed 26-bit limbs
 * held in a {@code long[10]}, value = sum of limb[i] * 2^(26 i).
 *
 * <p>Why this shape: a 26x26-bit product fits a Java {@code long} with room to add ten of them,
 * so a multiplication is 100 plain multiply-adds and a reduction that folds the high half down
 * with 2^256 = 2^32 + 977 (mod p), the layout libsecp256k1 uses on 32-bit targets. Limbs are
 * signed, so subtraction and negation are limb-wise and never need a multiple of p added; Java's
 * arithmetic shift keeps the carries exact for negative limbs.
 *
 * <p>Bounds, the precondition of every method (nothing checks them at run time; the tests do):
 * <ul>
 *   <li>{@link #mul} and {@link #sqr} accept limbs of absolute value at most 11 * 2^26 (so ten
 *       column products stay below 2^63) and return limbs of absolute value at most 1.5 * 2^26
 *       ("magnitude 1"). A sum of up to seven results may be multiplied directly; {@link #carry}
 *       brings anything up to 2^40 back to magnitude 1.
 *   <li>Values are not kept below p; {@link #normalize} computes the canonical representative,
 *       which {@link #isZero}, {@link #isOdd} and {@link #getBytes} rely on.
 * </ul>
 *
 * <p>Every method is variable-time: the pure-Java backend uses this class only on public data
 * (signature verification and public-key parsing), never on secrets.
 */
final class Field {
  /** The prime p. */
  static final BigInteger P = BigInteger.ONE.shiftLeft(256)
      .subtract(BigInteger.ONE.shiftLeft(32)).subtract(BigInteger.valueOf(977));
  static final int LIMBS = 10;
  private static final long M = 0x3FFFFFFL;
  private static final long M22 = 0x3FFFFFL;
  /** p's limbs; limbs 2..8 are all ones. */
  private static final long P0 = 0x3FFFC2FL;
  private static final long P1 = 0x3FFFFBFL;

  private Field() {}

  static long[] create() {
    return new long[LIMBS];
  }

  /** Reads 32 big-endian bytes (any value below 2^256) into canonical limbs. */
  static void setBytes(long[] r, byte[] in, int off) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = 0;
    }
    for (int i = 0; i < 32; i++) {
      int bit = 8 * (31 - i);
      long b = in[off + i] & 0xFF;
      r[bit / 26] |= (b << (bit % 26)) & M;
      if (bit % 26 > 18) {
        r[bit / 26 + 1] |= b >>> (26 - bit % 26);
      }
    }
  }

  /** Writes the canonical value of {@code a} as 32 big-endian bytes; {@code a} is not changed. */
  static void getBytes(long[] a, byte[] out, int off) {
    long[] t = a.clone();
    normalize(t);
    for (int i = 0; i < 32; i++) {
      int bit = 8 * (31 - i);
      long v = t[bit / 26] >>> (bit % 26);
      if (bit % 26 > 18 && bit / 26 + 1 < LIMBS) {
        v |= t[bit / 26 + 1] << (26 - bit % 26);
      }
      out[off + i] = (byte) v;
    }
  }

  static void setInt(long[] r, int v) {
    r[0] = v;
    for (int i = 1; i < LIMBS; i++) {
      r[i] = 0;
    }
  }

  static void copy(long[] r, long[] a) {
    System.arraycopy(a, 0, r, 0, LIMBS);
  }

  static void add(long[] r, long[] a, long[] b) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] + b[i];
    }
  }

  static void sub(long[] r, long[] a, long[] b) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] - b[i];
    }
  }

  static void negate(long[] r, long[] a) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = -a[i];
    }
  }

  /** r = a * k for a small constant k (the point formulas use 2, 3 and 8). */
  static void mulSmall(long[] r, long[] a, int k) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] * k;
    }
  }

  /** r = a * b. */
  static void mul(long[] r, long[] a, long[] b) {
    long c0 = a[0] * b[0];
    long c1 = a[0] * b[1] + a[1] * b[0];
    long c2 = a[0] * b[2] + a[1] * b[1] + a[2] * b[0];
    long c3 = a[0] * b[3] + a[1] * b[2] + a[2] * b[1] + a[3] * b[0];
    long c4 = a[0] * b[4] + a[1] * b[3] + a[2] * b[2] + a[3] * b[1] + a[4] * b[0];
    long c5 = a[0] * b[5] + a[1] * b[4] + a[2] * b[3] + a[3] * b[2] + a[4] * b[1] + a[5] * b[0];
    long c6 = a[0] * b[6] + a[1] * b[5] + a[2] * b[4] + a[3] * b[3] + a[4] * b[2] + a[5] * b[1] + a[6] * b[0];
    long c7 = a[0] * b[7] + a[1] * b[6] + a[2] * b[5] + a[3] * b[4] + a[4] * b[3] + a[5] * b[2] + a[6] * b[1] + a[7] * b[0];
    long c8 = a[0] * b[8] + a[1] * b[7] + a[2] * b[6] + a[3] * b[5] + a[4] * b[4] + a[5] * b[3] + a[6] * b[2] + a[7] * b[1] +
        a[8] * b[0];
    long c9 = a[0] * b[9] + a[1] * b[8] + a[2] * b[7] + a[3] * b[6] + a[4] * b[5] + a[5] * b[4] + a[6] * b[3] + a[7] * b[2] +
        a[8] * b[1] + a[9] * b[0];
    long c10 = a[1] * b[9] + a[2] * b[8] + a[3] * b[7] + a[4] * b[6] + a[5] * b[5] + a[6] * b[4] + a[7] * b[3] + a[8] * b[2] +
        a[9] * b[1];
    long c11 = a[2] * b[9] + a[3] * b[8] + a[4] * b[7] + a[5] * b[6] + a[6] * b[5] + a[7] * b[4] + a[8] * b[3] + a[9] * b[2];
    long c12 = a[3] * b[9] + a[4] * b[8] + a[5] * b[7] + a[6] * b[6] + a[7] * b[5] + a[8] * b[4] + a[9] * b[3];
    long c13 = a[4] * b[9] + a[5] * b[8] + a[6] * b[7] + a[7] * b[6] + a[8] * b[5] + a[9] * b[4];
    long c14 = a[5] * b[9] + a[6] * b[8] + a[7] * b[7] + a[8] * b[6] + a[9] * b[5];
    long c15 = a[6] * b[9] + a[7] * b[8] + a[8] * b[7] + a[9] * b[6];
    long c16 = a[7] * b[9] + a[8] * b[8] + a[9] * b[7];
    long c17 = a[8] * b[9] + a[9] * b[8];
    long c18 = a[9] * b[9];
    reduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9,
        c10, c11, c12, c13, c14, c15, c16, c17, c18);
  }

  /** r = a^2, with the 45 cross products computed once and doubled. */
  static void sqr(long[] r, long[] a) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
    long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1, d4 = a4 << 1;
    long d5 = a5 << 1, d6 = a6 << 1, d7 = a7 << 1, d8 = a8 << 1;
    long c0 = a0 * a0;
    long c1 = d0 * a1;
    long c2 = d0 * a2 + a1 * a1;
    long c3 = d0 * a3 + d1 * a2;
    long c4 = d0 * a4 + d1 * a3 + a2 * a2;
    long c5 = d0 * a5 + d1 * a4 + d2 * a3;
    long c6 = d0 * a6 + d1 * a5 + d2 * a4 + a3 * a3;
    long c7 = d0 * a7 + d1 * a6 + d2 * a5 + d3 * a4;
    long c8 = d0 * a8 + d1 * a7 + d2 * a6 + d3 * a5 + a4 * a4;
    long c9 = d0 * a9 + d1 * a8 + d2 * a7 + d3 * a6 + d4 * a5;
    long c10 = d1 * a9 + d2 * a8 + d3 * a7 + d4 * a6 + a5 * a5;
    long c11 = d2 * a9 + d3 * a8 + d4 * a7 + d5 * a6;
    long c12 = d3 * a9 + d4 * a8 + d5 * a7 + a6 * a6;
    long c13 = d4 * a9 + d5 * a8 + d6 * a7;
    long c14 = d5 * a9 + d6 * a8 + a7 * a7;
    long c15 = d6 * a9 + d7 * a8;
    long c16 = d7 * a9 + a8 * a8;
    long c17 = d8 * a9;
    long c18 = a9 * a9;
    reduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9,
        c10, c11, c12, c13, c14, c15, c16, c17, c18);
  }

  /** r = a^(2^n): n successive squarings. */
  static void sqrTimes(long[] r, long[] a, int n) {
    sqr(r, a);
    for (int i = 1; i < n; i++) {
      sqr(r, r);
    }
  }

  private static void reduce(long[] r, long c0, long c1, long c2, long c3, long c4, long c5,
      long c6, long c7, long c8, long c9, long c10, long c11, long c12, long c13, long c14,
      long c15, long c16, long c17, long c18) {
    // Three carry passes whose steps are independent of each other, so they overlap in the
    // pipeline instead of forming one long dependency chain. Pass 1 on the 19 columns:
    // c19 takes what lies above 2^(26*19).
    long c19 = c18 >> 26;
    c18 = (c18 & M) + (c17 >> 26);
    c17 = (c17 & M) + (c16 >> 26);
    c16 = (c16 & M) + (c15 >> 26);
    c15 = (c15 & M) + (c14 >> 26);
    c14 = (c14 & M) + (c13 >> 26);
    c13 = (c13 & M) + (c12 >> 26);
    c12 = (c12 & M) + (c11 >> 26);
    c11 = (c11 & M) + (c10 >> 26);
    c10 = (c10 & M) + (c9 >> 26);
    c9 = (c9 & M) + (c8 >> 26);
    c8 = (c8 & M) + (c7 >> 26);
    c7 = (c7 & M) + (c6 >> 26);
    c6 = (c6 & M) + (c5 >> 26);
    c5 = (c5 & M) + (c4 >> 26);
    c4 = (c4 & M) + (c3 >> 26);
    c3 = (c3 & M) + (c2 >> 26);
    c2 = (c2 & M) + (c1 >> 26);
    c1 = (c1 & M) + (c0 >> 26);
    c0 &= M;
    // Fold columns 10..19 down, 2^260 = 15632 + 1024 * 2^26 (mod p); the fold of c19 lands
    // in r10, folded at once into limbs 0 and 1.
    long r10 = c19 * 1024;
    long r0 = c0 + c10 * 15632 + r10 * 15632;
    long r1 = c1 + c11 * 15632 + c10 * 1024 + r10 * 1024;
    long r2 = c2 + c12 * 15632 + c11 * 1024;
    long r3 = c3 + c13 * 15632 + c12 * 1024;
    long r4 = c4 + c14 * 15632 + c13 * 1024;
    long r5 = c5 + c15 * 15632 + c14 * 1024;
    long r6 = c6 + c16 * 15632 + c15 * 1024;
    long r7 = c7 + c17 * 15632 + c16 * 1024;
    long r8 = c8 + c18 * 15632 + c17 * 1024;
    long r9 = c9 + c19 * 15632 + c18 * 1024;
    // Pass 2 on the ten limbs; the little that leaves limb 9 is folded once more.
    long top = r9 >> 26;
    r9 = (r9 & M) + (r8 >> 26);
    r8 = (r8 & M) + (r7 >> 26);
    r7 = (r7 & M) + (r6 >> 26);
    r6 = (r6 & M) + (r5 >> 26);
    r5 = (r5 & M) + (r4 >> 26);
    r4 = (r4 & M) + (r3 >> 26);
    r3 = (r3 & M) + (r2 >> 26);
    r2 = (r2 & M) + (r1 >> 26);
    r1 = (r1 & M) + (r0 >> 26);
    r0 = (r0 & M) + top * 15632;
    r1 += top * 1024;
    // Pass 3, sequential over the low limbs the folds made large.
    r1 += r0 >> 26;
    r0 &= M;
    r2 += r1 >> 26;
    r1 &= M;
    r3 += r2 >> 26;
    r2 &= M;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    r[6] = r6;
    r[7] = r7;
    r[8] = r8;
    r[9] = r9;
  }

  /**
   * Brings limbs of absolute value up to 2^40 back to magnitude 1 (one carry pass and one fold
   * of the bits above 2^256); the value modulo p is unchanged.
   */
  static void carry(long[] r) {
    for (int i = 0; i < LIMBS - 1; i++) {
      r[i + 1] += r[i] >> 26;
      r[i] &= M;
    }
    long top = r[9] >> 22;
    r[9] &= M22;
    r[0] += top * 977; // 2^256 = 2^32 + 977 and 2^32 = 2^6 * 2^26
    r[1] += top << 6;
    r[1] += r[0] >> 26;
    r[0] &= M;
    r[2] += r[1] >> 26;
    r[1] &= M;
  }

  /** Replaces {@code r} by its canonical representative: limbs in [0, 2^26), value in [0, p). */
  static void normalize(long[] r) {
    long top;
    do { // Each fold shrinks what lies above 2^256 (or below 0) by a factor near 2^224.
      for (int i = 0; i < LIMBS - 1; i++) {
        r[i + 1] += r[i] >> 26;
        r[i] &= M;
      }
      top = r[9] >> 22;
      r[9] &= M22;
      r[0] += top * 977;
      r[1] += top << 6;
    } while (top != 0);
    if (atLeastP(r)) { // value in [p, 2^256): add 2^32 + 977 and drop the 2^256
      r[0] += 977;
      r[1] += 1 << 6;
      for (int i = 0; i < LIMBS - 1; i++) {
        r[i + 1] += r[i] >> 26;
        r[i] &= M;
      }
      r[9] &= M22;
    }
  }

  private static boolean atLeastP(long[] r) {
    if (r[9] != M22) {
      return false;
    }
    for (int i = 8; i >= 2; i--) {
      if (r[i] != M) {
        return false;
      }
    }
    return r[1] > P1 || r[1] == P1 && r[0] >= P0;
  }

  /** True if {@code a} is 0 modulo p. */
  static boolean isZero(long[] a) {
    long[] t = a.clone();
    normalize(t);
    long any = 0;
    for (int i = 0; i < LIMBS; i++) {
      any |= t[i];
    }
    return any == 0;
  }

  /** True if a = b modulo p. */
  static boolean equal(long[] a, long[] b) {
    long[] t = new long[LIMBS];
    sub(t, a, b);
    return isZero(t);
  }

  /** Parity of the canonical value; {@code a} must be normalised. */
  static boolean isOdd(long[] a) {
    return (a[0] & 1) != 0;
  }

  /**
   * r = 1/a (mod p) for a non-zero a, through Bouncy Castle's variable-time safegcd inversion of
   * the canonical value (about 20 times cheaper than Fermat's a^(p-2) in this representation).
   *
   * @throws ArithmeticException if a is 0 mod p
   */
  static void invertVar(long[] r, long[] a) {
    byte[] bytes = new byte[32];
    getBytes(a, bytes, 0);
    BigInteger inverse = BigIntegers.modOddInverseVar(P, new BigInteger(1, bytes));
    setBytes(r, BigIntegers.asUnsignedByteArray(32, inverse), 0);
  }

  /**
   * Sets r to a square root of a and returns true, or returns false (r then holds garbage) if a
   * is not a square. Since p = 3 (mod 4), the root is a^((p+1)/4); the exponent's binary form is
   * 223 ones, a zero, 22 ones, four zeros, two ones and two zeros, which the chain below builds
   * from runs of ones x_k = a^(2^k - 1) in 253 squarings and 13 multiplications.
   */
  static boolean sqrt(long[] r, long[] a) {
    long[] x2 = create();
    long[] x3 = create();
    long[] x22 = create();
    long[] t = create();
    long[] u = create();
    sqr(x2, a);
    mul(x2, x2, a);
    sqr(x3, x2);
    mul(x3, x3, a);
    sqrTimes(t, x3, 3);
    mul(t, t, x3); // x6
    sqrTimes(t, t, 3);
    mul(t, t, x3); // x9
    sqrTimes(t, t, 2);
    mul(t, t, x2); // x11
    sqrTimes(x22, t, 11);
    mul(x22, x22, t); // x22
    sqrTimes(t, x22, 22);
    mul(t, t, x22); // x44
    sqrTimes(u, t, 44);
    mul(u, u, t); // x88
    long[] x44 = t.clone();
    sqrTimes(t, u, 88);
    mul(t, t, u); // x176
    sqrTimes(t, t, 44);
    mul(t, t, x44); // x220
    sqrTimes(t, t, 3);
    mul(t, t, x3); // x223
    sqrTimes(t, t, 23);
    mul(t, t, x22);
    sqrTimes(t, t, 6);
    mul(t, t, x2);
    sqrTimes(r, t, 2);
    sqr(t, r);
    return equal(t, a);
  }
}
