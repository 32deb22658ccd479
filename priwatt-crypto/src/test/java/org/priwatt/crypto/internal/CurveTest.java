package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveTest {
  private static final BigInteger N = org.priwatt.crypto.Secp256k1.ORDER;

  @Test
  void orderIsSecp256k1() {
    assertThat(N.toString(16))
        .isEqualTo("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  }

  @Test
  void privateKeyRangeBoundaries() {
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(BigInteger.ZERO))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(BigInteger.ONE))).isTrue();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N.subtract(BigInteger.ONE)))).isTrue();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N.add(BigInteger.ONE)))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(BigInteger.TWO.pow(256).subtract(BigInteger.ONE))))
        .isFalse();
    assertThat(Curve.isValidPrivateKey(new byte[31])).isFalse();
    assertThat(Curve.isValidPrivateKey(new byte[33])).isFalse();
    assertThat(Curve.isValidPrivateKey(null)).isFalse();
  }

  @Test
  void privateKeyRangeAgreesWithBigInteger() {
    Random random = new Random(256);
    for (int i = 0; i < 20_000; i++) {
      byte[] k = new byte[32];
      random.nextBytes(k);
      // Bias towards the interesting region near n by copying a prefix of n.
      int prefix = random.nextInt(33);
      System.arraycopy(Curve.toBytes32(N), 0, k, 0, prefix);
      if (random.nextInt(10) == 0) {
        java.util.Arrays.fill(k, 0, random.nextInt(33), (byte) 0);
      }
      BigInteger v = new BigInteger(1, k);
      boolean expected = v.signum() > 0 && v.compareTo(N) < 0;
      assertThat(Curve.isValidPrivateKey(k)).as(v.toString(16)).isEqualTo(expected);
    }
  }
}
