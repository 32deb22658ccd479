package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.wallet.WalletError;

/**
 * Walks every constant of the three failure domains through the module's one exception type.
 */
class ChainFailureTest {

  static Stream<ChainFailure> everyFailure() {
    return Stream.of(ChainError.values(), BlockError.values(), WalletError.values())
        .flatMap(Stream::of);
  }

  @ParameterizedTest
  @MethodSource("everyFailure")
  void everyFailureTravelsInChainException(ChainFailure failure) {
    Throwable cause = new IllegalStateException("cause");
    for (ChainException e : List.of(new ChainException(failure, "context"),
        new ChainException(failure, "context", cause))) {
      assertThat(e.failure()).isSameAs(failure);
      assertThat(e).hasFieldOrPropertyWithValue("failure", failure);
      assertThat(e.getMessage()).isEqualTo(failure.name() + ": context");
    }
    assertThat(new ChainException(failure, "c", cause).getCause()).isSameAs(cause);
  }

  @ParameterizedTest
  @MethodSource("everyFailure")
  void onlyBlockErrorsCarryACoreRejectReason(ChainFailure failure) {
    assertThat(failure.rejectReason().isPresent()).isEqualTo(failure instanceof BlockError);
  }

  @Test
  void namesAreUniqueAcrossDomainsSoLogsAreUnambiguous() {
    Set<String> names = new HashSet<>();
    everyFailure().forEach(f -> assertThat(names.add(f.name())).as(f.name()).isTrue());
    assertThat(names).hasSize(
        ChainError.values().length + BlockError.values().length + WalletError.values().length);
  }

  @Test
  void failureIsRequired() {
    assertThatThrownBy(() -> new ChainException(null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ChainException(null, "x", new IllegalStateException()))
        .isInstanceOf(NullPointerException.class);
  }
}
