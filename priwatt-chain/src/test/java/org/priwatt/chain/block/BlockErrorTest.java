package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.chain.ChainException;

/** Every block error travels in the module's exception and exposes Core's reject string. */
class BlockErrorTest {

  @ParameterizedTest
  @EnumSource(BlockError.class)
  void everyErrorIsCarriedAndNamedInTheMessage(BlockError error) {
    ChainException e = new ChainException(error, "context");
    assertThat(e.failure()).isSameAs(error);
    assertThat(e.failure()).isSameAs(error);
    assertThat(e.getMessage()).isEqualTo(error.name() + ": context");
  }

  @ParameterizedTest
  @EnumSource(BlockError.class)
  void everyErrorHasCoresRejectReason(BlockError error) {
    assertThat(error.reason()).isNotBlank().doesNotContainAnyWhitespaces();
    assertThat(error.rejectReason()).hasValue(error.reason());
  }

  @Test
  void errorIsRequired() {
    assertThatThrownBy(() -> new ChainException(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }
}
