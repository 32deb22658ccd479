package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

class ChainErrorTest {
  @ParameterizedTest
  @EnumSource(ChainError.class)
  void everyErrorTravelsInItsException(ChainError error) {
    ChainException e = new ChainException(error, "context");
    assertThat(e.failure()).isSameAs(error);
    assertThat(e.getMessage()).startsWith(error.name()).contains("context");
  }

  @ParameterizedTest
  @EnumSource(TxRejectReason.class)
  void everyRejectReasonHasCoresString(TxRejectReason reason) {
    assertThat(reason.reason()).startsWith("bad-").isEqualTo(reason.toString());
  }

  @ParameterizedTest
  @EnumSource(DecodeError.class)
  void everyDecodeErrorBecomesAChainErrorNamingTheOffset(DecodeError error) {
    ChainException e = new ChainException(new DecodeException(error, 7, "detail"));
    assertThat(e.failure()).isSameAs(ChainError.of(error));
    assertThat(e.getMessage()).startsWith(ChainError.of(error).name()).contains("offset 7", "detail");
    assertThat(e.getCause()).isInstanceOf(DecodeException.class);
  }

  @Test
  void decodeErrorsMapByMeaning() {
    assertThat(ChainError.of(DecodeError.TRUNCATED)).isEqualTo(ChainError.TRUNCATED);
    assertThat(ChainError.of(DecodeError.NON_CANONICAL)).isEqualTo(ChainError.NON_CANONICAL_COMPACT_SIZE);
    assertThat(ChainError.of(DecodeError.UNSUPPORTED_VERSION)).isEqualTo(ChainError.SEGWIT_NOT_SUPPORTED);
    assertThat(ChainError.of(DecodeError.OUT_OF_RANGE)).isEqualTo(ChainError.MALFORMED);
  }
}
