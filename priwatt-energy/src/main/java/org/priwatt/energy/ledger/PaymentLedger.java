package org.priwatt.energy.ledger;

import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.energy.EntryId;
import org.priwatt.script.Script;

/**
 * What the energy trade needs from the chain, and nothing more: the seam behind which the
 * PriWatt chain (UTXO set, mempool, miner) plugs in; {@link ChainPaymentLedger} implements it on
 * a chain state and its mempool.
 *
 * <p>Contract for implementations: thread-safe; {@link #broadcast} validates the transaction
 * fully (context-free checks, every input exists and is unspent in chain or mempool, scripts
 * verify under the standard flags, inputs cover outputs, relay policy) before accepting it;
 * confirmation counts follow Bitcoin's convention (0 in the mempool, 1 in the tip block).
 */
public interface PaymentLedger {
  /**
   * Validates and accepts {@code tx} into the mempool.
   *
   * @return empty if accepted, else why it was refused
   */
  Optional<LedgerRejection> broadcast(Transaction tx);

  /**
   * The height of the best chain's tip (genesis is 0): what time-locked spends are judged
   * against. A transaction with nLockTime {@code h} is final, and may enter the mempool, once
   * {@code height() >= h} (Bitcoin Core's {@code IsFinalTx} for the next block, {@code h < height() + 1}).
   */
  int height();

  /** Confirmations of {@code txId}: -1 if unknown, 0 in the mempool, else blocks. */
  int confirmations(TxId txId);

  /** The transaction {@code txId}, confirmed or in the mempool. */
  Optional<Transaction> transaction(TxId txId);

  /** The output at {@code outPoint} with its confirmations and whether something spends it, if known. */
  Optional<Payment> output(OutPoint outPoint);

  /** The transaction that spends {@code outPoint} in the best chain or the mempool, if any. */
  Optional<TxId> spender(OutPoint outPoint);

  /** Every known output (confirmed or in the mempool, spent or not) paying {@code scriptPubKey}. */
  List<Payment> paymentsTo(Script scriptPubKey);

  /**
   * Algorithm 1 MATCH: whether a transaction with at least {@code minConfirmations} carries a
   * {@link PaymentCommitment} to {@code entry} beside a P2SH output of at least {@code minimum},
   * i.e. the offer of that energy was paid for. A commitment alone proves nothing: anyone can
   * publish one, so it counts only next to an escrow payment of the offer's price.
   */
  boolean isCommitmentPaid(EntryId entry, int minConfirmations, Amount minimum);

  /** Unspent outputs paying {@code scriptPubKey} with at least {@code minConfirmations}. */
  default List<Payment> unspent(Script scriptPubKey, int minConfirmations) {
    return paymentsTo(scriptPubKey).stream().filter(p -> !p.spent() && p.confirmations() >= minConfirmations).toList();
  }
}
