package org.priwatt.crypto.internal.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Field} against BigInteger arithmetic modulo p on random and edge-case operands at
 * the largest limb magnitudes each method admits, and checks the output bounds the point
 * formulas budget with (magnitude 1: limbs of absolute value at most 2^52 + 2^9).
 */
class FieldTest {
  static final BigInteger P = BigInteger.ONE.shiftLeft(256)
      .subtract(BigInteger.ONE.shiftLeft(32)).subtract(BigInteger.valueOf(977));
  private static final int CASES = 200_000;
  private static final long MUL_BOUND = 1L << 55;
  private static final long CARRY_BOUND = 1L << 62;
  private static final long MAGNITUDE_ONE = (1L << Field.LIMB_BITS) + (1L << 9);

  /** The integer a limb vector denotes (limbs may be negative or oversized). */
  static BigInteger value(long[] a) {
    BigInteger v = BigInteger.ZERO;
    for (int i = a.length - 1; i >= 0; i--) {
      v = v.shiftLeft(Field.LIMB_BITS).add(BigInteger.valueOf(a[i]));
    }
    return v;
  }

  static long[] of(BigInteger v) {
    long[] r = Field.create();
    Field.setBytes(r, toBytes(v.mod(P)), 0);
    return r;
  }

  static byte[] toBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static long[] randomLimbs(SplittableRandom r, long bound) {
    long[] a = Field.create();
    int shape = r.nextInt(4);
    for (int i = 0; i < Field.LIMBS; i++) {
      switch (shape) {
        case 0: a[i] = r.nextLong(-bound, bound + 1); break; // anywhere in the admitted range
        case 1: a[i] = r.nextBoolean() ? bound : -bound; break; // the extremes
        case 2: a[i] = r.nextLong(0, 1L << Field.LIMB_BITS); break; // canonical-looking
        default: a[i] = r.nextInt(3) == 0 ? 0 : bound - r.nextInt(4); break;
      }
    }
    return a;
  }

  private static void assertMagnitudeOne(long[] a, String what) {
    for (long limb : a) {
      assertThat(Math.abs(limb)).as(what).isLessThanOrEqualTo(MAGNITUDE_ONE);
    }
  }

