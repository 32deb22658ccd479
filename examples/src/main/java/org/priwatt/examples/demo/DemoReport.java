package org.priwatt.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's console output: numbered steps with a progress line ({@code [3/9] title ... done
 * (0.12 s)}) followed by the step's indented details, and the checks that decide the exit code.
 * Not thread-safe except {@link #line}, which other threads may call while a step runs.
 */
final class DemoReport {
  /** One verified claim of the demo. */
  record Check(String what, boolean passed) {}

  /** The body of one step. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws Exception;
  }

  private final PrintWriter out;
  private final int total;
  private final List<Check> checks = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Narrator narrator;
  private int index;

  DemoReport(PrintWriter out, int total, Narrator narrator) {
    this.out = out;
    this.total = total;
    this.narrator = narrator;
  }

  /**
   * Runs one step: prints its progress line, runs it, then prints its details.
   *
   * @throws DemoFailure if the body throws (the step is reported as failed)
   */
  <T> T step(String title, Body<T> body) throws DemoFailure {
    index++;
    out.print("[" + index + "/" + total + "] " + title + " ... ");
    out.flush();
    long start = System.nanoTime();
    try {
      T result = body.run();
      out.printf(Locale.ROOT, "done (%.2f s)%n", (System.nanoTime() - start) / 1e9);
      flush();
      return result;
    } catch (Exception e) {
      out.printf(Locale.ROOT, "FAILED (%.2f s)%n", (System.nanoTime() - start) / 1e9);
      line("error: " + e.getMessage());
      checks.add(new Check(title, false));
      flush();
      throw new DemoFailure(title + ": " + e.getMessage(), e);
    }
  }

  private void flush() {
    narrator.drainTo(this);
    synchronized (lines) {
      lines.forEach(l -> out.println("      " + l));
      lines.clear();
    }
  }

  /** Adds a detail line to the running step. */
  void line(String format, Object... args) {
    synchronized (lines) {
      lines.add(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }
  }

  /** Records a check and shows it; returns whether it passed. */
  boolean check(String what, boolean passed) {
    checks.add(new Check(what, passed));
    line((passed ? "[ok]   " : "[FAIL] ") + what);
    return passed;
  }

  /** Prints the summary line. */
  void summary() {
    long failed = checks.stream().filter(c -> !c.passed()).count();
    out.println();
    if (failed == 0) {
      out.println("All " + checks.size() + " checks passed.");
    } else {
      out.println(failed + " of " + checks.size() + " checks FAILED:");
      checks.stream().filter(c -> !c.passed()).forEach(c -> out.println("  - " + c.what()));
    }
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }

  /** A step that could not finish. */
  static final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
