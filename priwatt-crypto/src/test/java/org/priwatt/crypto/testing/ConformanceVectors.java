package org.priwatt.crypto.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests find the public conformance vectors: the repository's {@code vectors/}
 * directory (copied in with their licences, see {@code vectors/README.md}), so a clone tests on
 * its own. Shared through crypto's test-jar by every module that reads vectors.
 */
public final class ConformanceVectors {
  private ConformanceVectors() {}

  /** The vectors directory, {@code <repository root>/vectors}. */
  public static Path directory() {
    return Repository.root().resolve("vectors");
  }

  /**
   * The vector file {@code relative} to {@link #directory()}.
   *
   * @throws IllegalStateException if the file is missing (a broken checkout, not a skipped test)
   */
  public static Path path(String relative) {
    Path p = directory().resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("conformance vector file missing: " + p);
    }
    return p;
  }

  /** The JSON document at {@code relative}. */
  public static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
