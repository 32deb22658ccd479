package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Secp256k1;

/** The constant-time scalar helpers agree with BigInteger arithmetic, above all at the edges. */
class CurveTest {
  private static final BigInteger N = Secp256k1.ORDER;
  private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);

  @Test
  void orderIsSecp256k1() {
    assertThat(N.toString(16))
        .isEqualTo("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    assertThat(Secp256k1.HALF_ORDER).isEqualTo(N.shiftRight(1));
  }

  /** Issue 13: Bouncy Castle's curve object and the SDK's one constant name the same n. */
  @Test
  void bouncyCastleCurveHasTheSameOrder() {
    assertThat(BouncyCastleBackend.PARAMS.getN()).isEqualTo(N);
    assertThat(BouncyCastleBackend.DOMAIN.getN()).isEqualTo(N);
  }

  @Test
  void privateKeyRangeBoundaries() {
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(BigInteger.ZERO))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(BigInteger.ONE))).isTrue();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N.subtract(BigInteger.ONE)))).isTrue();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(N.add(BigInteger.ONE)))).isFalse();
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(TWO_256.subtract(BigInteger.ONE))))
        .isFalse();
    assertThat(Curve.isValidPrivateKey(new byte[31])).isFalse();
    assertThat(Curve.isValidPrivateKey(new byte[33])).isFalse();
    assertThat(Curve.isValidPrivateKey(null)).isFalse();
  }

  @Test
  void tweakRangeAndZeroBoundaries() {
    assertThat(Curve.isBelowOrder(Curve.toBytes32(BigInteger.ZERO))).isTrue();
    assertThat(Curve.isBelowOrder(Curve.toBytes32(N.subtract(BigInteger.ONE)))).isTrue();
    assertThat(Curve.isBelowOrder(Curve.toBytes32(N))).isFalse();
    assertThat(Curve.isBelowOrder(Curve.toBytes32(TWO_256.subtract(BigInteger.ONE)))).isFalse();
    assertThat(Curve.isZero(new byte[32])).isTrue();
    byte[] last = new byte[32];
    last[31] = 1;
    assertThat(Curve.isZero(last)).isFalse();
    byte[] first = new byte[32];
    first[0] = (byte) 0x80;
    assertThat(Curve.isZero(first)).isFalse();
    assertThatThrownBy(() -> Curve.isBelowOrder(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Curve.isZero(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Curve.addModOrder(new byte[32], new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void privateKeyRangeAgreesWithBigInteger() {
    Random random = new Random(256);
    for (int i = 0; i < 20_000; i++) {
      byte[] k = nearOrder(random);
      BigInteger v = new BigInteger(1, k);
      boolean expected = v.signum() > 0 && v.compareTo(N) < 0;
      assertThat(Curve.isValidPrivateKey(k)).as(v.toString(16)).isEqualTo(expected);
      assertThat(Curve.isBelowOrder(k)).as(v.toString(16)).isEqualTo(v.compareTo(N) < 0);
      assertThat(Curve.isZero(k)).as(v.toString(16)).isEqualTo(v.signum() == 0);
    }
  }

  @Test
  void additionModOrderAgreesWithBigInteger() {
    BigInteger nMinus1 = N.subtract(BigInteger.ONE);
    BigInteger[][] edges = {
      {BigInteger.ZERO, BigInteger.ZERO}, {nMinus1, BigInteger.ONE}, {nMinus1, nMinus1},
      {nMinus1, BigInteger.ZERO}, {N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE)},
      {TWO_256.subtract(N), nMinus1}, // the sum carries out of 256 bits
    };
    for (BigInteger[] e : edges) {
      checkAdd(e[0], e[1]);
    }
    Random random = new Random(512);
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = new BigInteger(1, nearOrder(random)).mod(N);
      BigInteger b = new BigInteger(1, nearOrder(random)).mod(N);
      checkAdd(a, b);
    }
  }

  private static void checkAdd(BigInteger a, BigInteger b) {
    byte[] aBytes = Curve.toBytes32(a);
    byte[] bBytes = Curve.toBytes32(b);
    assertThat(new BigInteger(1, Curve.addModOrder(aBytes, bBytes))).as("%x + %x", a, b)
        .isEqualTo(a.add(b).mod(N));
    assertThat(aBytes).isEqualTo(Curve.toBytes32(a)); // inputs untouched
    assertThat(bBytes).isEqualTo(Curve.toBytes32(b));
  }

  /** Random 32 bytes biased towards n: a random-length prefix of n, sometimes leading zeros. */
  private static byte[] nearOrder(Random random) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    System.arraycopy(Curve.toBytes32(N), 0, k, 0, random.nextInt(33));
    if (random.nextInt(10) == 0) {
      Arrays.fill(k, 0, random.nextInt(33), (byte) 0);
    }
    return k;
  }

  /**
   * Issue 13: one constant-time private-key range check. The backends used to carry their own
   * ({@code EcKey.fromPrivate} went through Bouncy Castle's BigInteger comparison); with none on
   * the interface no caller can pick a variable-time one by mistake.
   */
  @Test
  void backendsHaveNoPrivateKeyRangeCheckOfTheirOwn() {
    assertThat(Arrays.stream(CurveBackend.class.getMethods()).map(Method::getName))
        .doesNotContain("isValidPrivateKey");
  }
}
