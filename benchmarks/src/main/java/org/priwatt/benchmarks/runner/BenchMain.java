package org.priwatt.benchmarks.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./priwatt bench}: runs the JMH suite, turns a result into the report with its charts,
 * and compares two results for a regression check. Exit codes: 0 success, 1 a failure (a
 * benchmark failed, or {@code compare} found a regression), 2 a usage error (unknown option, bad
 * value, unreadable result file).
 */
@Command(name = "priwatt bench", mixinStandardHelpOptions = true,
    subcommands = {RunCommand.class, ReportCommand.class, CompareCommand.class},
    description = {"The PriWatt benchmark suite: the paper's Table 3 and every hot path next to its floor or peer.",
        "Run the quick mode, write the report, compare two results."},
    footer = {"", "Examples:", "  ./priwatt bench run                      quick mode, about 3 minutes",
        "  ./priwatt bench run --full --include Registry",
        "  ./priwatt bench run -p backend=NATIVE --include Ecdsa",
        "  ./priwatt bench report benchmarks/results/20250101-120000.json",
        "  ./priwatt bench compare old.json new.json --threshold 5%%"})
public final class BenchMain {
  /** The system property naming the benchmarks directory (results, report); the launcher sets it. */
  public static final String DIR_PROPERTY = "priwatt.bench.dir";

  private BenchMain() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code, without exiting: the entry point for a
   * command tree that embeds {@code bench}.
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command tree, for embedding or for tests that capture its output. */
  static CommandLine commandLine() {
    return new CommandLine(new BenchMain());
  }

  /**
   * The benchmarks directory: {@value #DIR_PROPERTY} if set, else {@code ./benchmarks} when run
   * from the repository root, else the working directory.
   */
  static Path benchDirectory() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path here = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(here.resolve("benchmarks/pom.xml"))) {
      return here.resolve("benchmarks");
    }
    return here;
  }
}
