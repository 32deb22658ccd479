package org.priwatt.benchmarks.runner;

import java.util.Locale;

/** Number formats of the report and the console summary: one spelling for every table. */
final class Fmt {
  static final String NONE = "–";

  private Fmt() {}

  /** Operations per second: grouped integers from 100 up, one decimal below, a dash for NaN. */
  static String ops(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return NONE;
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A score with its error, {@code 12,015 ± 3 %}. */
  static String withError(ResultRow r) {
    double ops = r.opsPerSecond();
    return Double.isNaN(r.error()) || r.score() == 0 ? ops(ops) : ops(ops) + " ± " + percent(r.relativeError());
  }

  /** A ratio: two decimals below 10, one below 100, none above. */
  static String ratio(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return NONE;
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
  }

  /** A fraction as a percentage without decimals ({@code 0.034} → {@code 3 %}); below 1 % with one. */
  static String percent(double fraction) {
    double p = fraction * 100;
    return String.format(Locale.ROOT, Math.abs(p) < 1 ? "%.1f %%" : "%.0f %%", p);
  }

  /** A signed change in percent, {@code +4.2 %} or {@code -12.0 %}. */
  static String change(double fraction) {
    return Double.isNaN(fraction) ? NONE : String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
  }
}
