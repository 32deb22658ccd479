package org.priwatt.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Loads the legacy (non-witness) rows of Bitcoin Core's script_tests.json. */
final class ScriptVectors {
  /** One row: line number in the JSON array, scripts in test-assembler syntax, flags, result. */
  record Row(int index, String scriptSig, String scriptPubKey, String flags, String expected,
      String comment) {
    Set<VerifyFlag> verifyFlags() {
      return VerifyFlag.parseList(flags);
    }

    @Override
    public String toString() {
      return "#" + index + " [" + scriptSig + "] [" + scriptPubKey + "] " + flags + " -> "
          + expected + (comment.isEmpty() ? "" : " (" + comment + ")");
    }
  }

  private ScriptVectors() {}

  static Path vectorsDir() {
    String root = System.getProperty("priwatt.root");
    Path base = root != null ? Paths.get(root, "..", "shared") : Paths.get("..", "..", "shared");
    Path dir = base.resolve("vectors");
    if (!Files.isDirectory(dir)) {
      dir = Paths.get("/work/shared/vectors");
    }
    return dir;
  }

  /** Rows without witness data and without WITNESS/TAPROOT flags. */
  static List<Row> legacyRows() {
    try {
      JsonNode all = new ObjectMapper()
          .readTree(vectorsDir().resolve("bitcoin-core/script_tests.json").toFile());
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
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
