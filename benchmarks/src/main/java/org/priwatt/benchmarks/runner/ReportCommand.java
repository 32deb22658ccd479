package org.priwatt.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench report <json>}: writes {@code benchmarks/REPORT.md} and the PNG charts in
 * {@code benchmarks/report/} from a JMH JSON result, with the machine the runner recorded beside it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write REPORT.md and its charts (report/*.png) from a JMH JSON result.")
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULT.json", description = "A JMH JSON result (benchmarks/results/...).")
  Path result;

  @Option(names = "--out", paramLabel = "DIR", description = "Where REPORT.md and report/ go (default: benchmarks).")
  Path out;

  @Option(names = "--note", paramLabel = "TEXT", description = "A paragraph under the title; repeatable.")
  List<String> notes = new ArrayList<>();

  @Option(names = "--discussion", paramLabel = "FILE.md",
      description = "Markdown appended as the report's discussion (default: RESULT.discussion.md beside the "
          + "result, if there is one).")
  Path discussion;

  @Override
  public Integer call() throws IOException {
    ResultSet results;
    try {
      results = ResultSet.read(result);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot use " + result + ": " + e.getMessage());
    }
    if (results.rows().isEmpty()) {
      throw new ParameterException(spec.commandLine(), result + " holds no benchmark result");
    }
    String text = "";
    Path notesFile = discussion != null ? discussion : besides(result, ".discussion.md");
    if (discussion != null || Files.exists(notesFile)) {
      try {
        text = Files.readString(notesFile);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "cannot read " + notesFile + ": " + e.getMessage());
      }
    }
    Path dir = out != null ? out : BenchMain.benchDirectory();
    Optional<Machine> recorded = Machine.readBesides(result);
    Machine machine = recorded.orElseGet(() -> Machine.current("unknown"));
    Report report = new Report(results, name(dir), machine, recorded.isPresent(), notes, text);
    List<Path> charts = report.write(dir);
    spec.commandLine().getOut().println("Wrote " + dir.resolve(Report.FILE) + " and " + charts.size() + " charts in "
        + dir.resolve(Report.CHARTS));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The file beside {@code result} with its {@code .json} replaced by {@code suffix}. */
  static Path besides(Path result, String suffix) {
    String name = result.getFileName().toString();
    return result.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + suffix);
  }

  /**
   * The result's path as the report shows it: from the repository root when the report goes to
   * the benchmarks directory and the result lies in it ({@code benchmarks/results/...}), else absolute.
   */
  private String name(Path dir) {
    Path abs = result.toAbsolutePath().normalize();
    Path base = dir.toAbsolutePath().normalize();
    if (abs.startsWith(base) && base.getParent() != null && base.getFileName().toString().equals("benchmarks")) {
      return base.getParent().relativize(abs).toString();
    }
    return abs.toString();
  }
}
