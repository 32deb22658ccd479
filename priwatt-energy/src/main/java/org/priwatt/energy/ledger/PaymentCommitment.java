package org.priwatt.energy.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The zero-value output a buyer's escrow funding carries: {@code OP_RETURN <"PWE2" ‖ entryId ‖
 * lockId>} (54 bytes, within Bitcoin Core's 83-byte standard limit). It binds the payment to one
 * lock of one entry: the lock id is drawn by the DSO when the lock is granted, so the payment
 * cannot predate the lock, and a transaction carrying exactly one commitment can fund only that
 * lock. It also lets anyone see that an offer was paid (Algorithm 1 MATCH) without learning a
 * secret. Immutable.
 *
 * @param entry the entry bought
 * @param lock the lock the payment is for
 */
public record PaymentCommitment(EntryId entry, LockId lock) {
  private static final byte[] TAG = "PWE2".getBytes(StandardCharsets.US_ASCII);
  private static final int PUSH_LENGTH = TAG.length + EntryId.LENGTH + LockId.LENGTH;

  /** Validates non-null fields. */
  public PaymentCommitment {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(lock, "lock");
  }

  /** The commitment output's script. */
  public Script script() {
    byte[] push = new byte[PUSH_LENGTH];
    System.arraycopy(TAG, 0, push, 0, TAG.length);
    System.arraycopy(entry.toBytes(), 0, push, TAG.length, EntryId.LENGTH);
    System.arraycopy(lock.toBytes(), 0, push, TAG.length + EntryId.LENGTH, LockId.LENGTH);
    return ScriptTemplates.opReturn(push);
  }

  /** The commitment {@code script} holds, if it is one. Never throws. */
  public static Optional<PaymentCommitment> parse(Script script) {
    byte[] p = script.program();
    if (p.length != 2 + PUSH_LENGTH || p[0] != (byte) 0x6a || p[1] != PUSH_LENGTH
        || !Arrays.equals(p, 2, 2 + TAG.length, TAG, 0, TAG.length)) {
      return Optional.empty();
    }
    int at = 2 + TAG.length;
    return Optional.of(new PaymentCommitment(EntryId.fromBytes(Arrays.copyOfRange(p, at, at + EntryId.LENGTH)),
        LockId.fromBytes(Arrays.copyOfRange(p, at + EntryId.LENGTH, p.length))));
  }

  /**
   * The commitment of {@code tx} if it carries exactly one; empty if none or several (a
   * transaction with two commitments is not a valid funding for either).
   */
  public static Optional<PaymentCommitment> of(Transaction tx) {
    PaymentCommitment found = null;
    for (TxOutput out : tx.outputs()) {
      Optional<PaymentCommitment> c = parse(out.scriptPubKey());
      if (c.isPresent()) {
        if (found != null) {
          return Optional.empty();
        }
        found = c.get();
      }
    }
    return Optional.ofNullable(found);
  }
}
