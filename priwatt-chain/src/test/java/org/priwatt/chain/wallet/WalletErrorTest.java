package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.chain.ChainException;

/** Every wallet error travels in its exception and names itself in the message. */
class WalletErrorTest {
  @ParameterizedTest
  @EnumSource(WalletError.class)
  void exceptionCarriesTheError(WalletError error) {
    ChainException e = new ChainException(error, "context");
    assertThat(e.failure()).isEqualTo(error);
    assertThat(e.getMessage()).isEqualTo(error + ": context");
    Throwable cause = new IllegalStateException("x");
    assertThat(new ChainException(error, "c", cause).getCause()).isSameAs(cause);
  }
}
