package org.priwatt.node.p2p;

import java.util.Objects;
import org.priwatt.chain.Transaction;

/**
 * {@code tx}: one transaction in legacy serialization.
 *
 * @param transaction the transaction
 */
public record TxMessage(Transaction transaction) implements P2pMessage {
  /** Requires a transaction. */
  public TxMessage {
    Objects.requireNonNull(transaction, "transaction");
  }

  @Override
  public Command command() {
    return Command.TX;
  }
}
