package org.priwatt.chain.mempool;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Coin;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.consensus.internal.LockTimes;

/**
 * The consensus lock-time rules of {@link LockTimes} applied to the block after a {@link
 * ChainTip}, as the pool judges them on acceptance and again after a reorganisation: the cutoff
 * for nLockTime is the tip's median time past (BIP 113), and coins still in the pool count as
 * confirmed in that next block (Core's {@code CheckSequenceLocksAtTip}).
 */
final class NextBlockLocks {
  private NextBlockLocks() {}

  /** Core's {@code IsFinalTx} for the next block. */
  static boolean isFinal(Transaction tx, ChainTip tip) {
    return LockTimes.isFinal(tx, tip.height() + 1, tip.medianTimePast());
  }

  /**
   * Whether the BIP 68 relative locks of {@code tx}, spending {@code spent} in input order, allow
   * it in the next block.
   */
  static boolean sequenceLocksSatisfied(Transaction tx, List<Coin> spent, ChainTip tip) {
    int tipHeight = tip.height();
    int next = tipHeight + 1;
    List<Integer> heights = new ArrayList<>(spent.size());
    for (Coin c : spent) {
      heights.add(c.height() == Coin.MEMPOOL_HEIGHT ? next : c.height());
    }
    LockTimes.SequenceLock lock = LockTimes.calculate(tx, heights,
        h -> h == tipHeight ? tip.medianTimePast() : tip.medianTimePast(h));
    return LockTimes.satisfies(lock, next, tip.medianTimePast());
  }
}
