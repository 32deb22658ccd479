package org.priwatt.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Case 2 demo runs to the end on the real chain and every one of its claims holds. */
class CaseTwoDemoTest {
  @Test
  void caseTwoScenarioPassesEveryCheck() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CaseTwoDemo.Result r = CaseTwoDemo.run(new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), true));
    String out = buffer.toString(StandardCharsets.UTF_8);

    assertThat(r.checks()).as(out).isNotEmpty().allMatch(CaseTwoDemo.Check::passed);
    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).extracting(CaseTwoDemo.Check::what).contains(
        "the entry is split into 10 parts locked to Alice's key", "Alice holds 10 secrets, each the part's",
        "a payment lowering Bob's amount is refused", "an old payment is refused",
        "Bob received n x P minus the fee", "the registry shows the split and the 10 transfers",
        "the refund is refused one block before the refund height", "the refund is accepted at the refund height");
    assertThat(r.paidToBob()).isEqualTo(99_000);
    assertThat(r.refundedToAlice()).isEqualTo(99_000);
    for (int i = 1; i <= CaseTwoDemo.STEPS; i++) {
      assertThat(out).containsPattern("\\[" + i + "/" + CaseTwoDemo.STEPS + "\\] .* \\.\\.\\. done \\(\\d+\\.\\d\\d s\\)");
    }
    assertThat(out).contains("refund   unlocks at height").containsPattern("inc 10 ").contains("All "
        + r.checks().size() + " checks passed.").doesNotContain("FAIL");
    assertThat(out).containsPattern("tx [0-9a-f]{64}").contains("BM-");
  }
}
