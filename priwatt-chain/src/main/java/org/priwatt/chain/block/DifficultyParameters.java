package org.priwatt.chain.block;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.chain.block.internal.Uint256;

/**
 * Proof-of-work consensus parameters of one network: how often and how far difficulty adjusts.
 *
 * <p>Mirrors Bitcoin Core's {@code Consensus::Params} pow fields: {@code interval} is the
 * retarget window in blocks (Core's DifficultyAdjustmentInterval), {@code targetSpacingSeconds}
 * the intended time between blocks ({@code nPowTargetSpacing}), their product the target timespan
 * ({@code nPowTargetTimespan}); {@code powLimit} the easiest target allowed; {@code
 * allowMinDifficultyBlocks} the testnet rule that a block arriving more than twice the spacing
 * after its parent may use the pow limit; {@code noRetargeting} freezes difficulty (regtest).
 *
 * @param interval retarget window in blocks, positive
 * @param targetSpacingSeconds intended seconds between blocks, positive
 * @param powLimit easiest permitted target, {@code 0 < powLimit < 2^256}
 * @param allowMinDifficultyBlocks testnet-style minimum-difficulty blocks
 * @param noRetargeting never change difficulty
 */
public record DifficultyParameters(
    int interval,
    long targetSpacingSeconds,
    BigInteger powLimit,
    boolean allowMinDifficultyBlocks,
    boolean noRetargeting) {

  /** Bitcoin mainnet: 2016 blocks of 10 minutes (two weeks), pow limit 2^224 - 1. */
  public static final DifficultyParameters BITCOIN = new DifficultyParameters(
      2016, 600, Uint256.MAX.shiftRight(32), false, false);

  /**
   * The PriWatt private network: 144 blocks of 30 seconds, so difficulty follows the miners'
   * hash rate every 72 minutes instead of every two weeks. A private energy-trading network has
   * few, small miners whose number changes with the participants online, so a short window keeps
   * block times near 30 s after miners join or leave, and 30 s blocks keep trade settlement
   * latency low. The pow limit 2^236 - 1 (compact {@code 0x1e0fffff}) needs about 2^20 hashes per
   * block, a fraction of a second on one core, so a fresh network starts without stalling.
   */
  public static final DifficultyParameters PRIWATT = new DifficultyParameters(
      144, 30, Uint256.MAX.shiftRight(20), false, false);

  /**
   * Regression testing, as Bitcoin's regtest: difficulty never changes, minimum-difficulty blocks
   * are allowed, pow limit 2^255 - 1 (compact {@code 0x207fffff}: about every second hash
   * qualifies).
   */
  public static final DifficultyParameters REGTEST = new DifficultyParameters(
      2016, 600, Uint256.MAX.shiftRight(1), true, true);

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException if a bound is violated, or if retargeting could overflow a
   *     256-bit number (powLimit * 4 * timespan must stay below 2^256, as Core's chain parameter
   *     sanity test requires)
   */
  public DifficultyParameters {
    Objects.requireNonNull(powLimit, "powLimit");
    if (interval <= 0) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    if (targetSpacingSeconds <= 0) {
      throw new IllegalArgumentException("spacing must be positive: " + targetSpacingSeconds);
    }
    if (powLimit.signum() <= 0 || powLimit.bitLength() > 256) {
      throw new IllegalArgumentException("powLimit must be in (0, 2^256): " + powLimit);
    }
    BigInteger timespan =
        BigInteger.valueOf(interval).multiply(BigInteger.valueOf(targetSpacingSeconds));
    if (!noRetargeting
        && powLimit.multiply(timespan).shiftLeft(2).bitLength() > 256) {
      throw new IllegalArgumentException("powLimit * 4 * timespan overflows 256 bits");
    }
  }

  /** Returns interval * spacing: the seconds one retarget window should take. */
  public long targetTimespanSeconds() {
    return Math.multiplyExact((long) interval, targetSpacingSeconds);
  }

  /** Returns the pow limit in compact form (what a minimum-difficulty block carries). */
  public CompactTarget powLimitBits() {
    return CompactTarget.fromTarget(powLimit);
  }
}
