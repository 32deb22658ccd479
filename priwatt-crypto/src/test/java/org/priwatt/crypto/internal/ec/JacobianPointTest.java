package org.priwatt.crypto.internal.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/**
 * Random walks of doublings, mixed and general additions against Bouncy Castle, checking after
 * every step both the point and the limb-magnitude budget the formulas' comments claim
 * (x at magnitude 1, y and z at most 2, where magnitude 1 is 2^52 + 2^9 per limb).
 */
class JacobianPointTest {
  private static final ECPoint G = BouncyCastleBackend.PARAMS.getG();
  private static final BigInteger N = org.priwatt.crypto.Secp256k1.ORDER;

  private static void assertWithinBudget(JacobianPoint p) {
    long unit = (1L << Field.LIMB_BITS) + (1L << 9);
    for (int i = 0; i < Field.LIMBS; i++) {
      assertThat(Math.abs(p.x[i])).isLessThanOrEqualTo(unit);
      assertThat(Math.abs(p.y[i])).isLessThanOrEqualTo(2 * unit);
      assertThat(Math.abs(p.z[i])).isLessThanOrEqualTo(2 * unit);
    }
  }

  /** The SEC 1 uncompressed encoding of j's affine point, or {0} for infinity. */
  static byte[] affine(JacobianPoint j) {
    if (j.infinity) {
      return new byte[] {0};
    }
    BigInteger p = FieldTest.P;
    BigInteger zi = FieldTest.value(j.z).mod(p).modInverse(p);
    BigInteger x = FieldTest.value(j.x).multiply(zi.pow(2)).mod(p);
    BigInteger y = FieldTest.value(j.y).multiply(zi.pow(3)).mod(p);
    return BouncyCastleBackend.PARAMS.getCurve().createPoint(x, y).getEncoded(false);
  }

  private static byte[] encoded(ECPoint p) {
    return p.isInfinity() ? new byte[] {0} : p.normalize().getEncoded(false);
  }

  @Test
  void randomWalksMatchBouncyCastleAndStayWithinTheMagnitudeBudget() {
    Random r = new Random(31);
    for (int walk = 0; walk < 200; walk++) {
      ECPoint expected = G.multiply(new BigInteger(256, r).mod(N)).normalize();
      JacobianPoint acc = new JacobianPoint();
      acc.setAffine(FieldTest.of(expected.getAffineXCoord().toBigInteger()),
          FieldTest.of(expected.getAffineYCoord().toBigInteger()));
      for (int step = 0; step < 50; step++) {
        ECPoint other = G.multiply(new BigInteger(256, r).mod(N)).normalize();
        boolean negate = r.nextBoolean();
        switch (r.nextInt(3)) {
          case 0:
            acc.twice();
            expected = expected.twice();
            break;
          case 1:
            acc.addAffine(FieldTest.of(other.getAffineXCoord().toBigInteger()),
                FieldTest.of(other.getAffineYCoord().toBigInteger()), negate);
            expected = expected.add(negate ? other.negate() : other);
            break;
          default:
            JacobianPoint j = new JacobianPoint();
            j.setAffine(FieldTest.of(other.getAffineXCoord().toBigInteger()),
                FieldTest.of(other.getAffineYCoord().toBigInteger()));
            j.twice(); // a genuine Z != 1
            acc.add(j, negate);
            expected = expected.add(negate ? other.twice().negate() : other.twice());
            break;
        }
        assertThat(affine(acc)).as("walk %d step %d", walk, step).isEqualTo(encoded(expected));
        assertWithinBudget(acc);
      }
    }
  }

  @Test
  void addingAPointToItselfDoublesAndToItsNegationVanishes() {
    ECPoint q = G.multiply(BigInteger.valueOf(12345)).normalize();
    long[] x = FieldTest.of(q.getAffineXCoord().toBigInteger());
    long[] y = FieldTest.of(q.getAffineYCoord().toBigInteger());
    JacobianPoint acc = new JacobianPoint();
    acc.setAffine(x, y);
    acc.addAffine(x, y, false);
    assertThat(affine(acc)).isEqualTo(encoded(q.twice()));
    JacobianPoint same = new JacobianPoint();
    same.set(acc);
    acc.add(same, true);
    assertThat(acc.infinity).isTrue();
    acc.addAffine(x, y, true);
    assertThat(affine(acc)).isEqualTo(encoded(q.negate()));
  }
}
