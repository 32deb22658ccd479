package org.priwatt.benchmarks.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench compare <old> <new>}: a table of every benchmark present in both results; exits 1
 * if one dropped by more than the threshold outside both error intervals (see {@link Comparison}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare two JMH JSON results: every benchmark in both, with its change.",
        "Exits 1 if one got slower by more than the threshold, beyond both results' error intervals."})
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The baseline result.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The result to check.")
  Path after;

  @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5%",
      description = "The drop tolerated, e.g. 5%% or 2.5 (default: ${DEFAULT-VALUE}).")
  String threshold;

  @Override
  public Integer call() {
    double t = parseThreshold();
    Comparison c = Comparison.of(read(before), read(after), t);
    PrintWriter out = spec.commandLine().getOut();
    out.println(c.table());
    out.flush();
    if (!c.regressions().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      c.regressions().forEach(l -> err.printf(Locale.ROOT, "REGRESSION %s: %s -> %s ops/s (%s)%n", l.key(),
          Fmt.withError(l.before()), Fmt.withError(l.after()), Fmt.change(l.change())));
      err.flush();
      return 1;
    }
    return 0;
  }

  private ResultSet read(Path file) {
    try {
      return ResultSet.read(file);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot use " + file + ": " + e.getMessage());
    }
  }

  private double parseThreshold() {
    String s = threshold.strip();
    String number = s.endsWith("%") ? s.substring(0, s.length() - 1).strip() : s;
    double percent;
    try {
      percent = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--threshold " + threshold + ": expected a percentage such as 5%");
    }
    if (!(percent >= 0 && percent < 100)) {
      throw new ParameterException(spec.commandLine(), "--threshold " + threshold + ": must be in [0%, 100%)");
    }
    return percent / 100;
  }
}
