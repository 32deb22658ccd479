package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code priwatt offers}: real offers from a regtest world, checked against the DSO key. */
class OffersCommandTest {
  @TempDir
  Path dir;

  @Test
  void createdOffersVerifyAgainstTheDsoKeyOnly() throws IOException {
    Path file = dir.resolve("offers.txt");
    Cli created = Cli.run("offers", "create", "--count", "2", "--price", "25000", "--out", file.toString());
    assertThat(created.code()).as(created.toString()).isZero();
    String dsoKey = created.field("DSO key:");
    assertThat(created.out().lines().filter(l -> l.startsWith("offer "))).hasSize(2)
        .allMatch(l -> l.contains("at 25,000 tokens/kWh") && l.contains("seller BM-"));

    Cli listed = Cli.run("offers", "list", file.toString(), "--dso-key", dsoKey);
    assertThat(listed.code()).as(listed.toString()).isZero();
    assertThat(listed.out()).contains("2 authentic offer(s)");
    assertThat(listed.out().lines().filter(l -> l.startsWith("offer ")).toList())
        .isEqualTo(created.out().lines().filter(l -> l.startsWith("offer ")).toList());

    Cli otherDso = Cli.run("offers", "list", file.toString(), "--dso-key",
        "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(otherDso.code()).isEqualTo(Main.FAILURE);
    assertThat(otherDso.err()).startsWith("priwatt offers list: BAD_SIGNATURE");

    // A seller who raises the price after signing: one byte of the price field changed.
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int last = lines.size() - 1;
    String offer = lines.get(last);
    int priceAt = 2 * (1 + 145) + 10;
    lines.set(last, offer.substring(0, priceAt) + (offer.charAt(priceAt) == 'f' ? '0' : 'f') + offer.substring(priceAt + 1));
    Path forged = Files.write(dir.resolve("forged.txt"), lines);
    Cli refused = Cli.run("offers", "list", forged.toString(), "--dso-key", dsoKey);
    assertThat(refused.code()).isEqualTo(Main.FAILURE);
    assertThat(refused.err()).startsWith("priwatt offers list: ").contains("line " + (last + 1));

    assertThat(Cli.run("offers", "create", "--out", file.toString()).err()).contains("FILE_EXISTS");
  }

  @Test
  void badArgumentsAreUsageErrors() throws IOException {
    assertThat(Cli.run("offers", "create", "--count", "0").code()).isEqualTo(Main.USAGE);
    Path file = Files.writeString(dir.resolve("o.txt"), "# nothing\n");
    assertThat(Cli.run("offers", "list", file.toString()).code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("offers", "list", file.toString(), "--dso-key", "xyz").code()).isEqualTo(Main.USAGE);
    Cli notHex = Cli.run("offers", "list", Files.writeString(dir.resolve("bad.txt"), "hello\n").toString(), "--dso-key",
        "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(notHex.code()).isEqualTo(Main.FAILURE);
    assertThat(notHex.err()).contains("BAD_FILE").contains("bad.txt:1");
  }
}
