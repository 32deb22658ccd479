package org.priwatt.chain.state;

import java.util.Objects;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.ChainWork;

/**
 * One block known to the chain state (Core's {@code CBlockIndex}): its header, height and the
 * cumulative work of the chain ending in it. Immutable and thread-safe: what changes about a
 * block (stored with all its ancestors, found invalid) is kept by the chain state's index under
 * its lock and asked through {@link ChainState#isInvalid} and {@link ChainState#isOnBestChain}.
 */
public final class BlockIndexEntry {
  private final BlockHeader header;
  private final BlockIndexEntry parent;
  private final int height;
  private final ChainWork chainWork;
  private final long sequence;

  BlockIndexEntry(BlockHeader header, BlockIndexEntry parent, long sequence) {
    this.header = Objects.requireNonNull(header, "header");
    this.parent = parent;
    this.height = parent == null ? 0 : parent.height + 1;
    ChainWork base = parent == null ? ChainWork.ZERO : parent.chainWork;
    this.chainWork = base.addBlock(header.compactTarget());
    this.sequence = sequence;
  }

  /** The block's hash. */
  public BlockHash hash() {
    return header.hash();
  }

  /** The header. */
  public BlockHeader header() {
    return header;
  }

  /** Height above the genesis block (0). */
  public int height() {
    return height;
  }

  /** Cumulative proof of work from genesis to this block inclusive. */
  public ChainWork chainWork() {
    return chainWork;
  }

  /** The parent's entry; null for the genesis block. */
  BlockIndexEntry parent() {
    return parent;
  }

  /** Arrival order, the tie-breaker between branches of equal work (first seen wins). */
  long sequence() {
    return sequence;
  }

  /** The ancestor at {@code h} (this entry for its own height). */
  BlockIndexEntry ancestor(int h) {
    if (h < 0 || h > height) {
      throw new IllegalArgumentException("no ancestor at height " + h);
    }
    BlockIndexEntry e = this;
    while (e.height > h) {
      e = e.parent;
    }
    return e;
  }

  @Override
  public String toString() {
    return "BlockIndexEntry{" + hash() + " at " + height + ", work " + chainWork.toBigInteger()
        + "}";
  }
}
