package org.priwatt.energy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.script.Script;

/**
 * What the energy trade needs from the chain, and nothing more: the seam behind which the real
 * PriWatt chain (UTXO set, mempool, miner) plugs in. {@link InMemoryPaymentLedger} implements it
 * for tests and simulations with real script validation.
 *
 * <p>Contract for implementations: thread-safe; {@link #broadcast} validates the transaction
 * fully (context-free checks, every input exists and is unspent in chain or mempool, scripts
 * verify under the standard flags, inputs cover outputs) before accepting it; confirmation
 * counts follow Bitcoin's convention (0 in the mempool, 1 in the tip block).
 */
public interface PaymentLedger {
  /**
   * Validates and accepts {@code tx} into the mempool.
   *
   * @return empty if accepted, else why it was refused
   */
  Optional<LedgerRejection> broadcast(Transaction tx);

  /** Confirmations of {@code txId}: -1 if unknown, 0 in the mempool, else blocks. */
  int confirmations(TxId txId);

  /** The transaction {@code txId}, confirmed or in the mempool. */
  Optional<Transaction> transaction(TxId txId);

  /** Every known output (confirmed or in the mempool, spent or not) paying {@code scriptPubKey}. */
  List<Payment> paymentsTo(Script scriptPubKey);

  /**
   * Algorithm 1 MATCH: whether a transaction with at least {@code minConfirmations} carries the
   * payment commitment ({@link EscrowScripts#commitment(EntryId)}) for {@code entry}, i.e. the
   * offer of that energy was already paid for.
   */
  boolean isCommitmentPaid(EntryId entry, int minConfirmations);

  /**
   * The largest output paying {@code scriptPubKey} at least {@code minimum} with at least {@code
   * minConfirmations}, spent or not ("is there a confirmed payment of at least T to this P2SH
   * address").
   */
  default Optional<Payment> confirmedPayment(Script scriptPubKey, Amount minimum, int minConfirmations) {
    return paymentsTo(scriptPubKey).stream()
        .filter(p -> p.confirmations() >= minConfirmations && p.output().value() >= minimum.sat())
        .max(Comparator.comparingLong(p -> p.output().value()));
  }

  /** Unspent outputs paying {@code scriptPubKey} with at least {@code minConfirmations} (a payer's coins). */
  default List<Payment> unspent(Script scriptPubKey, int minConfirmations) {
    return paymentsTo(scriptPubKey).stream()
        .filter(p -> !p.spent() && p.confirmations() >= minConfirmations).toList();
  }
}
