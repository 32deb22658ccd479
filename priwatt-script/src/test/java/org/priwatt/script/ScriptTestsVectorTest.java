package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.testing.ScriptVectors;

/**
 * Runs every legacy row of Bitcoin Core's script_tests.json through the interpreter and checks
 * the exact {@link ScriptError}. Without a transaction no signature can verify, so each row runs
 * with a checker that rejects every signature and again with one that accepts every signature:
 * if both give the same result, the outcome does not depend on signature validity and is
 * checked; otherwise the row is skipped here (reported as "[needs-signature]") and covered by
 * {@link ScriptTestsWithSignaturesTest} and the transaction-based harness in priwatt-chain.
 */
class ScriptTestsVectorTest {
  /** Rows whose outcome is signature-independent, counted in {@link #coverage()}. */
  private static final int MIN_COVERED = 900;

  static Stream<ScriptVectors.Row> rows() {
    return ScriptVectors.legacyRows().stream();
  }

  /** The spend the vectors assume has nLockTime 0, final sequences and version 1. */
  private static final class FixedChecker implements SignatureChecker {
    private final boolean signaturesValid;
    int signatureChecks;

    FixedChecker(boolean signaturesValid) {
      this.signaturesValid = signaturesValid;
    }

    @Override
    public boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
      signatureChecks++;
      return signaturesValid;
    }

    @Override
    public boolean checkLockTime(long lockTime) {
      return false; // input sequence is final: CLTV always fails
    }

    @Override
    public boolean checkSequence(long sequence) {
      return false; // transaction version 1: CSV always fails
    }
  }

  /** Result with real signatures unknown: null if it depends on signature validity. */
  static ScriptError signatureIndependentResult(ScriptVectors.Row row) {
    Script sig = ScriptAsm.parse(row.scriptSig());
    Script pub = ScriptAsm.parse(row.scriptPubKey());
    FixedChecker reject = new FixedChecker(false);
    ScriptError rejected = ScriptInterpreter.verify(sig, pub, row.verifyFlags(), reject);
    if (reject.signatureChecks == 0) {
      return rejected;
    }
    ScriptError accepted =
        ScriptInterpreter.verify(sig, pub, row.verifyFlags(), new FixedChecker(true));
    return accepted == rejected ? rejected : null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  @Tag("vectors")
  void legacyRow(ScriptVectors.Row row) {
    ScriptError result = signatureIndependentResult(row);
    // Tagged skip: rows needing a real signature are run by ScriptTestsWithSignaturesTest (with a
    // test-only sighash) and by priwatt-chain's transaction harness.
    Assumptions.assumeTrue(result != null, "[needs-signature] " + row);
    assertThat(result).as(row.toString()).isEqualTo(ScriptError.forName(row.expected()));
  }

  @Test
  void coverage() {
    List<ScriptVectors.Row> rows = ScriptVectors.legacyRows();
    int covered = 0;
    int passed = 0;
    for (ScriptVectors.Row row : rows) {
      ScriptError result = signatureIndependentResult(row);
      if (result != null) {
        covered++;
        if (result == ScriptError.forName(row.expected())) {
          passed++;
        }
      }
    }
    System.out.printf("script_tests.json legacy rows: %d, signature-independent: %d, passed: %d%n",
        rows.size(), covered, passed);
    assertThat(rows).hasSize(1086);
    assertThat(covered).isGreaterThanOrEqualTo(MIN_COVERED);
    assertThat(passed).isEqualTo(covered);
  }
}
