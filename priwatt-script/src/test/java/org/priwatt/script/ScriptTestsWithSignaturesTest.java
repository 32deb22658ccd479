package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.testing.ScriptVectors;

/**
 * Every legacy row of script_tests.json, including those whose outcome depends on a real
 * signature, checked for the exact error with {@link VectorTransactionChecker}'s test-only legacy
 * signature hash.
 */
class ScriptTestsWithSignaturesTest {
  static Stream<ScriptVectors.Row> rows() {
    return ScriptVectors.legacyRows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyLegacyRow(ScriptVectors.Row row) {
    Script scriptPubKey = ScriptAsm.parse(row.scriptPubKey());
    ScriptError result = ScriptInterpreter.verify(ScriptAsm.parse(row.scriptSig()), scriptPubKey,
        row.verifyFlags(), new VectorTransactionChecker(scriptPubKey));
    assertThat(result).as(row.toString()).isEqualTo(ScriptError.forName(row.expected()));
  }
}
