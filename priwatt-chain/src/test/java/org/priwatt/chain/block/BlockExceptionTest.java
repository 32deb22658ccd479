package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockExceptionTest {

  @ParameterizedTest
  @EnumSource(BlockError.class)
  void everyErrorIsCarriedAndNamedInTheMessage(BlockError error) {
    BlockException e = new BlockException(error, "context");
    assertThat(e.error()).isSameAs(error);
    assertThat(e.getMessage()).isEqualTo(error.name() + ": context");
  }

  @Test
  void errorIsRequired() {
    assertThatThrownBy(() -> new BlockException(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }
}
