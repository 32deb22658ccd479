package org.priwatt.node.p2p;

import java.util.Objects;
import org.priwatt.chain.block.Block;

/**
 * {@code block}: one block in Bitcoin's serialization.
 *
 * @param block the block
 */
public record BlockMessage(Block block) implements P2pMessage {
  /** Requires a block. */
  public BlockMessage {
    Objects.requireNonNull(block, "block");
  }

  @Override
  public Command command() {
    return Command.BLOCK;
  }
}
