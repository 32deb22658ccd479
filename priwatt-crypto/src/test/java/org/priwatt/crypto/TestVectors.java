package org.priwatt.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates and loads the shared conformance vectors (see /shared/vectors/README.md). */
final class TestVectors {
  private TestVectors() {}

  /**
   * Resolves {@code relative} under the shared vectors directory: {@code priwatt.root/../shared},
   * else the first {@code shared/vectors} found walking up from the repository root (worktrees
   * live one level deeper than the main checkout).
   */
  static Path path(String relative) {
    String root = System.getProperty("priwatt.root");
    Path start = Paths.get(root != null ? root : "..").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/vectors").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("vector file not found above " + start + ": " + relative);
  }

  static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
