package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line end to end, in process. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void infoShowsTheBackend() {
    assertThat(run("info")).isZero();
    assertThat(out()).contains("secp256k1:").containsAnyOf("NATIVE", "BOUNCY_CASTLE");
  }

  @Test
  void demoRunsAndSucceeds() {
    int code = run("demo");
    assertThat(code).as(out()).isZero();
    assertThat(out()).contains("[" + org.priwatt.examples.demo.CaseOneDemo.STEPS + "/" + org.priwatt.examples.demo.CaseOneDemo.STEPS + "]").contains("checks passed");
    assertThat(out()).contains("[" + org.priwatt.examples.demo.CaseTwoDemo.STEPS + "/" + org.priwatt.examples.demo.CaseTwoDemo.STEPS + "] Bob disappears");
    assertThat(run("demo", "--bogus")).isEqualTo(2);
    out.reset();
    assertThat(run("demo", "case2")).as(out()).isZero();
    assertThat(out()).contains("Case 2").doesNotContain("Case 1 trading");
  }

  @Test
  void helpListsTheDemoFirst() {
    assertThat(run("help")).isZero();
    assertThat(out().lines().skip(2).findFirst().orElseThrow()).contains("demo");
  }

  @Test
  void newKeyRoundTripsThroughInspect() {
    assertThat(run("keys", "new", "--network", "bitcoin-mainnet")).isZero();
    String wif = out().lines().filter(l -> l.startsWith("private WIF:")).findFirst().orElseThrow()
        .substring("private WIF:".length()).trim();
    String address = out().lines().filter(l -> l.startsWith("address:")).findFirst().orElseThrow();
    out.reset();
    assertThat(run("keys", "inspect", wif)).isZero();
    assertThat(out()).contains(address);
  }

  @Test
  void genesisPublicKeyGivesSatoshisAddress() {
    assertThat(run("address", "p2pkh", "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
        + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f", "--network", "bitcoin-mainnet"))
        .isZero();
    assertThat(out().trim()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }

  @Test
  void badInputGivesUsageOrErrorCodes() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("address", "parse", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("BASE58_BAD_CHECKSUM");
    assertThat(run("keys", "new", "--network", "nowhere")).isEqualTo(2);
  }
}
