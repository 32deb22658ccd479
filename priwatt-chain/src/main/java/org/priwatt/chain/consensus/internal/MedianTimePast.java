package org.priwatt.chain.consensus.internal;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.chain.block.HeaderChain;

/**
 * Median time past (BIP 113): the median timestamp of a block and up to ten of its ancestors.
 * A new block's time must exceed the median time past of its parent, which bounds how far miners
 * can pull timestamps backwards while tolerating unsynchronised clocks.
 */
public final class MedianTimePast {
  /** Number of blocks in the median window (Core's {@code nMedianTimeSpan}). */
  public static final int SPAN = 11;

  private MedianTimePast() {}

  /**
   * Returns the median time past of the block at {@code height}: the median of the timestamps
   * of heights {@code max(0, height - 10) .. height}, taking the upper middle element after
   * sorting as Core does.
   *
   * @throws IllegalArgumentException if {@code height} is outside the chain
   */
  public static long of(HeaderChain chain, int height) {
    Objects.requireNonNull(chain, "chain");
    if (height < 0 || height > chain.tipHeight()) {
      throw new IllegalArgumentException("height " + height + " outside chain");
    }
    int first = Math.max(0, height - (SPAN - 1));
    long[] times = new long[height - first + 1];
    for (int h = first; h <= height; h++) {
      times[h - first] = chain.headerAt(h).time();
    }
    return median(times);
  }

  /** Returns the median time past of the chain's tip. */
  public static long ofTip(HeaderChain chain) {
    return of(chain, chain.tipHeight());
  }

  /**
   * Returns the element at index {@code n / 2} of the sorted timestamps (the upper median for
   * an even count, as Core's {@code GetMedianTimePast}).
   *
   * @throws IllegalArgumentException if {@code times} is empty
   */
  public static long median(long[] times) {
    if (times.length == 0) {
      throw new IllegalArgumentException("no timestamps");
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
