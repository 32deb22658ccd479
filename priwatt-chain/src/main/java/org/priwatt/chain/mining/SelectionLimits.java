package org.priwatt.chain.mining;

import java.util.Objects;
import org.priwatt.chain.mempool.FeeRate;

/**
 * What a block template may hold besides its coinbase.
 *
 * @param maxBytes serialized bytes available to pooled transactions
 * @param maxSigOps signature operations available to pooled transactions
 * @param minFeeRate packages paying less are left out (Core {@code -blockmintxfee}, 1000 sat/kB)
 * @param height height of the block being built
 * @param lockTimeCutoff time that nLockTime compares against: the parent's median time past
 */
public record SelectionLimits(int maxBytes, int maxSigOps, FeeRate minFeeRate, int height,
    long lockTimeCutoff) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a limit or the height is negative
   */
  public SelectionLimits {
    Objects.requireNonNull(minFeeRate, "minFeeRate");
    if (maxBytes < 0 || maxSigOps < 0 || height < 0) {
      throw new IllegalArgumentException("negative limit");
    }
  }
}
