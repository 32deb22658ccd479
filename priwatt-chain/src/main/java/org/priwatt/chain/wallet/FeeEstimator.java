package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;

/** Suggests the fee rate a payment should pay to confirm soon. */
public interface FeeEstimator {
  /**
   * The fee rate for confirmation within about {@code targetBlocks} blocks.
   *
   * @throws IllegalArgumentException if {@code targetBlocks} is not positive
   */
  FeeRate estimate(int targetBlocks);

  /** Always {@code rate}; for tests and fixed-fee private networks. */
  static FeeEstimator fixed(FeeRate rate) {
    Objects.requireNonNull(rate, "rate");
    return targetBlocks -> rate;
  }

  /**
   * Estimates from what is waiting in {@code pool}: ranks pooled transactions by fee rate and
   * returns the rate just above the transaction that ends the first {@code targetBlocks} blocks
   * of {@code blockBytes} each, so a payment at that rate would be mined within the target if no
   * better-paying transactions arrive. Never below the pool's current minimum fee rate.
   *
   * @throws IllegalArgumentException if {@code blockBytes} is not positive
   */
  static FeeEstimator fromMempool(Mempool pool, int blockBytes) {
    Objects.requireNonNull(pool, "pool");
    if (blockBytes <= 0) {
      throw new IllegalArgumentException("blockBytes must be positive");
    }
    return targetBlocks -> {
      if (targetBlocks <= 0) {
        throw new IllegalArgumentException("targetBlocks must be positive");
      }
      List<MempoolEntry> entries = new ArrayList<>(pool.entries());
      entries.sort(Comparator.comparing(MempoolEntry::feeRate).reversed());
      long room = (long) targetBlocks * blockBytes;
      long used = 0;
      FeeRate floor = pool.minimumFeeRate();
      for (MempoolEntry e : entries) {
        used += e.size();
        if (used > room) {
          return FeeRate.max(floor, e.feeRate().plus(FeeRate.ofSatPerKb(1)));
        }
      }
      return floor;
    };
  }
}
