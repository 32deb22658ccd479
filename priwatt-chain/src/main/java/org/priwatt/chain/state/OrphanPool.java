package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;

/**
 * Blocks whose parent has not arrived yet, bounded by count: past the bound the oldest orphan
 * is dropped (a peer will send it again when asked). Guarded by the chain state's lock.
 */
final class OrphanPool {
  private final int maxBlocks;
  private final Map<BlockHash, Block> byHash = new LinkedHashMap<>();

  OrphanPool(int maxBlocks) {
    this.maxBlocks = maxBlocks;
  }

  /** Adds {@code block}, evicting the oldest orphans beyond the bound. */
  void add(Block block) {
    if (maxBlocks == 0) {
      return;
    }
    byHash.putIfAbsent(block.hash(), block);
    Iterator<BlockHash> oldest = byHash.keySet().iterator();
    while (byHash.size() > maxBlocks) {
      oldest.next();
      oldest.remove();
    }
  }

  boolean contains(BlockHash hash) {
    return byHash.containsKey(hash);
  }

  int size() {
    return byHash.size();
  }

  /** Removes and returns the orphans whose parent is {@code parent}, oldest first. */
  List<Block> takeChildren(BlockHash parent) {
    List<Block> out = new ArrayList<>();
    Iterator<Block> it = byHash.values().iterator();
    while (it.hasNext()) {
      Block b = it.next();
      if (b.header().prevBlock().equals(parent)) {
        out.add(b);
        it.remove();
      }
    }
    return out;
  }
}
