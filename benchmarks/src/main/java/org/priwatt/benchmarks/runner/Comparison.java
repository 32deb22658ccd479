package org.priwatt.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two results of the same benchmarks compared row by row (matched by class, method, parameters and
 * mode), for a regression check in CI. A row is a regression only if it lost more than the
 * threshold <em>and</em> the two 99.9 % intervals JMH reported do not overlap, so a noisy run
 * does not fail a build; where JMH gave no error (a single iteration) the threshold alone decides.
 * Rates are compared in operations per second, so a time-per-operation benchmark that got slower
 * counts as a drop too.
 *
 * @param lines one per benchmark present in both, in the new file's order
 * @param onlyOld benchmarks only the old result has
 * @param onlyNew benchmarks only the new result has
 * @param threshold the relative drop tolerated, e.g. 0.05
 */
public record Comparison(List<Line> lines, List<String> onlyOld, List<String> onlyNew, double threshold) {
  /** What happened to one benchmark. */
  public enum Verdict {
    /** Lost more than the threshold, outside both error intervals. */
    REGRESSION("**slower**"),
    /** Gained more than the threshold, outside both error intervals. */
    FASTER("faster"),
    /** Moved more than the threshold, but within the error intervals. */
    NOISE("within error"),
    /** Moved less than the threshold. */
    SAME("same"),
    /** The two rows cannot be compared (unknown unit). */
    INCOMPARABLE("not comparable");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /** How the table shows it. */
    public String label() {
      return label;
    }
  }

  /**
   * One benchmark in both results.
   *
   * @param key the benchmark's identity
   * @param before the old row
   * @param after the new row
   * @param change the relative change in operations per second (+0.1 = 10 % faster)
   * @param verdict what the change means
   */
  public record Line(String key, ResultRow before, ResultRow after, double change, Verdict verdict) {}

  /** Copies. */
  public Comparison {
    lines = List.copyOf(lines);
    onlyOld = List.copyOf(onlyOld);
    onlyNew = List.copyOf(onlyNew);
  }

  /**
   * Compares {@code after} with {@code before}.
   *
   * @throws IllegalArgumentException if threshold is not in [0, 1)
   */
  public static Comparison of(ResultSet before, ResultSet after, double threshold) {
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold outside [0, 1): " + threshold);
    }
    Map<String, ResultRow> old = before.byKey();
    Map<String, ResultRow> now = after.byKey();
    List<Line> lines = new ArrayList<>();
    List<String> onlyNew = new ArrayList<>();
    for (Map.Entry<String, ResultRow> e : now.entrySet()) {
      ResultRow o = old.get(e.getKey());
      if (o == null) {
        onlyNew.add(e.getKey());
      } else {
        lines.add(line(e.getKey(), o, e.getValue(), threshold));
      }
    }
    List<String> onlyOld = old.keySet().stream().filter(k -> !now.containsKey(k)).toList();
    return new Comparison(lines, onlyOld, onlyNew, threshold);
  }

  private static Line line(String key, ResultRow before, ResultRow after, double threshold) {
    double o = before.opsPerSecond();
    double n = after.opsPerSecond();
    if (Double.isNaN(o) || Double.isNaN(n) || o <= 0) {
      return new Line(key, before, after, Double.NaN, Verdict.INCOMPARABLE);
    }
    double change = n / o - 1;
    Verdict v;
    if (Math.abs(change) <= threshold) {
      v = Verdict.SAME;
    } else if (change < 0) {
      v = n * (1 + after.relativeError()) < o * (1 - before.relativeError())
          ? Verdict.REGRESSION : Verdict.NOISE;
    } else {
      v = n * (1 - after.relativeError()) > o * (1 + before.relativeError()) ? Verdict.FASTER : Verdict.NOISE;
    }
    return new Line(key, before, after, change, v);
  }

  /** The lines judged regressions. */
  public List<Line> regressions() {
    return lines.stream().filter(l -> l.verdict() == Verdict.REGRESSION).toList();
  }

  /** The comparison as a Markdown table with a closing summary line. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append("| Benchmark | Before (ops/s) | After (ops/s) | Change | Verdict |\n|---|---:|---:|---:|---|\n");
    for (Line l : lines) {
      t.append("| ").append(l.key()).append(" | ").append(Fmt.withError(l.before())).append(" | ")
          .append(Fmt.withError(l.after())).append(" | ").append(Fmt.change(l.change())).append(" | ")
          .append(l.verdict().label()).append(" |\n");
    }
    t.append('\n').append(summary());
    return t.toString();
  }

  /** One line: how many compared, how many regressed, what was in one file only. */
  public String summary() {
    String s = lines.size() + " benchmarks compared, threshold " + Fmt.percent(threshold) + ": "
        + regressions().size() + " slower beyond the threshold and the error intervals";
    if (!onlyOld.isEmpty()) {
      s += "; only in the old result: " + onlyOld.size();
    }
    if (!onlyNew.isEmpty()) {
      s += "; only in the new result: " + onlyNew.size();
    }
    return s + ".";
  }
}
