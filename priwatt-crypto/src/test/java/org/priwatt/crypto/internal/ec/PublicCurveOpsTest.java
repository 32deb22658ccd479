package org.priwatt.crypto.internal.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/**
 * {@link PublicCurveOps} and {@link JacobianPoint} against Bouncy Castle: linear combinations on
 * random and degenerate inputs (sums that double, cancel or start at infinity), signatures whose
 * R has x above the group order (the r + n branch), and out-of-range r and s.
 */
class PublicCurveOpsTest {
  private static final BigInteger N = org.priwatt.crypto.Secp256k1.ORDER;
  private static final ECPoint G = BouncyCastleBackend.PARAMS.getG();

  private static PublicPoint point(ECPoint p) {
    return PublicPoint.ofValidatedUncompressed(p.normalize().getEncoded(false));
  }

  private static byte[] expected(BigInteger u1, BigInteger u2, ECPoint q) {
    ECPoint p = ECAlgorithms.sumOfTwoMultiplies(G, u1, q, u2).normalize();
    return p.isInfinity() ? new byte[] {0} : p.getEncoded(false);
  }

  @Test
  void linearCombinationMatchesBouncyCastle() {
    Random r = new Random(11);
    for (int i = 0; i < 3_000; i++) {
      BigInteger u1 = new BigInteger(256, r).mod(N);
      BigInteger u2 = i % 10 == 0 ? BigInteger.valueOf(r.nextInt(40)) : new BigInteger(256, r).mod(N);
      ECPoint q = G.multiply(new BigInteger(256, r).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
      assertThat(JacobianPointTest.affine(PublicCurveOps.linearCombinationVartime(u1, u2, point(q))))
          .as("case %d", i).isEqualTo(expected(u1, u2, q));
    }
  }

  @Test
  void degenerateSumsDoubleCancelAndVanish() {
    Random r = new Random(12);
    for (int i = 0; i < 200; i++) {
      BigInteger k = BigInteger.valueOf(1 + r.nextInt(1_000));
      BigInteger big = new BigInteger(256, r).mod(N);
      ECPoint[] keys = {G, G.negate(), G.multiply(k), G.multiply(k).negate()};
      BigInteger[][] scalars = {
        {BigInteger.ONE, BigInteger.ONE}, {k, BigInteger.ONE}, {big, BigInteger.ONE},
        {BigInteger.ZERO, big}, {big, BigInteger.ZERO}, {BigInteger.ZERO, BigInteger.ZERO},
        {N.subtract(big), big}, {big, N.subtract(BigInteger.ONE)}
      };
      for (ECPoint q : keys) {
        for (BigInteger[] s : scalars) {
          assertThat(JacobianPointTest.affine(PublicCurveOps.linearCombinationVartime(s[0], s[1], point(q))))
              .as("u1=%s u2=%s", s[0], s[1]).isEqualTo(expected(s[0], s[1], q));
        }
      }
    }
  }

  @Test
  void signaturesWhoseNonceXExceedsTheOrderVerify() {
    // Pick R with x >= n, then Q so that u1 G + u2 Q = R for r = x(R) - n: the verifier must
    // take the r + n branch (libsecp256k1 tests the same corner).
    Random rnd = new Random(13);
    BigInteger p = FieldTest.P;
    int found = 0;
    for (BigInteger x = N.add(BigInteger.ONE); found < 20 && x.compareTo(p) < 0; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(p);
      BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
      if (!y.pow(2).mod(p).equals(rhs)) {
        continue;
      }
      found++;
      ECPoint bigR = BouncyCastleBackend.PARAMS.getCurve().createPoint(x, y);
      BigInteger r = x.subtract(N);
      BigInteger s = new BigInteger(255, rnd).add(BigInteger.ONE);
      BigInteger e = new BigInteger(256, rnd);
      BigInteger w = s.modInverse(N);
      BigInteger u1 = e.multiply(w).mod(N);
      BigInteger u2 = r.multiply(w).mod(N);
      ECPoint q = bigR.subtract(G.multiply(u1)).multiply(u2.modInverse(N)).normalize();
      byte[] sig = new byte[64];
      System.arraycopy(FieldTest.toBytes(r), 0, sig, 0, 32);
      System.arraycopy(FieldTest.toBytes(s), 0, sig, 32, 32);
      assertThat(PublicCurveOps.verifyVartime(FieldTest.toBytes(e), sig, point(q))).isTrue();
      sig[5] ^= 1;
      assertThat(PublicCurveOps.verifyVartime(FieldTest.toBytes(e), sig, point(q))).isFalse();
    }
    assertThat(found).isEqualTo(20);
  }

  @Test
  void rejectsScalarsOutsideTheGroupOrder() {
    byte[] hash = new byte[32];
    PublicPoint q = point(G);
    BigInteger[] bad = {BigInteger.ZERO, N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)};
    for (BigInteger b : bad) {
      byte[] sig = new byte[64];
      System.arraycopy(FieldTest.toBytes(b), 0, sig, 0, 32);
      sig[63] = 1;
      assertThat(PublicCurveOps.verifyVartime(hash, sig, q)).isFalse();
      sig = new byte[64];
      sig[31] = 1;
      System.arraycopy(FieldTest.toBytes(b), 0, sig, 32, 32);
      assertThat(PublicCurveOps.verifyVartime(hash, sig, q)).isFalse();
    }
  }

