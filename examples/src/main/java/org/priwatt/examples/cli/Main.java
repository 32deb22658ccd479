package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code priwatt} command line. Builds the picocli command tree rooted at
 * {@link PriwattCommand} and decides how failures look: a wrong command line exits 2 with one line
 * and a hint, a failure while running exits 1 with the failure's typed code (a stack trace only
 * with {@code --verbose}), success exits 0.
 */
public final class Main {
  /** Exit code of a command that did what it was asked. */
  public static final int OK = 0;
  /** Exit code of a command that ran and failed (bad data, a refused check, an I/O error). */
  public static final int FAILURE = 1;
  /** Exit code of a command line that picocli could not accept. */
  public static final int USAGE = 2;

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command line on the given streams; never calls {@link System#exit}.
   *
   * @return the exit code: {@link #OK}, {@link #FAILURE} or {@link #USAGE}; for {@code priwatt rpc}
   *     an RPC error's code made positive, as bitcoin-cli
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The configured command tree: what {@link #run} executes and what completion describes. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PriwattCommand());
    // Arguments starting with '@' are ours (tx sign's "@file"), not picocli's argument files.
    cli.setExpandAtFiles(false);
    cli.setUsageHelpAutoWidth(true);
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler(Main::failure);
    // As bitcoin-cli: options before the RPC method, everything after it is the method's
    // arguments, even "-1" or "-named".
    cli.getSubcommands().get("rpc").setStopAtPositional(true);
    return cli;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + message(e, cmd));
    err.println("Try '" + name + " --help' for more information.");
    return USAGE;
  }

  /** picocli's message, reworded where a user would not know what it means. */
  private static String message(ParameterException e, CommandLine cmd) {
    boolean group = !cmd.getSubcommands().isEmpty();
    String commands = String.join(", ", cmd.getSubcommands().keySet());
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      String suggestion = u.getSuggestions().isEmpty() ? ""
          : " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
      if (first.startsWith("-")) {
        return "unknown option '" + first + "'" + suggestion;
      }
      return group ? "unknown command '" + first + "'" + (suggestion.isEmpty() ? "; commands: " + commands : suggestion)
          : "unexpected extra argument '" + first + "'";
    }
    if (group && e.getMessage().startsWith("Missing required subcommand")) {
      return "missing command; one of: " + commands;
    }
    return e.getMessage();
  }

  private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + Failures.describe(e));
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    return FAILURE;
  }

  /** Whether {@code --verbose} was given at any level of the command line. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption(PriwattCommand.VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
