package org.priwatt.chain.consensus.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.IntToLongFunction;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSignatureChecker;
import org.priwatt.chain.TxInput;

/**
 * Absolute and relative lock-time rules: Core's {@code IsFinalTx} (nLockTime, with BIP 113's
 * median-time-past cutoff chosen by the caller) and BIP 68 sequence locks ({@code
 * CalculateSequenceLocks}/{@code EvaluateSequenceLocks}). Shared by block validation and the
 * mempool. Stateless.
 */
public final class LockTimes {
  /** BIP 68 time-based locks count units of 2^9 = 512 seconds. */
  public static final int SEQUENCE_LOCKTIME_GRANULARITY = 9;

  private LockTimes() {}

  /**
   * Whether {@code tx} may be included in a block at {@code height} whose lock-time cutoff is
   * {@code cutoffTime}: nLockTime is zero, or below the height (for a height lock) or below the
   * cutoff (for a time lock), or every input is final.
   *
   * @param cutoffTime the parent's median time past once BIP 113 is active, else the block time
   */
  public static boolean isFinal(Transaction tx, int height, long cutoffTime) {
    long lockTime = tx.lockTime();
    if (lockTime == 0) {
      return true;
    }
    long limit = lockTime < TransactionSignatureChecker.LOCKTIME_THRESHOLD ? height : cutoffTime;
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
   * The earliest height and time (both exclusive, -1 for none) after which {@code tx}'s BIP 68
   * relative locks are satisfied.
   *
   * @param minHeight the last height at which the transaction is still locked
   * @param minTime the last median time past at which it is still locked
   */
  public record SequenceLock(int minHeight, long minTime) {
    /** No relative lock. */
    public static final SequenceLock NONE = new SequenceLock(-1, -1);
  }

  /**
   * Core's {@code CalculateSequenceLocks} for a version-2 (or later) transaction.
   *
   * @param tx the transaction
   * @param prevHeights the heights of the coins each input spends, in input order (the mempool
   *     passes the next block's height for unconfirmed parents)
   * @param medianTimePast the median time past of the block at a height on the branch being
   *     validated
   * @throws IllegalArgumentException if {@code prevHeights} has the wrong length
   */
  public static SequenceLock calculate(
      Transaction tx, List<Integer> prevHeights, IntToLongFunction medianTimePast) {
    Objects.requireNonNull(medianTimePast, "medianTimePast");
    if (prevHeights.size() != tx.inputs().size()) {
      throw new IllegalArgumentException("one height per input required");
    }
    // Core compares the version as unsigned: negative versions count as >= 2.
    if (Integer.toUnsignedLong(tx.version()) < 2) {
      return SequenceLock.NONE;
    }
    int minHeight = -1;
    long minTime = -1;
    for (int i = 0; i < tx.inputs().size(); i++) {
      long sequence = tx.input(i).sequence();
      if ((sequence & TxInput.SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
        continue;
      }
      int coinHeight = prevHeights.get(i);
      long value = sequence & TxInput.SEQUENCE_LOCKTIME_MASK;
      if ((sequence & TxInput.SEQUENCE_LOCKTIME_TYPE_FLAG) != 0) {
        long coinTime = medianTimePast.applyAsLong(Math.max(coinHeight - 1, 0));
        minTime = Math.max(minTime, coinTime + (value << SEQUENCE_LOCKTIME_GRANULARITY) - 1);
      } else {
        minHeight = (int) Math.max(minHeight, coinHeight + value - 1);
      }
    }
    return new SequenceLock(minHeight, minTime);
  }

  /**
   * Core's {@code EvaluateSequenceLocks}: whether a block at {@code height} whose parent has
   * median time past {@code parentMedianTimePast} satisfies {@code lock}.
   */
  public static boolean satisfies(SequenceLock lock, int height, long parentMedianTimePast) {
    return lock.minHeight() < height && lock.minTime() < parentMedianTimePast;
  }
}