  @Test
  void endomorphismConstantsAgreeWithTheCurveAndBouncyCastlesSplit() {
    BigInteger p = FieldTest.P;
    assertThat(PublicCurveOps.BETA.modPow(BigInteger.valueOf(3), p)).isEqualTo(BigInteger.ONE);
    assertThat(PublicCurveOps.LAMBDA.modPow(BigInteger.valueOf(3), N)).isEqualTo(BigInteger.ONE);
    ECPoint lambdaG = G.multiply(PublicCurveOps.LAMBDA).normalize();
    assertThat(lambdaG.getAffineXCoord().toBigInteger())
        .isEqualTo(G.getAffineXCoord().toBigInteger().multiply(PublicCurveOps.BETA).mod(p));
    assertThat(lambdaG.getAffineYCoord()).isEqualTo(G.getAffineYCoord());
    org.bouncycastle.math.ec.endo.GLVEndomorphism split =
        (org.bouncycastle.math.ec.endo.GLVEndomorphism) BouncyCastleBackend.PARAMS.getCurve().getEndomorphism();
    Random r = new Random(14);
    for (int i = 0; i < 10_000; i++) {
      BigInteger k = new BigInteger(256, r).mod(N);
      BigInteger[] ab = split.decomposeScalar(k);
      assertThat(ab[0].add(ab[1].multiply(PublicCurveOps.LAMBDA)).mod(N)).isEqualTo(k);
      assertThat(ab[0].abs().bitLength()).isLessThanOrEqualTo(129);
      assertThat(ab[1].abs().bitLength()).isLessThanOrEqualTo(129);
    }
  }

  @Test
  void aParsedKeyBuildsItsTablesOnceAndKeepsVerifyingCorrectly() {
    BouncyCastleBackend signer = new BouncyCastleBackend();
    Random r = new Random(15);
    byte[] priv = FieldTest.toBytes(new BigInteger(255, r).add(BigInteger.ONE));
    PublicPoint key = PublicPoint.ofValidatedUncompressed(signer.createPublicKey(priv));
    PublicPoint.KeyTables first = null;
    for (int i = 0; i < 50; i++) {
      byte[] hash = FieldTest.toBytes(new BigInteger(256, r));
      byte[] sig = signer.sign(hash, priv);
      assertThat(PublicCurveOps.verifyVartime(hash, sig, key)).as("message %d", i).isTrue();
      hash[r.nextInt(32)] ^= 1;
      assertThat(PublicCurveOps.verifyVartime(hash, sig, key)).as("altered message %d", i).isFalse();
      first = first == null ? key.tables(5, FieldTest.of(PublicCurveOps.BETA)) : first;
    }
    assertThat(key.tables(5, FieldTest.of(PublicCurveOps.BETA))).isSameAs(first);
  }

  @Test
  void recoveryFindsTheSignerAndRejectsImpossibleIds() {
    BouncyCastleBackend signer = new BouncyCastleBackend();
    Random r = new Random(16);
    for (int i = 0; i < 300; i++) {
      byte[] priv = FieldTest.toBytes(new BigInteger(255, r).add(BigInteger.ONE));
      byte[] hash = FieldTest.toBytes(new BigInteger(256, r));
      byte[] sig = signer.sign(hash, priv);
      byte[] pub = signer.createPublicKey(priv);
      int matches = 0;
      for (int recId = 0; recId < 4; recId++) {
        byte[] q = PublicCurveOps.recoverVartime(sig, hash, recId);
        matches += q != null && Arrays.equals(q, pub) ? 1 : 0;
        if (recId >= 2) { // x = r + n exceeds p for all but a 2^-128 fraction of signatures
          assertThat(q).isNull();
        }
      }
      assertThat(matches).as("case %d", i).isEqualTo(1);
    }
    assertThat(PublicCurveOps.recoverVartime(new byte[64], new byte[32], 0)).isNull();
  }

  @Test
  void tweakAddMatchesBouncyCastle() {
    Random r = new Random(17);
    for (int i = 0; i < 300; i++) {
      ECPoint p = G.multiply(new BigInteger(255, r).add(BigInteger.ONE)).normalize();
      BigInteger t = i == 0 ? BigInteger.ZERO : new BigInteger(256, r).mod(N);
      assertThat(PublicCurveOps.tweakAddVartime(p.getEncoded(false), FieldTest.toBytes(t)))
          .isEqualTo(G.multiply(t).add(p).normalize().getEncoded(false));
    }
    ECPoint p = G.multiply(BigInteger.valueOf(5)).normalize();
    assertThat(PublicCurveOps.tweakAddVartime(p.getEncoded(false), FieldTest.toBytes(N.subtract(BigInteger.valueOf(5)))))
        .as("P + (n - 5) G = infinity").isNull();
    assertThat(PublicCurveOps.tweakAddVartime(p.getEncoded(false), FieldTest.toBytes(N))).isNull();
  }

  /**
   * STYLE.md §11: the variable-time operations the backend calls say so in their names, so a
   * call site that passes a secret reads wrong (issue 13).
   */
  @Test
  void publicEntryPointsAreNamedVartime() {
    for (Class<?> c : new Class<?>[] {PublicCurveOps.class, PublicPoint.class}) {
      java.util.Arrays.stream(c.getDeclaredMethods())
          .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())
              && java.lang.reflect.Modifier.isStatic(m.getModifiers()))
          .filter(m -> !m.getName().equals("ofValidatedUncompressed")) // copies, computes nothing
          .forEach(m -> assertThat(m.getName()).as(c.getSimpleName()).endsWith("Vartime"));
    }
  }
}
