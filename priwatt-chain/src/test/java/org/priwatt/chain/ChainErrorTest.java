package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChainErrorTest {
  @ParameterizedTest
  @EnumSource(ChainError.class)
  void everyErrorTravelsInItsException(ChainError error) {
    ChainException e = new ChainException(error, "context");
    assertThat(e.error()).isSameAs(error);
    assertThat(e.getMessage()).startsWith(error.name()).contains("context");
  }

  @ParameterizedTest
  @EnumSource(TxRejectReason.class)
  void everyRejectReasonHasCoresString(TxRejectReason reason) {
    assertThat(reason.reason()).startsWith("bad-").isEqualTo(reason.toString());
  }
}
