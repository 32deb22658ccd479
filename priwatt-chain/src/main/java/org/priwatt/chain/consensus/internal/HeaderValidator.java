package org.priwatt.chain.consensus.internal;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.CompactTarget;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.block.HeaderChain;

/**
 * Proof-of-work and contextual checks of a block header against the chain it extends, the
 * header-level part of Bitcoin Core's {@code CheckBlockHeader} and {@code
 * ContextualCheckBlockHeader}.
 *
 * <p>Checks, in order: the header links to the chain tip; its bits equal what {@link
 * DifficultyAdjustment} requires; its target is valid and not above the pow limit and its hash
 * meets it; its time is after the tip's median time past; its time is at most {@value
 * #MAX_FUTURE_BLOCK_TIME} seconds ahead of the caller's clock. Version-based soft-fork rules and
 * checkpoints belong to the chain-state code. Immutable and thread-safe.
 */
public final class HeaderValidator {
  /** How far a header's time may run ahead of local time, in seconds (Core: two hours). */
  public static final long MAX_FUTURE_BLOCK_TIME = 2 * 60 * 60;

  private final DifficultyParameters params;

  private HeaderValidator(DifficultyParameters params) {
    this.params = params;
  }

  /** Returns a validator for a network's proof-of-work parameters. */
  public static HeaderValidator of(DifficultyParameters params) {
    return new HeaderValidator(Objects.requireNonNull(params, "params"));
  }

  /** Returns the parameters this validator enforces. */
  public DifficultyParameters params() {
    return params;
  }

  /**
   * Context-free proof-of-work check (Core's {@code CheckProofOfWork}): the compact target is
   * valid, no easier than the pow limit, and met by the header's hash.
   *
   * @throws ChainException {@link BlockError#TARGET_NEGATIVE}, {@link
   *     BlockError#TARGET_OVERFLOW}, {@link BlockError#TARGET_ZERO}, {@link
   *     BlockError#TARGET_ABOVE_POW_LIMIT} or {@link BlockError#HIGH_HASH}
   */
  public void checkProofOfWork(BlockHeader header) throws ChainException {
    CompactTarget bits = header.compactTarget();
    BigInteger target = bits.checkedTarget();
    if (target.compareTo(params.powLimit()) > 0) {
      throw new ChainException(BlockError.TARGET_ABOVE_POW_LIMIT, bits + " in " + header.hash());
    }
    if (header.hash().toBigInteger().compareTo(target) > 0) {
      throw new ChainException(BlockError.HIGH_HASH, header.hash() + " above target " + bits);
    }
  }

  /**
   * Checks {@code header} as the next block after {@code parent}'s tip.
   *
   * @param header the candidate header
   * @param parent the chain it should extend
   * @param nowSeconds the local clock (seconds since the Unix epoch), passed in so checks are
   *     reproducible
   * @throws ChainException {@link BlockError#PREV_BLOCK_MISMATCH}, {@link
   *     BlockError#BAD_DIFF_BITS}, a {@link #checkProofOfWork(BlockHeader)} error, {@link
   *     BlockError#TIME_TOO_OLD} or {@link BlockError#TIME_TOO_NEW}
   * @throws IllegalArgumentException if {@code parent} cannot supply a header the rules need
   */
  public void checkNext(BlockHeader header, HeaderChain parent, long nowSeconds)
      throws ChainException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(parent, "parent");
    BlockHash tipHash = parent.tip().hash();
    if (!header.prevBlock().equals(tipHash)) {
      throw new ChainException(BlockError.PREV_BLOCK_MISMATCH,
          header.hash() + " builds on " + header.prevBlock() + ", tip is " + tipHash);
    }
    int expected = DifficultyAdjustment.nextBits(parent, header.time(), params);
    if (header.bits() != expected) {
      throw new ChainException(BlockError.BAD_DIFF_BITS, header.hash() + " has "
          + header.compactTarget() + ", expected " + CompactTarget.ofBits(expected));
    }
    checkProofOfWork(header);
    long mtp = MedianTimePast.ofTip(parent);
    if (header.time() <= mtp) {
      throw new ChainException(BlockError.TIME_TOO_OLD,
          header.hash() + " time " + header.time() + " <= median time past " + mtp);
    }
    if (header.time() > nowSeconds + MAX_FUTURE_BLOCK_TIME) {
      throw new ChainException(BlockError.TIME_TOO_NEW,
          header.hash() + " time " + header.time() + " > now " + nowSeconds + " + 2 h");
    }
  }
}
