package org.priwatt.chain.mempool;

import org.priwatt.chain.Transaction;

/**
 * Receives pool changes. Called after the change, outside the pool's lock, on the thread that
 * caused it; implementations should return quickly and may call back into the pool.
 */
public interface MempoolListener {
  /** {@code entry} entered the pool. */
  default void transactionAdded(MempoolEntry entry) {}

  /** {@code tx} left the pool for {@code reason}. */
  default void transactionRemoved(Transaction tx, RemovalReason reason) {}
}
