package org.priwatt.chain.wallet;

/**
 * Receives wallet events. Called after the wallet updated its records, on the thread that
 * delivered the transaction or block; implementations should return quickly.
 */
public interface WalletListener {
  /** A new relevant transaction was seen (pending) or created by this wallet. */
  default void incoming(WalletTransaction wtx) {}

  /** A relevant transaction was included in a block of the best chain. */
  default void confirmed(WalletTransaction wtx) {}

  /** A relevant transaction's block left the best chain; it is pending again. */
  default void reorganized(WalletTransaction wtx) {}

  /** A pending relevant transaction was double-spent by a confirmed one. */
  default void dead(WalletTransaction wtx) {}
}
