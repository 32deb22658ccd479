package org.priwatt.energy.ledger;

import java.util.Objects;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxOutput;

/**
 * One output the ledger knows that pays a given scriptPubKey: where it is, what it holds, how
 * many blocks confirm it (0 while in the mempool) and whether something already spends it.
 * Immutable.
 *
 * @param outPoint the output's location
 * @param output the value and scriptPubKey
 * @param confirmations 0 in the mempool, 1 in the tip block, and so on
 * @param spent whether a confirmed or mempool transaction spends it
 */
public record Payment(OutPoint outPoint, TxOutput output, int confirmations, boolean spent) {
  /** Validates non-null fields and a non-negative confirmation count. */
  public Payment {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(output, "output");
    if (confirmations < 0) {
      throw new IllegalArgumentException("negative confirmations");
    }
  }
}
