package org.priwatt.benchmarks.runner;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measured figure of a JMH result: a benchmark (or one of its secondary metrics, named
 * {@code method:metric} as JMH prints it) with its parameters, score, error and unit. The unit
 * decides how it converts to operations per second, the report's one scale. Immutable.
 *
 * @param benchmark the fully qualified name, {@code org.priwatt.benchmarks.Class.method[:metric]}
 * @param mode JMH's short mode name ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param params the benchmark's parameters, sorted by name
 * @param score the score in {@code unit}
 * @param error the half-width of JMH's 99.9 % confidence interval, NaN when JMH had too few samples
 * @param unit JMH's unit, e.g. {@code ops/s} or {@code ms/op}
 */
public record ResultRow(String benchmark, String mode, SortedMap<String, String> params, double score, double error,
    String unit) {
  /** Validates and copies. */
  public ResultRow {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(mode, "mode");
    params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    Objects.requireNonNull(unit, "unit");
  }

  /** A row with parameters given as alternating names and values. */
  public static ResultRow of(String benchmark, double score, double error, String unit, String... nameValues) {
    TreeMap<String, String> p = new TreeMap<>();
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      p.put(nameValues[i], nameValues[i + 1]);
    }
    return new ResultRow(benchmark, "thrpt", p, score, error, unit);
  }

  /** The benchmark class's simple name, e.g. {@code EcdsaBenchmark}. */
  public String className() {
    String method = benchmark.contains(":") ? benchmark.substring(0, benchmark.indexOf(':')) : benchmark;
    String cls = method.substring(0, Math.max(0, method.lastIndexOf('.')));
    return cls.substring(cls.lastIndexOf('.') + 1);
  }

  /** The method name with a secondary metric's suffix, e.g. {@code sdkSign} or {@code sdkSearch1Thread:trials}. */
  public String method() {
    int colon = benchmark.indexOf(':');
    String method = colon < 0 ? benchmark : benchmark.substring(0, colon);
    String name = method.substring(method.lastIndexOf('.') + 1);
    return colon < 0 ? name : name + benchmark.substring(colon);
  }

  /** {@code Class.method} with the parameters, the identity of a row across runs. */
  public String key() {
    return className() + "." + method() + paramsLabel() + (mode.equals("thrpt") ? "" : " (" + mode + ")");
  }

  /** {@code [name=value, ...]}, or empty without parameters. */
  public String paramsLabel() {
    return params.isEmpty() ? "" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", " [", "]"));
  }

  /** Whether every entry of {@code wanted} is among the parameters. */
  public boolean hasParams(Map<String, String> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
  }

  /** Whether the unit is a rate (higher is better) rather than a time per operation. */
  public boolean isRate() {
    return unit.startsWith("ops/");
  }

  /** The score in operations per second (a time per operation is inverted), or NaN for an unknown unit. */
  public double opsPerSecond() {
    return toOpsPerSecond(score);
  }

  /** {@code value}, in this row's unit, as operations per second. */
  double toOpsPerSecond(double value) {
    int slash = unit.indexOf('/');
    if (slash < 0) {
      return Double.NaN;
    }
    if (unit.startsWith("ops/")) {
      double perUnit = seconds(unit.substring(slash + 1));
      return value / perUnit;
    }
    if (unit.endsWith("/op")) {
      double s = seconds(unit.substring(0, slash)) * value;
      return s > 0 ? 1 / s : Double.NaN;
    }
    return Double.NaN;
  }

  /** The error as a fraction of the score (0 when unknown). */
  public double relativeError() {
    return Double.isNaN(error) || score == 0 ? 0 : Math.abs(error / score);
  }

  private static double seconds(String unit) {
    return switch (unit) {
      case "s" -> 1;
      case "ms" -> 1e-3;
      case "us" -> 1e-6;
      case "ns" -> 1e-9;
      case "min" -> 60;
      default -> Double.NaN;
    };
  }
}
