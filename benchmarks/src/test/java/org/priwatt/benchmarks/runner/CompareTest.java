package org.priwatt.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The regression check: a drop beyond the threshold outside both error intervals fails, a drop of
 * the same size inside wide error bars or within the threshold does not, and time-per-operation
 * benchmarks count a slowdown as a drop.
 */
class CompareTest {
  @TempDir
  Path dir;

  /** A JMH JSON file with one thrpt row per {name, score, error} triple. */
  private Path result(String file, Object... rows) throws IOException {
    ArrayNode all = ResultSet.JSON.createArrayNode();
    for (int i = 0; i < rows.length; i += 3) {
      ObjectNode b = all.addObject();
      String name = (String) rows[i];
      boolean time = name.endsWith("Time");
      b.put("benchmark", "org.priwatt.benchmarks.X." + name).put("mode", time ? "avgt" : "thrpt");
      ObjectNode m = b.putObject("primaryMetric");
      m.put("score", (double) rows[i + 1]).put("scoreError", (double) rows[i + 2]).put("scoreUnit",
          time ? "ms/op" : "ops/s");
    }
    Path p = dir.resolve(file);
    Files.writeString(p, ResultSet.JSON.writeValueAsString(all));
    return p;
  }

  private int compare(StringWriter out, String... args) {
    CommandLine cl = BenchMain.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    return cl.execute(args);
  }

  @Test
  void aRealDropFailsAndNoiseDoesNot() throws IOException {
    Path old = result("old.json", "dropped", 1000.0, 10.0, "noisy", 1000.0, 300.0, "steady", 1000.0, 10.0,
        "faster", 1000.0, 10.0, "slowerTime", 2.0, 0.02, "gone", 5.0, 0.1);
    Path now = result("new.json", "dropped", 800.0, 10.0, "noisy", 800.0, 300.0, "steady", 970.0, 10.0,
        "faster", 1300.0, 10.0, "slowerTime", 2.5, 0.02, "added", 5.0, 0.1);
    Comparison c = Comparison.of(ResultSet.read(old), ResultSet.read(now), 0.05);
    assertThat(c.lines()).extracting(l -> l.key() + " " + l.verdict()).containsExactly(
        "X.dropped REGRESSION", "X.noisy NOISE", "X.steady SAME", "X.faster FASTER", "X.slowerTime (avgt) REGRESSION");
    assertThat(c.onlyOld()).containsExactly("X.gone");
    assertThat(c.onlyNew()).containsExactly("X.added");

    StringWriter out = new StringWriter();
    assertThat(compare(out, "compare", old.toString(), now.toString(), "--threshold", "5%")).isEqualTo(1);
    assertThat(out.toString()).contains("| X.dropped | 1,000 ± 1 % | 800 ± 1 % | -20.0 % | **slower** |")
        .contains("| X.noisy | 1,000 ± 30 % | 800 ± 38 % | -20.0 % | within error |")
        .contains("REGRESSION X.dropped").contains("REGRESSION X.slowerTime (avgt)")
        .contains("5 benchmarks compared, threshold 5 %: 2 slower");
  }

  @Test
  void aDropWithinTheThresholdPasses() throws IOException {
    Path old = result("old.json", "a", 1000.0, 1.0, "b", 500.0, 1.0);
    Path now = result("new.json", "a", 960.0, 1.0, "b", 510.0, 1.0);
    StringWriter out = new StringWriter();
    assertThat(compare(out, "compare", old.toString(), now.toString())).isZero();
    assertThat(compare(new StringWriter(), "compare", old.toString(), now.toString(), "--threshold", "2.5"))
        .as("4 %% beyond 2.5 %%").isEqualTo(1);
  }

  @Test
  void theSameResultComparesClean() throws IOException {
    Path sample = ReportTest.sample(dir);
    Comparison c = Comparison.of(ResultSet.read(sample), ResultSet.read(sample), 0.0);
    assertThat(c.lines()).hasSize(49).allMatch(l -> l.verdict() == Comparison.Verdict.SAME);
    assertThat(c.regressions()).isEqualTo(List.of());
  }
}
