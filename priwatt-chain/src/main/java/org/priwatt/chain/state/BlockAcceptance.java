package org.priwatt.chain.state;

/** What {@link ChainState#submitBlock} did with a block that was not invalid. */
public enum BlockAcceptance {
  /** The block is on the best chain now (it extended the tip or won a reorganisation). */
  CONNECTED,
  /** The block is stored on a branch with no more work than the best chain. */
  SIDE_BRANCH,
  /** The parent is unknown; the block waits in the orphan pool. */
  ORPHAN,
  /** The block was already known (stored, or waiting as an orphan). */
  DUPLICATE,
  /**
   * The block passed its checks and is stored, but an ancestor's block has not arrived yet (its
   * header was accepted first, {@link ChainState#acceptHeaders}); it is connected when they are.
   */
  STORED
}
