package org.priwatt.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line refuses what it cannot do with exit code 2 and a message naming the problem,
 * before anything runs; nothing here starts JMH ({@code run --dry-run} only reads the benchmark
 * list compiled into the classes).
 */
class BenchMainTest {
  @TempDir
  Path dir;

  private record Outcome(int code, String text) {}

  private static Outcome run(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cl = BenchMain.commandLine();
    cl.setOut(new PrintWriter(text));
    cl.setErr(new PrintWriter(text));
    return new Outcome(cl.execute(args), text.toString());
  }

  @Test
  void aSubcommandIsRequired() {
    Outcome o = run();
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.text()).contains("Missing required subcommand");
    assertThat(run("bench-everything").code()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-p=foo", "-p=curve=", "-p==x", "-p=bits=1024,,2048", "--include=(unclosed",
      "--include=NoSuchBenchmarkAnywhere", "--warmup=3"})
  void runRejectsBadArguments(String bad) {
    Outcome o = run("run", "--dry-run", bad);
    assertThat(o.code()).as(o.text()).isEqualTo(2);
    assertThat(o.text()).containsAnyOf("expected NAME=VALUE", "not a regular expression", "no benchmark matches",
        "Unknown option");
  }

  @Test
  void aParameterGivenTwiceIsRejected() {
    Outcome o = run("run", "--dry-run", "-p", "bits=1024", "-p", "bits=2048");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.text()).contains("given twice");
  }

  @Test
  void aDryRunListsTheQuickSubsetAndItsDuration() {
    Outcome o = run("run", "--dry-run");
    assertThat(o.code()).as(o.text()).isZero();
    assertThat(o.text()).contains("quick mode, 55 benchmark runs").contains("EcdsaBenchmark.bcSign x4")
        .contains("RpcThroughputBenchmark.getblock1").contains("ChannelDurableBenchmark.oneChannel")
        .contains("RsaBenchmark.jdkSign x3").contains("DsoRegistryBenchmark.floorAppendForce x6")
        .doesNotContain("UtxoBenchmark");
    Outcome filtered = run("run", "--dry-run", "--include", "RsaBenchmark.jdk", "-p", "bits=2048");
    assertThat(filtered.text()).contains("2 benchmark runs in 1 JMH run(s)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1%", "100%", "250"})
  void compareRejectsABadThreshold(String threshold) throws IOException {
    Path sample = ReportTest.sample(dir);
    Outcome o = run("compare", sample.toString(), sample.toString(), "--threshold", threshold);
    assertThat(o.code()).as(o.text()).isEqualTo(2);
    assertThat(o.text()).contains("--threshold");
  }

  @Test
  void unreadableResultsAreUsageErrors() throws IOException {
    Path sample = ReportTest.sample(dir);
    Path notJson = Files.writeString(dir.resolve("notes.json"), "this is not JSON");
    Path notJmh = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": 1}");
    Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
    assertThat(run("report", dir.resolve("missing.json").toString(), "--out", dir.toString()).code()).isEqualTo(2);
    assertThat(run("report", notJson.toString(), "--out", dir.toString()).text()).contains("not readable JSON");
    assertThat(run("report", notJmh.toString(), "--out", dir.toString()).text()).contains("not a JMH JSON result");
    assertThat(run("report", empty.toString(), "--out", dir.toString()).code()).isEqualTo(2);
    assertThat(run("compare", sample.toString(), notJson.toString()).code()).isEqualTo(2);
    assertThat(run("compare", sample.toString()).code()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("REPORT.md"))).isFalse();
  }
}
