package org.priwatt.chain.state;

import java.util.Optional;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;

/**
 * Read access to unspent outputs: the chain state, a cache layered over it, or the mempool's
 * view that adds unconfirmed outputs. Implementations document their thread-safety.
 */
public interface CoinsView {
  /** Returns the unspent coin at {@code outPoint}, or empty if it is spent or never existed. */
  Optional<Coin> coin(OutPoint outPoint);

  /** Returns true if {@code outPoint} is unspent in this view. */
  default boolean hasCoin(OutPoint outPoint) {
    return coin(outPoint).isPresent();
  }
}
