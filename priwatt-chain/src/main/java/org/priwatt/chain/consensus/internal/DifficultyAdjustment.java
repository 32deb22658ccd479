package org.priwatt.chain.consensus.internal;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.CompactTarget;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.block.HeaderChain;

/**
 * Bitcoin's difficulty retargeting ({@code GetNextWorkRequired}/{@code
 * CalculateNextWorkRequired} in Bitcoin Core's pow.cpp), parameterised by {@link
 * DifficultyParameters}.
 *
 * <p>Difficulty changes only at heights that are multiples of the interval. There the previous
 * target is scaled by the time the last window actually took over its target timespan, that
 * ratio clamped to [1/4, 4], and the result capped at the pow limit. As in Bitcoin, the window
 * is measured from its first block's timestamp to its last, so it spans interval - 1 block
 * intervals; PriWatt keeps that quirk for bit-exact compatibility with Bitcoin's rule.
 *
 * <p>All arithmetic is exact ({@link BigInteger}) and the result is re-encoded with {@link
 * CompactTarget#fromTarget(BigInteger)}, truncating like Core's {@code GetCompact}.
 */
public final class DifficultyAdjustment {
  private DifficultyAdjustment() {}

  /**
   * Returns the {@code nBits} required of a block following {@code parent}'s tip.
   *
   * @param parent the chain the new block extends (its tip is the new block's parent)
   * @param newBlockTime the new block's timestamp (only consulted on min-difficulty networks)
   * @param params the network's proof-of-work parameters
   * @throws IllegalArgumentException if {@code parent} lacks a header the rule needs
   */
  public static int nextBits(HeaderChain parent, long newBlockTime, DifficultyParameters params) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(params, "params");
    int lastHeight = parent.tipHeight();
    BlockHeader last = parent.headerAt(lastHeight);
    int interval = params.interval();
    if ((lastHeight + 1L) % interval != 0) {
      if (params.allowMinDifficultyBlocks()) {
        return minDifficultyBits(parent, lastHeight, newBlockTime, params);
      }
      return last.bits();
    }
    int firstHeight = lastHeight - (interval - 1);
    long firstTime = parent.headerAt(Math.max(firstHeight, 0)).time();
    return calculateNextBits(last.bits(), last.time(), firstTime, params);
  }

  /**
   * Testnet rule: a block more than twice the spacing after its parent may use the pow limit;
   * otherwise it must use the bits of the last block that was not such a minimum-difficulty
   * block in this window.
   */
  private static int minDifficultyBits(
      HeaderChain parent, int lastHeight, long newBlockTime, DifficultyParameters params) {
    int powLimitBits = params.powLimitBits().bits();
    BlockHeader last = parent.headerAt(lastHeight);
    if (newBlockTime > last.time() + 2 * params.targetSpacingSeconds()) {
      return powLimitBits;
    }
    int h = lastHeight;
    BlockHeader header = last;
    while (h > 0 && h % params.interval() != 0 && header.bits() == powLimitBits) {
      h--;
      header = parent.headerAt(h);
    }
    return header.bits();
  }

  /**
   * Core's {@code CalculateNextWorkRequired}: the bits for the first block of a new window.
   *
   * @param lastBits bits of the window's last block
   * @param lastBlockTime timestamp of the window's last block
   * @param firstBlockTime timestamp of the window's first block
   * @param params the network's proof-of-work parameters
   * @return the new compact target; {@code lastBits} unchanged if retargeting is disabled
   */
  public static int calculateNextBits(
      int lastBits, long lastBlockTime, long firstBlockTime, DifficultyParameters params) {
    if (params.noRetargeting()) {
      return lastBits;
    }
    long timespan = params.targetTimespanSeconds();
    long actual = lastBlockTime - firstBlockTime;
    actual = Math.max(actual, timespan / 4);
    actual = Math.min(actual, timespan * 4);
    BigInteger target = CompactTarget.ofBits(lastBits).toTarget()
        .multiply(BigInteger.valueOf(actual))
        .divide(BigInteger.valueOf(timespan));
    if (target.compareTo(params.powLimit()) > 0) {
      target = params.powLimit();
    }
    return CompactTarget.fromTarget(target).bits();
  }
}