  @Test
  void mulAndSqrMatchBigIntegerAtTheAdmittedBounds() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < CASES; i++) {
      long[] a = randomLimbs(r, MUL_BOUND);
      long[] b = randomLimbs(r, MUL_BOUND);
      long[] prod = Field.create();
      Field.mul(prod, a, b);
      assertThat(value(prod).mod(P)).as("mul %d", i).isEqualTo(value(a).multiply(value(b)).mod(P));
      assertMagnitudeOne(prod, "mul output");
      long[] sq = Field.create();
      Field.sqr(sq, a);
      assertThat(value(sq).mod(P)).as("sqr %d", i).isEqualTo(value(a).pow(2).mod(P));
      assertMagnitudeOne(sq, "sqr output");
    }
  }

  @Test
  void mulWorksInPlace() {
    long[] a = of(BigInteger.valueOf(12345));
    Field.mul(a, a, a);
    assertThat(value(a).mod(P)).isEqualTo(BigInteger.valueOf(12345L * 12345L));
  }

  @Test
  void carryKeepsTheValueAndReturnsToMagnitudeOne() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < CASES; i++) {
      long[] a = randomLimbs(r, CARRY_BOUND);
      BigInteger expected = value(a).mod(P);
      Field.carry(a);
      assertThat(value(a).mod(P)).isEqualTo(expected);
      assertMagnitudeOne(a, "carry output");
    }
  }

  @Test
  void normalizeGivesTheCanonicalRepresentative() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < CASES; i++) {
      long[] a = randomLimbs(r, CARRY_BOUND);
      BigInteger expected = value(a).mod(P);
      Field.normalize(a);
      assertThat(value(a)).isEqualTo(expected);
      for (long limb : a) {
        assertThat(limb).isBetween(0L, (1L << Field.LIMB_BITS) - 1);
      }
    }
  }

  @Test
  void normalizeHandlesTheValuesAroundPAndZero() {
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P, P.add(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), P.negate(), BigInteger.ONE.negate(),
      P.shiftLeft(1), BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(976)).negate()
    };
    for (BigInteger e : edges) {
      long[] a = limbsOfSigned(e);
      Field.normalize(a);
      assertThat(value(a)).as("%s", e.toString(16)).isEqualTo(e.mod(P));
      assertThat(Field.isZero(limbsOfSigned(e))).isEqualTo(e.mod(P).signum() == 0);
    }
  }

  /** Limbs of any integer in (-2^270, 2^270): canonical limbs, the sign in the top one. */
  private static long[] limbsOfSigned(BigInteger v) {
    long[] r = Field.create();
    BigInteger rest = v;
    int top = Field.LIMBS - 1;
    for (int i = 0; i < top; i++) {
      r[i] = rest.and(BigInteger.valueOf((1L << Field.LIMB_BITS) - 1)).longValueExact();
      rest = rest.shiftRight(Field.LIMB_BITS);
    }
    r[top] = rest.longValueExact();
    return r;
  }

  @Test
  void bytesRoundTripAndReduceOnOutput() {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < CASES / 10; i++) {
      byte[] in = new byte[32];
      r.nextBytes(in);
      long[] a = Field.create();
      Field.setBytes(a, in, 0);
      assertThat(value(a)).isEqualTo(new BigInteger(1, in));
      byte[] out = new byte[32];
      Field.getBytes(a, out, 0);
      assertThat(new BigInteger(1, out)).isEqualTo(new BigInteger(1, in).mod(P));
    }
  }

  @Test
  void sqrtFindsRootsOfSquaresAndRejectsNonSquares() {
    SplittableRandom r = new SplittableRandom(5);
    BigInteger half = P.subtract(BigInteger.ONE).shiftRight(1);
    int squares = 0;
    for (int i = 0; i < 2_000; i++) {
      BigInteger v = new BigInteger(256, new java.util.Random(r.nextLong())).mod(P);
      long[] root = Field.create();
      boolean isSquare = Field.sqrt(root, of(v));
      assertThat(isSquare).as("%s", v).isEqualTo(v.signum() == 0 || v.modPow(half, P).equals(BigInteger.ONE));
      if (isSquare) {
        squares++;
        assertThat(value(root).pow(2).mod(P)).isEqualTo(v);
      }
    }
    assertThat(squares).isBetween(800, 1_200);
    long[] zero = Field.create();
    assertThat(Field.sqrt(zero, Field.create())).isTrue();
    assertThat(Field.isZero(zero)).isTrue();
  }

  @Test
  void addSubNegateAndSmallMultiplesAreLimbWise() {
    SplittableRandom r = new SplittableRandom(6);
    LongSupplier limb = () -> r.nextLong(-(1L << 27), 1L << 27);
    for (int i = 0; i < 1_000; i++) {
      long[] a = Field.create();
      long[] b = Field.create();
      for (int k = 0; k < Field.LIMBS; k++) {
        a[k] = limb.getAsLong();
        b[k] = limb.getAsLong();
      }
      long[] t = Field.create();
      Field.add(t, a, b);
      assertThat(value(t)).isEqualTo(value(a).add(value(b)));
      Field.sub(t, a, b);
      assertThat(value(t)).isEqualTo(value(a).subtract(value(b)));
      Field.negate(t, a);
      assertThat(value(t)).isEqualTo(value(a).negate());
      Field.mulSmall(t, a, 8);
      assertThat(value(t)).isEqualTo(value(a).shiftLeft(3));
      assertThat(Field.equal(a, a.clone())).isTrue();
      assertThat(Field.equal(a, b)).isEqualTo(value(a).subtract(value(b)).mod(P).signum() == 0);
    }
  }
}
