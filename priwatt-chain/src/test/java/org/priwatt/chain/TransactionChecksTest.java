package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.Script;

class TransactionChecksTest {
  private static final Script P2 = Script.fromBytes(new byte[] {0x51});
  private static final OutPoint A = OutPoint.of(TxId.fromBytes(filled(1)), 0);
  private static final OutPoint B = OutPoint.of(TxId.fromBytes(filled(2)), 1);

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  private static TransactionBuilder valid() {
    return Transaction.builder().addInput(A).addInput(B).addOutput(Amount.ofSat(1000), P2);
  }

  @Test
  void validTransactionPasses() {
    assertThat(TransactionChecks.check(valid().build())).isEmpty();
    assertThat(TransactionChecks.check(Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[100]), 0))
        .addOutput(Amount.ofSat(Amount.MAX_MONEY), P2).build())).isEmpty();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        rule(TxRejectReason.VIN_EMPTY, b -> Transaction.builder().addOutput(Amount.ZERO, P2)),
        rule(TxRejectReason.VOUT_EMPTY, b -> Transaction.builder().addInput(A)),
        rule(TxRejectReason.OVERSIZE, b -> b.addOutput(Amount.ZERO, Script.fromBytes(new byte[1_000_000]))),
        rule(TxRejectReason.VOUT_NEGATIVE, b -> b.addOutput(TxOutput.ofRawValue(-1, P2))),
        rule(TxRejectReason.VOUT_TOO_LARGE,
            b -> b.addOutput(TxOutput.ofRawValue(Amount.MAX_MONEY + 1, P2))),
        rule(TxRejectReason.TXOUT_TOTAL_TOO_LARGE,
            b -> b.addOutput(Amount.ofSat(Amount.MAX_MONEY), P2)),
        rule(TxRejectReason.INPUTS_DUPLICATE, b -> b.addInput(A)),
        rule(TxRejectReason.COINBASE_LENGTH, b -> Transaction.builder()
            .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[1]), 0))
            .addOutput(Amount.ZERO, P2)),
        rule(TxRejectReason.COINBASE_LENGTH, b -> Transaction.builder()
            .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[101]), 0))
            .addOutput(Amount.ZERO, P2)),
        rule(TxRejectReason.PREVOUT_NULL, b -> b.addInput(OutPoint.NULL)));
  }

  private static Arguments rule(TxRejectReason reason,
      Function<TransactionBuilder, TransactionBuilder> edit) {
    return Arguments.of(reason, edit);
  }

  @ParameterizedTest
  @MethodSource("violations")
  void eachRuleHasItsReason(TxRejectReason expected,
      Function<TransactionBuilder, TransactionBuilder> edit) {
    Optional<TxRejectReason> got = TransactionChecks.check(edit.apply(valid()).build());
    assertThat(got).contains(expected);
  }

  @Test
  void reasonStringsAreCores() {
    assertThat(TxRejectReason.VIN_EMPTY.reason()).isEqualTo("bad-txns-vin-empty");
    assertThat(TxRejectReason.COINBASE_LENGTH.reason()).isEqualTo("bad-cb-length");
    for (TxRejectReason r : TxRejectReason.values()) {
      assertThat(r.reason()).matches("bad-[a-z]+-[a-z-]+");
    }
  }
}
