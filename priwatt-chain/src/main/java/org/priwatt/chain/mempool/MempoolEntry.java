package org.priwatt.chain.mempool;

import java.util.Objects;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;

/**
 * An immutable snapshot of one pooled transaction with what was learned accepting it: its fee,
 * signature operations, the height and time of entry, and the in-pool parents it spends from.
 *
 * @param transaction the transaction
 * @param fee inputs minus outputs
 * @param sigOps legacy plus P2SH signature operations
 * @param entryHeight the chain height when it entered the pool
 * @param entryTimeMillis the wall-clock time it entered, milliseconds since the epoch
 * @param parents ids of the pooled transactions whose outputs it spends
 */
public record MempoolEntry(Transaction transaction, Amount fee, int sigOps, int entryHeight,
    long entryTimeMillis, Set<TxId> parents) {

  /** Validates and copies the components. */
  public MempoolEntry {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(fee, "fee");
    parents = Set.copyOf(parents);
  }

  /** The transaction's id. */
  public TxId txId() {
    return transaction.txId();
  }

  /** The serialized size in bytes. */
  public int size() {
    return transaction.size();
  }

  /** The fee rate of this transaction alone. */
  public FeeRate feeRate() {
    return FeeRate.of(fee.sat(), size());
  }
}
