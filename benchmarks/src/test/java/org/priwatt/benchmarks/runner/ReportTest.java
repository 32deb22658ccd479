package org.priwatt.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from the committed sample result (48 entries of a quick run's shape): the Markdown
 * carries the paper's Table 3 rows with the measured figures beside them, the ratios, the floors
 * and peers, and the charts are written as PNG files.
 */
class ReportTest {
  @TempDir
  Path dir;

  static Path sample(Path dir) throws IOException {
    Path file = dir.resolve("results/20250101-120000.json");
    Files.createDirectories(file.getParent());
    try (InputStream in = ReportTest.class.getResourceAsStream("sample-result.json")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Test
  void theReportHoldsTable3TheRatiosTheFloorsAndTheCharts() throws IOException {
    Path result = sample(dir);
    int code = BenchMain.run("report", result.toString(), "--out", dir.toString(), "--note", "A note on the run.");
    assertThat(code).isZero();

    String md = Files.readString(dir.resolve("REPORT.md"));
    // Every paper row with the paper's figures, then what was measured beside it.
    assertThat(md).contains("| **ECC160** | 12,015 | 3,081 | Bouncy Castle secp160r1 | 9,100 | 4,300 | 2.12 |")
        .contains("| **ECC224** | 10,658 | 4,770 |").contains("| **ECC256** | 5,729 | 2,297 |")
        .contains("| **RSA1024** | 3,220 | 53,656 | JDK SunRsaSign | 7,000 | 110,000 | 0.06 |")
        .contains("| **RSA2048** | 490 | 15,257 |").contains("| **RSA4096** | 55.6 | 3,731 |")
        .contains("SDK secp256k1, libsecp256k1 backend | 41,000 | 28,800 |");
    // The ratios that carry: paper 15,257 / 2,297 = 6.64; Bouncy Castle 30,000 / 2,500 = 12.0.
    assertThat(md).contains("| RSA2048 verify / ECDSA256 verify | 6.64 | Bouncy Castle (RSA / P-256) **12.0**")
        .contains("| ECDSA256 sign / RSA2048 sign | 11.7 | Bouncy Castle (P-256 / RSA) **7.63**")
        .contains("| RSA4096 verify / sign | 67.1 | JDK **65.6**; Bouncy Castle **68.3** |")
        .contains("JDK-8235710").contains("A note on the run.");
    // Hot paths beside their floors, matched on the same storage.
    assertThat(md).contains("| lock [wal=DISK] | 2,100 ± 10 % | floorAppendForce [record=LOCK, wal=DISK] | 2,300 ± 10 % | 0.91 | floor |")
        .contains("| relay | 240,000 ± 5 % | floorDecodeAndCheck | 330,000 | 0.73 | floor |")
        .contains("`EcdsaBenchmark.sdkSign` [backend=NATIVE] against `rawBindingSign`: **0.95 ×** (on par)");
    // No machine file beside the result: the report says whose machine it describes.
    assertThat(md).contains("may not be the one that ran the benchmarks");
    // Every slot the issues asked for is filled (channels, node): none is left pending.
    assertThat(md).doesNotContain("| pending |");

    for (String chart : List.of("table3", "ecc256", "EcdsaBenchmark", "RsaBenchmark", "DsoRegistryBenchmark",
        "MessageRelayBenchmark", "OfferMatchingBenchmark", "TemplateSelectionBenchmark")) {
      Path png = dir.resolve("report/" + chart + ".png");
      assertThat(png).as(chart).exists();
      byte[] head = Files.readAllBytes(png);
      assertThat(head.length).as(chart + " size").isGreaterThan(5_000);
      assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(chart).isEqualTo("PNG");
    }
  }

  @Test
  void aRecordedMachineIsReportedAndABusyOneFlagged() throws IOException {
    Path result = sample(dir);
    new Machine("Test CPU", 2, List.of("aes", "avx2"), "Vendor 17", "Linux", "2025-01-01T12:00:00Z", "quick", 3.5, 4.0,
        170).write(Machine.besides(result));
    assertThat(BenchMain.run("report", result.toString(), "--out", dir.toString())).isZero();
    String md = Files.readString(dir.resolve("REPORT.md"));
    assertThat(md).contains("| CPU | Test CPU |").contains("aes yes, avx2 yes, bmi2 no, adx no, sha_ni no")
        .contains("**The machine was shared with other work during this run**").contains("3.50 before it")
        .contains("quick: the representative subset").doesNotContain("may not be the one");
  }

  @Test
  void aDiscussionBesideTheResultIsIncluded() throws IOException {
    Path result = sample(dir);
    Files.writeString(dir.resolve("results/20250101-120000.discussion.md"), "The SDK keeps pace with libsecp256k1.");
    assertThat(BenchMain.run("report", result.toString(), "--out", dir.toString())).isZero();
    assertThat(Files.readString(dir.resolve("REPORT.md")))
        .contains("## Discussion\n\nThe SDK keeps pace with libsecp256k1.");
  }

  @Test
  void anIdleMachineIsNotFlagged() {
    Machine idle = new Machine("c", 2, List.of(), "j", "o", "s", "full", 0.2, 1.6, 10);
    Machine busyBefore = new Machine("c", 2, List.of(), "j", "o", "s", "full", 1.0, 1.6, 10);
    Machine busyDuring = new Machine("c", 2, List.of(), "j", "o", "s", "full", 0.2, 2.6, 10);
    assertThat(idle.wasShared()).isFalse();
    assertThat(busyBefore.wasShared()).isTrue();
    assertThat(busyDuring.wasShared()).isTrue();
  }

  @Test
  void theSampleParsesWithSecondaryMetricsAndTimeUnits() throws IOException {
    ResultSet r = ResultSet.read(sample(dir));
    assertThat(r.rows()).as("48 entries, one with a secondary metric").hasSize(49);
    assertThat(r.find("ProofOfWorkBenchmark", "sdkSearch1Thread:trials", Map.of())).get()
        .extracting(ResultRow::opsPerSecond).isEqualTo(2_480_000.0);
    assertThat(r.rows()).noneMatch(x -> x.method().contains("gc"));
    ResultRow select = r.find("TemplateSelectionBenchmark", "select", Map.of()).orElseThrow();
    assertThat(select.opsPerSecond()).isCloseTo(1000 / 2.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.find("MessageRelayBenchmark", "floorDecodeAndCheck", Map.of()).orElseThrow().error()).isNaN();
    assertThat(r.jvm()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (JDK 17.0.15)");
  }

  @Test
  void unitsConvertToOperationsPerSecond() {
    assertThat(ResultRow.of("a.B.c", 2, 0, "ops/ms").opsPerSecond()).isEqualTo(2_000.0);
    assertThat(ResultRow.of("a.B.c", 4, 0, "us/op").opsPerSecond()).isCloseTo(250_000.0,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(ResultRow.of("a.B.c", 0.5, 0, "s/op").opsPerSecond()).isEqualTo(2.0);
    assertThat(ResultRow.of("a.B.c", 1, 0, "MB/sec").opsPerSecond()).isNaN();
  }
}
