package org.priwatt.chain.mempool;

import java.util.EnumSet;
import java.util.Set;
import org.priwatt.chain.state.CoinsView;
import org.priwatt.script.VerifyFlag;

/**
 * What the memory pool needs to know about the active chain: the tip's height and median time
 * past (to judge lock times for the next block), the confirmed unspent outputs, and the consensus
 * rules for the next block. The chain state implements or adapts to it and calls {@link
 * Mempool#blockConnected} and {@link Mempool#blockDisconnected} as its tip moves, after its own
 * view reflects the change.
 *
 * <p>Implementations must be thread-safe: the pool reads them from the threads that offer
 * transactions.
 */
public interface ChainTip {
  /** The consensus script flags of the Bitcoin soft forks PriWatt starts with active. */
  Set<VerifyFlag> DEFAULT_CONSENSUS_FLAGS = Set.copyOf(EnumSet.of(VerifyFlag.P2SH,
      VerifyFlag.DERSIG, VerifyFlag.NULLDUMMY, VerifyFlag.CHECKLOCKTIMEVERIFY,
      VerifyFlag.CHECKSEQUENCEVERIFY));

  /** The height of the tip block (genesis is 0). */
  int height();

  /** The median time past (BIP 113) of the tip block, seconds since the epoch. */
  long medianTimePast();

  /**
   * The median time past of the active chain's block at {@code height}, for BIP 68 time-based
   * relative locks.
   *
   * @throws IllegalArgumentException if {@code height} is outside {@code 0..height()}
   */
  long medianTimePast(int height);

  /** The confirmed unspent outputs as of the tip. */
  CoinsView coins();

  /** Blocks a coinbase output must wait before it can be spent (Bitcoin: 100). */
  int coinbaseMaturity();

  /** The consensus script flags a block at {@code height() + 1} is verified with. */
  default Set<VerifyFlag> consensusFlagsForNextBlock() {
    return DEFAULT_CONSENSUS_FLAGS;
  }
}
