package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AmountTest {
  @Test
  void rangeIsZeroToMaxMoney() {
    assertThat(Amount.MAX_MONEY).isEqualTo(2_100_000_000_000_000L);
    assertThat(Amount.ofSat(0)).isSameAs(Amount.ZERO);
    assertThat(Amount.ofSat(Amount.MAX_MONEY).sat()).isEqualTo(Amount.MAX_MONEY);
    assertThatThrownBy(() -> Amount.ofSat(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.ofSat(Amount.MAX_MONEY + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arithmeticIsChecked() {
    Amount a = Amount.ofSat(Amount.MAX_MONEY - 5);
    assertThat(a.plus(Amount.ofSat(5)).sat()).isEqualTo(Amount.MAX_MONEY);
    assertThatThrownBy(() -> a.plus(Amount.ofSat(6))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.ofSat(1).minus(Amount.ofSat(2)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> a.times(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.ofSat(3).times(-1)).isInstanceOf(ArithmeticException.class);
    assertThat(Amount.ofSat(7).times(3)).isEqualTo(Amount.ofSat(21));
    assertThat(Amount.ofSat(7).compareTo(Amount.ofSat(8))).isNegative();
    assertThat(Amount.ofSat(150).toString()).isEqualTo("150 sat");
  }
}
