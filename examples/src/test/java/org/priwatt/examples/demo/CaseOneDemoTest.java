package org.priwatt.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo scenario runs to the end on the real chain and every one of its claims holds. */
class CaseOneDemoTest {
  @Test
  void caseOneScenarioPassesEveryCheck() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CaseOneDemo.Result r = CaseOneDemo.run(new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), true));
    String out = buffer.toString(StandardCharsets.UTF_8);

    assertThat(r.checks()).as(out).isNotEmpty().allMatch(CaseOneDemo.Check::passed);
    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).extracting(CaseOneDemo.Check::what).contains("second sale refused by the lock",
        "Alice's double spend rejected by the mempool", "a forged copy of the offer is refused",
        "a cheating release is refused", "a self-serving DSO decision is refused", "Alice owns the energy",
        "the escrow was split", "Eve read no private message");
    assertThat(r.releasedToBob()).isPositive();
    assertThat(r.disputeToAlice()).isPositive();
    assertThat(Math.abs(r.disputeToAlice() - r.disputeToBob())).isLessThanOrEqualTo(1);
    assertThat(r.eveMessagesRead()).isZero();
    assertThat(r.eveBroadcastsRead()).isEqualTo(3);
    assertThat(r.eveObjects()).isGreaterThan(20);

    for (int i = 1; i <= CaseOneDemo.STEPS; i++) {
      assertThat(out).containsPattern("\\[" + i + "/" + CaseOneDemo.STEPS + "\\] .* \\.\\.\\. done \\(\\d+\\.\\d\\d s\\)");
    }
    assertThat(out).contains("All " + r.checks().size() + " checks passed.").doesNotContain("FAIL");
    // Txids and msg addresses are shown; no secret is ever printed.
    assertThat(out).containsPattern("tx [0-9a-f]{64}").contains("BM-");
  }

  @Test
  void failedCheckMakesTheResultFail() {
    CaseOneDemo.Result r = new CaseOneDemo.Result(java.util.List.of(new CaseOneDemo.Check("a", true),
        new CaseOneDemo.Check("b", false)), 0, 0, 0, 0, 0, 0);
    assertThat(r.passed()).isFalse();
    assertThat(new CaseOneDemo.Result(java.util.List.of(), 0, 0, 0, 0, 0, 0).passed()).as("nothing ran").isFalse();
  }
}
