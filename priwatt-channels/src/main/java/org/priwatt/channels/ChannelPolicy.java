package org.priwatt.channels;

import org.priwatt.chain.params.ChainParameters;
import org.priwatt.energy.registry.DsoRegistry;

/**
 * The block counts a channel party works with, all relative to the refund height D (the block
 * height from which the client may take her money back alone):
 *
 * <ul>
 *   <li>{@code refundDelayBlocks}: how far past the tip a client sets D (the paper's 24 hours);</li>
 *   <li>{@code safetyMarginBlocks}: the server accepts no payment once the tip reaches D minus
 *       this, and closes the channel with the latest payment then, so his close confirms before
 *       the client's refund becomes valid;</li>
 *   <li>{@code warningBlocks}: the SDK warns (SLF4J WARN and {@link ChannelView#nearDeadline()})
 *       this many blocks before the safety margin;</li>
 *   <li>{@code claimMarginBlocks}: the parts stay locked to the client this many blocks past D,
 *       time for her last claims at the DSO (the server sets it, the client requires it);</li>
 *   <li>{@code minOpenBlocks}: the server wants at least this many blocks between the tip and the
 *       safety margin when a channel opens (funding confirmations and the increments);</li>
 *   <li>{@code maxRefundDelayBlocks}: the server refuses a D further than this past the tip (his
 *       energy stays locked until D plus the claim margin).</li>
 * </ul>
 *
 * Immutable.
 *
 * @param refundDelayBlocks the client's D minus the tip, positive
 * @param safetyMarginBlocks the server's margin before D, positive
 * @param warningBlocks the warning's lead before the margin, not negative
 * @param claimMarginBlocks blocks past D the parts stay locked, positive
 * @param minOpenBlocks the least blocks between the tip and the margin at open, positive
 * @param maxRefundDelayBlocks the most D minus the tip the server accepts
 */
public record ChannelPolicy(long refundDelayBlocks, long safetyMarginBlocks, long warningBlocks,
    long claimMarginBlocks, long minOpenBlocks, long maxRefundDelayBlocks) {
  private static final long DAY_SECONDS = 24 * 3600;
  private static final long HOUR_SECONDS = 3600;

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is out of its range, the refund delay leaves no
   *     room for the margin and the increments, or the longest lock exceeds what the DSO grants
   */
  public ChannelPolicy {
    if (refundDelayBlocks < 1 || safetyMarginBlocks < 1 || warningBlocks < 0 || claimMarginBlocks < 1
        || minOpenBlocks < 1) {
      throw new IllegalArgumentException("block counts must be positive: " + this);
    }
    if (refundDelayBlocks < safetyMarginBlocks + minOpenBlocks || maxRefundDelayBlocks < refundDelayBlocks) {
      throw new IllegalArgumentException("the refund delay must cover the margin and the increments, and not exceed"
          + " the longest accepted: " + this);
    }
    if (maxRefundDelayBlocks + claimMarginBlocks > DsoRegistry.MAX_CHANNEL_LOCK_BLOCKS) {
      throw new IllegalArgumentException("the DSO locks a channel for at most " + DsoRegistry.MAX_CHANNEL_LOCK_BLOCKS
          + " blocks");
    }
  }

  /**
   * The defaults for a chain whose blocks come every {@code targetSpacingSeconds}: D 24 hours past
   * the tip (the paper's default), a one-hour safety margin, warning, claim margin and opening
   * time (at least two blocks each), and D at most 48 hours away.
   *
   * @throws IllegalArgumentException if the spacing is not positive
   */
  public static ChannelPolicy forSpacing(long targetSpacingSeconds) {
    if (targetSpacingSeconds < 1) {
      throw new IllegalArgumentException("spacing must be positive");
    }
    long day = ceilDiv(DAY_SECONDS, targetSpacingSeconds);
    long hour = Math.max(2, ceilDiv(HOUR_SECONDS, targetSpacingSeconds));
    return new ChannelPolicy(day, hour, hour, hour, hour, 2 * day);
  }

  /** {@link #forSpacing} at {@code params}' target block spacing (REGTEST: 144, 6, 6, 6, 6, 288). */
  public static ChannelPolicy forChain(ChainParameters params) {
    return forSpacing(params.difficulty().targetSpacingSeconds());
  }

  /** The same counts with the refund delay {@code blocks} (and the longest accepted at least that). */
  public ChannelPolicy withRefundDelay(long blocks) {
    return new ChannelPolicy(blocks, safetyMarginBlocks, warningBlocks, claimMarginBlocks, minOpenBlocks,
        Math.max(blocks, maxRefundDelayBlocks));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
