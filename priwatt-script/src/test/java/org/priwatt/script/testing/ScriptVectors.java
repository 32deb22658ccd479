package org.priwatt.script.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.priwatt.crypto.testing.ConformanceVectors;
import org.priwatt.script.VerifyFlag;

/**
 * The legacy (non-witness) rows of Bitcoin Core's script_tests.json, parsed once for every test
 * that reads them (script's interpreter harnesses, chain's transaction harness); shared through
 * script's test-jar.
 */
public final class ScriptVectors {
  /** One row: line number in the JSON array, scripts in test-assembler syntax, flags, result. */
  public record Row(int index, String scriptSig, String scriptPubKey, String flags, String expected,
      String comment) {
    /** The row's flags, parsed. */
    public Set<VerifyFlag> verifyFlags() {
      return VerifyFlag.parseList(flags);
    }

    @Override
    public String toString() {
      return "#" + index + " [" + scriptSig + "] [" + scriptPubKey + "] " + flags + " -> "
          + expected + (comment.isEmpty() ? "" : " (" + comment + ")");
    }
  }

  private ScriptVectors() {}

  /** Rows without witness data and without WITNESS/TAPROOT flags, in file order. */
  public static List<Row> legacyRows() {
    JsonNode all = ConformanceVectors.json("bitcoin-core/script_tests.json");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonNode r = all.get(i);
      if (r.size() < 4 || r.get(0).isArray()) {
        continue;
      }
      String flags = r.get(2).asText();
      EnumSet<VerifyFlag> set = VerifyFlag.parseList(flags);
      if (set.contains(VerifyFlag.WITNESS) || set.contains(VerifyFlag.TAPROOT)) {
        continue;
      }
      rows.add(new Row(i, r.get(0).asText(), r.get(1).asText(), flags, r.get(3).asText(),
          r.size() > 4 ? r.get(4).asText() : ""));
    }
    return List.copyOf(rows);
  }
}
