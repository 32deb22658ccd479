package org.priwatt.chain.state;

import org.priwatt.chain.block.Block;

/**
 * Told when blocks join or leave the best chain (the wallet and the mempool subscribe). During
 * a reorganisation every disconnection, tip first, is reported before the connections, lowest
 * first. Calls come after the change is committed and visible, from the thread that submitted
 * the block, one at a time and in order; a listener may read the chain state but should not
 * block for long. An exception thrown by a listener is logged and does not affect the others.
 */
public interface ChainListener {
  /** {@code block} is now on the best chain at {@code height}. */
  default void blockConnected(Block block, int height) {}

  /** {@code block}, at {@code height}, left the best chain. */
  default void blockDisconnected(Block block, int height) {}
}
