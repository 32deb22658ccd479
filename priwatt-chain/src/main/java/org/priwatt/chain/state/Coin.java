package org.priwatt.chain.state;

import java.util.Objects;
import org.priwatt.chain.TxOutput;

/**
 * An unspent transaction output as the chain state keeps it: the output itself, the height of
 * the block that created it, and whether it came from a coinbase (which matures only after the
 * network's coinbase maturity).
 *
 * @param output the unspent output
 * @param height height of the block containing the creating transaction; {@link #MEMPOOL_HEIGHT}
 *     for outputs of unconfirmed transactions
 * @param coinbase true if created by a coinbase transaction
 */
public record Coin(TxOutput output, int height, boolean coinbase) {
  /** Height Bitcoin Core gives outputs of transactions still in the mempool. */
  public static final int MEMPOOL_HEIGHT = 0x7fffffff;

  /** Validates the components. */
  public Coin {
    Objects.requireNonNull(output, "output");
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative: " + height);
    }
  }

  /** Returns true if a coinbase coin is still immature at {@code spendHeight}. */
  public boolean isImmatureAt(int spendHeight, int coinbaseMaturity) {
    return coinbase && spendHeight - height < coinbaseMaturity;
  }
}
