package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A runnable leaf command: writes to the command line's streams (so tests capture them) and
 * returns its exit code. Failures are thrown, typed, and rendered by {@link Main}.
 */
abstract class CliCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** Standard output of the command line. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error, for progress the caller may want to see apart from the result. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A wrong command line found after parsing (exit 2), e.g. options that exclude each other. */
  final ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public final Integer call() throws Exception {
    int code = run();
    out().flush();
    return code;
  }

  /** Does the work; returns {@link Main#OK} or throws. */
  abstract int run() throws Exception;
}
