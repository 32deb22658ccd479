package org.priwatt.chain.wallet;

import java.util.Objects;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;

/**
 * A transaction relevant to the wallet with its confirmation state: wallet metadata kept beside
 * the immutable consensus object, never on it.
 *
 * @param transaction the transaction
 * @param status where it stands
 * @param height the confirming block's height; {@link #UNCONFIRMED} unless {@code CONFIRMED}
 */
public record WalletTransaction(Transaction transaction, Status status, int height) {
  /** Height of a transaction not in the best chain. */
  public static final int UNCONFIRMED = -1;

  /** Confirmation state. */
  public enum Status {
    /** Seen in the memory pool or created here, not yet in a block. */
    PENDING,
    /** In a block of the best chain. */
    CONFIRMED,
    /** Double-spent by a confirmed transaction: it can never confirm unless the chain reorgs. */
    DEAD
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the height does not match the status
   */
  public WalletTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(status, "status");
    if ((status == Status.CONFIRMED) != (height >= 0) || height < UNCONFIRMED) {
      throw new IllegalArgumentException("height " + height + " does not fit " + status);
    }
  }

  /** A pending transaction. */
  public static WalletTransaction pending(Transaction tx) {
    return new WalletTransaction(tx, Status.PENDING, UNCONFIRMED);
  }

  /** A transaction confirmed at {@code height}. */
  public static WalletTransaction confirmed(Transaction tx, int height) {
    return new WalletTransaction(tx, Status.CONFIRMED, height);
  }

  /** The transaction's id. */
  public TxId txId() {
    return transaction.txId();
  }

  /** Whether it is pending or confirmed, i.e. its spends count. */
  public boolean isLive() {
    return status != Status.DEAD;
  }

  /** The number of confirmations at tip height {@code tipHeight}; 0 if not confirmed. */
  public int depth(int tipHeight) {
    return status == Status.CONFIRMED ? tipHeight - height + 1 : 0;
  }

  /** A copy with another status and height. */
  public WalletTransaction with(Status newStatus, int newHeight) {
    return new WalletTransaction(transaction, newStatus, newHeight);
  }
}
