package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnergyAmountTest {

  @Test
  void factoriesAgree() {
    assertThat(EnergyAmount.ofWattHours(5)).isEqualTo(EnergyAmount.ofMilliwattHours(5_000));
    assertThat(EnergyAmount.ofKilowattHours(2)).isEqualTo(EnergyAmount.ofWattHours(2_000));
    assertThat(EnergyAmount.ofWattHours(new BigDecimal("1.5")))
        .isEqualTo(EnergyAmount.ofMilliwattHours(1_500));
    assertThat(EnergyAmount.ofWattHours(new BigDecimal("1.500000")))
        .isEqualTo(EnergyAmount.ofMilliwattHours(1_500));
    assertThat(EnergyAmount.ofMilliwattHours(0)).isSameAs(EnergyAmount.ZERO);
    assertThat(EnergyAmount.ZERO.isZero()).isTrue();
  }

  @Test
  void accessors() {
    EnergyAmount a = EnergyAmount.ofMilliwattHours(1_234_567);
    assertThat(a.milliwattHours()).isEqualTo(1_234_567);
    assertThat(a.wattHours()).isEqualByComparingTo("1234.567");
    assertThat(a.wholeWattHours()).isEqualTo(1_234);
    assertThat(a.toString()).isEqualTo("1234.567 Wh");
    assertThat(EnergyAmount.ZERO.toString()).isEqualTo("0.000 Wh");
    assertThat(a.isZero()).isFalse();
  }

  @Test
  void rejectsInvalidValues() {
    assertThatThrownBy(() -> EnergyAmount.ofMilliwattHours(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours(Long.MAX_VALUE / 10))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> EnergyAmount.ofKilowattHours(Long.MAX_VALUE / 1000))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours(new BigDecimal("0.0001")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours(new BigDecimal("1e30")))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> EnergyAmount.ofWattHours((BigDecimal) null))
        .isInstanceOf(NullPointerException.class);
    for (double bad : new double[] {-0.001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> EnergyAmount.roundedFromWattHours(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, 0", "0.0004, 0", "0.0005, 1", "0.0625, 62", "0.1875, 188", "1.2345678, 1235",
    "1000000.0006, 1000000001"
  })
  void roundsHalfEvenToMilliwattHours(double wattHours, long expectedMilli) {
    // 0.0625 and 0.1875 Wh are exact binary ties (62.5 and 187.5 mWh); the double nearest to
    // 0.0005 lies slightly above the tie, so it rounds up.
    assertThat(EnergyAmount.roundedFromWattHours(wattHours).milliwattHours())
        .isEqualTo(expectedMilli);
  }

  @Test
  void arithmetic() {
    EnergyAmount a = EnergyAmount.ofWattHours(7);
    EnergyAmount b = EnergyAmount.ofMilliwattHours(2_500);
    assertThat(a.plus(b)).isEqualTo(EnergyAmount.ofMilliwattHours(9_500));
    assertThat(a.minus(b)).isEqualTo(EnergyAmount.ofMilliwattHours(4_500));
    assertThat(a.minus(a)).isEqualTo(EnergyAmount.ZERO);
    assertThat(b.times(4)).isEqualTo(EnergyAmount.ofWattHours(10));
    assertThat(b.times(0)).isEqualTo(EnergyAmount.ZERO);
    assertThatThrownBy(() -> b.minus(a)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.times(-1)).isInstanceOf(IllegalArgumentException.class);
    EnergyAmount max = EnergyAmount.ofMilliwattHours(Long.MAX_VALUE);
    assertThatThrownBy(() -> max.plus(EnergyAmount.ofMilliwattHours(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> a.plus(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void randomArithmeticMatchesBigDecimal() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long x = random.nextLong() >>> 2;
      long y = random.nextLong() >>> 2;
      EnergyAmount a = EnergyAmount.ofMilliwattHours(x);
      EnergyAmount b = EnergyAmount.ofMilliwattHours(y);
      assertThat(a.plus(b).wattHours()).isEqualByComparingTo(a.wattHours().add(b.wattHours()));
      assertThat(EnergyAmount.ofWattHours(a.wattHours())).isEqualTo(a);
      assertThat(a.compareTo(b)).isEqualTo(Long.compare(x, y));
      EnergyAmount big = x >= y ? a : b;
      EnergyAmount small = x >= y ? b : a;
      assertThat(big.minus(small).plus(small)).isEqualTo(big);
    }
  }

  @Test
  void equalityAndOrdering() {
    EnergyAmount a = EnergyAmount.ofWattHours(3);
    assertThat(a).isEqualTo(EnergyAmount.ofMilliwattHours(3_000)).isNotEqualTo(null)
        .isNotEqualTo((Object) 3_000L);
    assertThat(a.hashCode()).isEqualTo(EnergyAmount.ofMilliwattHours(3_000).hashCode());
    assertThat(a).isGreaterThan(EnergyAmount.ofMilliwattHours(2_999))
        .isLessThan(EnergyAmount.ofMilliwattHours(3_001));
  }
}
