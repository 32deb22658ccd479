package org.priwatt.energy.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.Samples;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The funding's payment commitment {@code OP_RETURN "PWE2" ‖ entry ‖ lock}: round trips, stays
 * within the standard OP_RETURN size, is parsed from hostile scripts without throwing, and a
 * transaction funds a lock only if it carries exactly one commitment.
 */
class PaymentCommitmentTest {
  private static final PaymentCommitment C = new PaymentCommitment(Samples.entryId(), Samples.lockId());

  @Property(tries = 200)
  void everyCommitmentRoundTripsThroughItsScript(@ForAll @Size(32) byte[] entry, @ForAll @Size(16) byte[] lock) {
    PaymentCommitment c = new PaymentCommitment(EntryId.fromBytes(entry), LockId.fromBytes(lock));
    Script s = c.script();
    assertThat(s.program()).hasSize(2 + 4 + 32 + 16);
    assertThat(s.program().length).isLessThanOrEqualTo(83);
    assertThat(ScriptTemplates.isOpReturn(s)).isTrue();
    assertThat(PaymentCommitment.parse(s)).contains(c);
  }

  @Property(tries = 500)
  void hostileScriptsNeverThrow(@ForAll @Size(max = 120) byte[] program) {
    Optional<PaymentCommitment> c = PaymentCommitment.parse(Script.fromBytes(program));
    c.ifPresent(x -> assertThat(x.script().program()).isEqualTo(program));
  }

  @Test
  void everySingleByteChangeIsNoCommitmentOrTheCommitmentItSpells() {
    byte[] p = C.script().program();
    for (int at = 0; at < p.length; at++) {
      for (int mask = 1; mask < 256; mask++) {
        byte[] bad = p.clone();
        bad[at] ^= (byte) mask;
        Optional<PaymentCommitment> c = PaymentCommitment.parse(Script.fromBytes(bad));
        if (at < 2 + 4) {
          assertThat(c).as("header byte %d ^%d", at, mask).isEmpty();
        } else {
          assertThat(c).hasValueSatisfying(x -> assertThat(x.script().program()).isEqualTo(bad)).isNotEqualTo(
              Optional.of(C));
        }
      }
    }
    byte[] oldTag = p.clone();
    System.arraycopy("PWE1".getBytes(StandardCharsets.US_ASCII), 0, oldTag, 2, 4);
    assertThat(PaymentCommitment.parse(Script.fromBytes(oldTag))).isEmpty();
    assertThat(PaymentCommitment.parse(Script.fromBytes(Arrays.copyOf(p, p.length - 1)))).isEmpty();
    assertThat(PaymentCommitment.parse(Script.fromBytes(Arrays.copyOf(p, p.length + 1)))).isEmpty();
    assertThat(PaymentCommitment.parse(Script.EMPTY)).isEmpty();
  }

  @Test
  void aTransactionCarriesACommitmentOnlyIfExactlyOne() {
    Script pay = Samples.escrow().scriptPubKey();
    PaymentCommitment other = new PaymentCommitment(C.entry(), Samples.lockId());
    Transaction none = Transaction.builder().addInput(Samples.outPoint()).addOutput(Amount.ofSat(10_000), pay).build();
    Transaction one = Transaction.builder().addInput(Samples.outPoint()).addOutput(Amount.ofSat(10_000), pay)
        .addOutput(Amount.ZERO, C.script()).build();
    Transaction two = Transaction.builder().addInput(Samples.outPoint()).addOutput(Amount.ofSat(10_000), pay)
        .addOutput(Amount.ZERO, C.script()).addOutput(Amount.ZERO, other.script()).build();
    Transaction same = Transaction.builder().addInput(Samples.outPoint()).addOutput(Amount.ZERO, C.script())
        .addOutput(Amount.ZERO, C.script()).build();
    assertThat(PaymentCommitment.of(none)).isEmpty();
    assertThat(PaymentCommitment.of(one)).contains(C);
    assertThat(PaymentCommitment.of(two)).as("two locks").isEmpty();
    assertThat(PaymentCommitment.of(same)).as("the same commitment twice").isEmpty();
  }
}
