package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptAsm;
import org.priwatt.script.ScriptError;
import org.priwatt.script.testing.ScriptVectors;
import org.priwatt.script.testing.ScriptVectors.Row;

/**
 * Bitcoin Core's script_tests.json through real transactions: every non-witness row is spent
 * from a crediting transaction built as in the vectors' README, with signatures checked by
 * {@link TransactionSignatureChecker} over this module's serialization and legacy sighash, and
 * must end with exactly the expected ScriptError.
 */
class ScriptTestsVectorTest {
  static List<Row> rows() {
    return ScriptVectors.legacyRows();
  }

  /** Core's BuildCreditingTransaction. */
  static Transaction crediting(Script scriptPubKey) {
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, Script.of(new byte[] {0, 0}), TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(0, scriptPubKey))
        .build();
  }

  /** Core's BuildSpendingTransaction. */
  static Transaction spending(Script scriptSig, Transaction credit) {
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.of(credit.txId(), 0), scriptSig, TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(0, Script.EMPTY))
        .build();
  }

  @Test
  void allLegacyRowsArePresent() {
    // 1,109 non-witness rows, 23 of which carry WITNESS or TAPROOT flags
    assertThat(rows()).hasSize(1086);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(Row row) {
    Script scriptPubKey = ScriptAsm.parse(row.scriptPubKey());
    Transaction credit = crediting(scriptPubKey);
    Transaction spend = spending(ScriptAsm.parse(row.scriptSig()), credit);
    ScriptError got = ConsensusApi.verifyInput(spend, 0, scriptPubKey, row.flags());
    assertThat(got).as(row.toString()).isEqualTo(ScriptError.forName(row.expected()));
  }
}
