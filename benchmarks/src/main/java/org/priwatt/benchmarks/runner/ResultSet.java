package org.priwatt.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of one JMH JSON result file ({@code -rf json}), in file order, with the JVM that
 * produced them. Secondary metrics that are rates or times (JMH's {@code @AuxCounters}, such as
 * the proof-of-work benchmark's {@code trials}) become rows of their own; profiler metrics
 * (named {@code ·gc...} and the like) are left out.
 *
 * @param rows every row
 * @param jvm the first entry's {@code vmName vmVersion (jdkVersion)}, or empty for an empty file
 */
public record ResultSet(List<ResultRow> rows, String jvm) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Validates and copies. */
  public ResultSet {
    rows = List.copyOf(rows);
  }

  /**
   * Reads a JMH JSON result.
   *
   * @throws IOException if the file cannot be read or is not a JMH JSON result (the message says
   *     which)
   */
  public static ResultSet read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IOException(file + " is not readable JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a JMH JSON result (expected an array of benchmarks)");
    }
    List<ResultRow> rows = new ArrayList<>();
    String jvm = "";
    for (JsonNode b : root) {
      String name = b.path("benchmark").asText("");
      JsonNode primary = b.path("primaryMetric");
      if (name.isEmpty() || !primary.isObject()) {
        throw new IOException(file + ": an entry without benchmark or primaryMetric, not a JMH JSON result");
      }
      if (jvm.isEmpty()) {
        jvm = (b.path("vmName").asText("") + " " + b.path("vmVersion").asText("") + " (JDK "
            + b.path("jdkVersion").asText("?") + ")").trim();
      }
      String mode = b.path("mode").asText("thrpt");
      TreeMap<String, String> params = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      rows.add(row(name, mode, params, primary));
      for (Iterator<Map.Entry<String, JsonNode>> it = b.path("secondaryMetrics").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        String unit = e.getValue().path("scoreUnit").asText("");
        if (!e.getKey().startsWith("\u00b7") && unit.contains("/")) {
          rows.add(row(name + ":" + e.getKey(), mode, params, e.getValue()));
        }
      }
    }
    return new ResultSet(rows, jvm);
  }

  private static ResultRow row(String name, String mode, TreeMap<String, String> params, JsonNode metric) {
    return new ResultRow(name, mode, params, number(metric.path("score")), number(metric.path("scoreError")),
        metric.path("scoreUnit").asText(""));
  }

  /** JMH writes NaN and infinities as strings. */
  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    try {
      return Double.parseDouble(n.asText("NaN"));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The rows keyed by {@link ResultRow#key()}, in file order (a later duplicate wins). */
  public Map<String, ResultRow> byKey() {
    Map<String, ResultRow> m = new LinkedHashMap<>();
    rows.forEach(r -> m.put(r.key(), r));
    return m;
  }

  /** The first row of {@code className.method} whose parameters include {@code params}. */
  public Optional<ResultRow> find(String className, String method, Map<String, String> params) {
    return rows.stream().filter(r -> r.className().equals(className) && r.method().equals(method) && r.hasParams(params))
        .findFirst();
  }

  /** The benchmark classes present, in file order. */
  public List<String> classes() {
    return rows.stream().map(ResultRow::className).distinct().toList();
  }

  /**
   * Concatenates JMH JSON result files into one array, in order (the runner runs the quick
   * selection as several JMH runs).
   *
   * @throws IOException if one cannot be read or is not an array
   */
  static void merge(List<Path> parts, Path into) throws IOException {
    ArrayNode all = JSON.createArrayNode();
    for (Path p : parts) {
      JsonNode n = JSON.readTree(Files.readString(p));
      if (n == null || !n.isArray()) {
        throw new IOException(p + " is not a JMH JSON result");
      }
      all.addAll((ArrayNode) n);
    }
    Files.writeString(into, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
  }
}
