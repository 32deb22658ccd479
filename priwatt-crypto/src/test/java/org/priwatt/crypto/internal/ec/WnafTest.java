package org.priwatt.crypto.internal.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trip and shape of {@link Wnaf}: the digits sum back to the scalar, odd and spaced. */
class WnafTest {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private static void check(BigInteger k, int w) {
    int[] digits = new int[Wnaf.MAX_LENGTH];
    int length = Wnaf.encode(digits, FieldTest.toBytes(k), w);
    BigInteger sum = BigInteger.ZERO;
    int lastNonZero = -w;
    for (int i = 0; i < digits.length; i++) {
      int d = digits[i];
      if (d != 0) {
        assertThat(d & 1).as("odd digit").isEqualTo(1);
        assertThat(Math.abs(d)).isLessThan(1 << (w - 1));
        assertThat(i - lastNonZero).as("spacing").isGreaterThanOrEqualTo(w);
        assertThat(i).isLessThan(length);
        lastNonZero = i;
      }
      sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
    }
    assertThat(length).isEqualTo(k.signum() == 0 ? 0 : lastNonZero + 1);
    assertThat(sum).as("k=%s w=%d", k.toString(16), w).isEqualTo(k);
  }

  @Test
  void digitsSumToTheScalarForEveryWidth() {
    Random r = new Random(7);
    for (int w = 2; w <= 16; w++) {
      for (int i = 0; i < 2_000; i++) {
        check(new BigInteger(256, r), w);
      }
      check(BigInteger.ZERO, w);
      check(BigInteger.ONE, w);
      check(MAX, w); // all ones: the top window carries out past bit 255
      check(BigInteger.ONE.shiftLeft(255), w);
    }
  }
}
