package org.priwatt.chain.mempool;

import java.util.List;
import java.util.Objects;
import java.util.function.IntToLongFunction;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSignatureChecker;
import org.priwatt.chain.TxInput;

/**
 * Absolute (nLockTime) and relative (BIP 68 nSequence) lock times, evaluated for a block about to
 * be built, as Bitcoin Core's {@code IsFinalTx} and {@code CalculateSequenceLocks}/{@code
 * EvaluateSequenceLocks}. Stateless and thread-safe.
 */
public final class Timelocks {
  /** BIP 68 time-based locks count units of 2^9 = 512 seconds. */
  public static final int SEQUENCE_LOCKTIME_GRANULARITY = 9;

  private Timelocks() {}

  /**
   * Core's {@code IsFinalTx}: nLockTime is zero, or below the block height (values under 500
   * million) or block time (otherwise), or every input has the final sequence number.
   *
   * @param blockHeight height of the block that would include {@code tx}
   * @param blockTime the time lock times compare against: the median time past of the block's
   *     parent under BIP 113
   */
  public static boolean isFinal(Transaction tx, int blockHeight, long blockTime) {
    long lockTime = tx.lockTime();
    if (lockTime == 0) {
      return true;
    }
    long limit = lockTime < TransactionSignatureChecker.LOCKTIME_THRESHOLD ? blockHeight : blockTime;
    if (lockTime < limit) {
      return true;
    }
    for (TxInput in : tx.inputs()) {
      if (in.sequence() != TxInput.SEQUENCE_FINAL) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the BIP 68 relative lock times of {@code tx} allow it in the next block.
   *
   * @param coinHeights height of the block that created each spent coin, in input order (the
   *     next block's height for coins still unconfirmed)
   * @param blockHeight height of the block that would include {@code tx}
   * @param medianTimePast median time past of the active chain at a height, for heights up to
   *     {@code blockHeight - 1}
   * @throws IllegalArgumentException if {@code coinHeights} does not match the inputs
   */
  public static boolean sequenceLocksSatisfied(Transaction tx, List<Integer> coinHeights,
      int blockHeight, IntToLongFunction medianTimePast) {
    Objects.requireNonNull(medianTimePast, "medianTimePast");
    if (coinHeights.size() != tx.inputs().size()) {
      throw new IllegalArgumentException("one coin height per input required");
    }
    // Core compares the version as unsigned: negative versions count as >= 2.
    if (Integer.toUnsignedLong(tx.version()) < 2) {
      return true;
    }
    long minHeight = -1;
    long minTime = -1;
    for (int i = 0; i < coinHeights.size(); i++) {
      long sequence = tx.input(i).sequence();
      if ((sequence & TxInput.SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
        continue;
      }
      int coinHeight = coinHeights.get(i);
      long value = sequence & TxInput.SEQUENCE_LOCKTIME_MASK;
      if ((sequence & TxInput.SEQUENCE_LOCKTIME_TYPE_FLAG) != 0) {
        // Time locks start at the median time past of the block before the coin's block.
        long coinTime = medianTimePast.applyAsLong(Math.max(coinHeight - 1, 0));
        minTime = Math.max(minTime, coinTime + (value << SEQUENCE_LOCKTIME_GRANULARITY) - 1);
      } else {
        minHeight = Math.max(minHeight, coinHeight + value - 1);
      }
    }
    long prevMedianTimePast = medianTimePast.applyAsLong(blockHeight - 1);
    return minHeight < blockHeight && minTime < prevMedianTimePast;
  }
}
