package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptAsm;
import org.priwatt.script.ScriptError;
import org.priwatt.script.VerifyFlag;

/**
 * Bitcoin Core's script_tests.json through real transactions: every non-witness row is spent
 * from a crediting transaction built as in the vectors' README, with signatures checked by
 * {@link TransactionSignatureChecker} over this module's serialization and legacy sighash, and
 * must end with exactly the expected ScriptError.
 */
class ScriptTestsVectorTest {
  record Row(int index, String scriptSig, String scriptPubKey, String flags, String expected,
      String comment) {
    @Override
    public String toString() {
      return "#" + index + " [" + scriptSig + "] [" + scriptPubKey + "] " + flags + " -> "
          + expected + (comment.isEmpty() ? "" : " (" + comment + ")");
    }
  }

  static Path vectors() {
    String root = System.getProperty("priwatt.root");
    Path start = Paths.get(root != null ? root : ".").toAbsolutePath().normalize();
    // The documented place is <root>/../shared; worktrees sit one level deeper, so walk up.
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = p.resolveSibling("shared").resolve("vectors");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException("shared/vectors not found above " + start);
  }

  static List<Row> rows() throws IOException {
    JsonNode all = new ObjectMapper()
        .readTree(vectors().resolve("bitcoin-core/script_tests.json").toFile());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonNode r = all.get(i);
      if (r.size() < 4 || r.get(0).isArray()) {
        continue; // comments and segwit rows
      }
      EnumSet<VerifyFlag> flags = VerifyFlag.parseList(r.get(2).asText());
      if (flags.contains(VerifyFlag.WITNESS) || flags.contains(VerifyFlag.TAPROOT)) {
        continue;
      }
      rows.add(new Row(i, r.get(0).asText(), r.get(1).asText(), r.get(2).asText(),
          r.get(3).asText(), r.size() > 4 ? r.get(4).asText() : ""));
    }
    return rows;
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
  void allLegacyRowsArePresent() throws IOException {
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
