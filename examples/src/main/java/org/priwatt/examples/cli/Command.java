package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code priwatt} sub-command. */
interface Command {
  /** The word that selects it, e.g. {@code keys}. */
  String name();

  /** One line of help. */
  String summary();

  /**
   * Runs the command.
   *
   * @return the process exit code
   * @throws UsageException if the arguments are wrong
   */
  int run(List<String> args, PrintStream out) throws Exception;
}
