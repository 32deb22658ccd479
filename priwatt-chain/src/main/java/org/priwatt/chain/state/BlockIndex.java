package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderChain;

/**
 * Every block the chain state knows, the active chain as a height-indexed list, and the
 * candidate tips (complete, not failed) from which the best chain is chosen. An entry may be a
 * header only (headers-first sync): it joins the candidates once its block and every ancestor's
 * block are stored. Guarded by the chain state's lock; not thread-safe on its own.
 */
final class BlockIndex {
  /** Most work first; on equal work, the block seen first. */
  private static final Comparator<BlockIndexEntry> BETTER = Comparator
      .comparing(BlockIndexEntry::chainWork)
      .thenComparing(BlockIndexEntry::sequence, Comparator.reverseOrder());

  private final Map<BlockHash, BlockIndexEntry> byHash = new HashMap<>();
  private final Map<BlockHash, List<BlockIndexEntry>> children = new HashMap<>();
  private final List<BlockIndexEntry> active = new ArrayList<>();
  private final Set<BlockIndexEntry> candidates = new HashSet<>();
  /** Entries whose block is stored. */
  private final Set<BlockIndexEntry> haveData = new HashSet<>();
  /** Entries whose block and all ancestors are stored: they can be connected. */
  private final Set<BlockIndexEntry> complete = new HashSet<>();
  /** Entries whose block, or an ancestor's, failed validation. */
  private final Set<BlockIndexEntry> failed = new HashSet<>();
  /** The most-work header that is not failed (ties: the first seen). */
  private BlockIndexEntry bestHeader;
  private long nextSequence;

  /** Adds the genesis block as the tip. */
  BlockIndexEntry addGenesis(BlockHeader genesis) {
    BlockIndexEntry e = new BlockIndexEntry(genesis, null, nextSequence++);
    haveData.add(e);
    complete.add(e);
    byHash.put(e.hash(), e);
    active.add(e);
    bestHeader = e;
    return e;
  }

  /**
   * Adds a header whose parent is indexed; with {@code withData} its block is stored too (see
   * {@link #setHaveData}).
   */
  BlockIndexEntry add(BlockHeader header, boolean withData) {
    BlockIndexEntry parent = byHash.get(header.prevBlock());
    if (parent == null) {
      throw new IllegalArgumentException("parent of " + header.hash() + " not indexed");
    }
    BlockIndexEntry e = new BlockIndexEntry(header, parent, nextSequence++);
    if (failed.contains(parent)) {
      failed.add(e);
    } else if (BETTER.compare(e, bestHeader) > 0) {
      bestHeader = e;
    }
    byHash.put(e.hash(), e);
    children.computeIfAbsent(parent.hash(), k -> new ArrayList<>()).add(e);
    if (withData) {
      setHaveData(e);
    }
    return e;
  }

  /**
   * Records that {@code e}'s block is stored; if its parent is complete, marks it and every
   * stored descendant waiting on it complete (blocks of a headers-first download arrive out of
   * order).
   */
  void setHaveData(BlockIndexEntry e) {
    haveData.add(e);
    if (e.parent() == null || complete.contains(e.parent())) {
      markComplete(e);
    }
  }

  /** Whether {@code e}'s block and every ancestor's are stored. */
  boolean isComplete(BlockIndexEntry e) {
    return complete.contains(e);
  }

  /** Whether {@code e}'s block is stored. */
  boolean hasData(BlockIndexEntry e) {
    return haveData.contains(e);
  }

  /** Marks {@code e} complete and, transitively, stored descendants waiting on it. */
  private void markComplete(BlockIndexEntry e) {
    List<BlockIndexEntry> work = new ArrayList<>(List.of(e));
    while (!work.isEmpty()) {
      BlockIndexEntry x = work.remove(work.size() - 1);
      complete.add(x);
      if (!failed.contains(x)) {
        candidates.add(x);
      }
      for (BlockIndexEntry child : children.getOrDefault(x.hash(), List.of())) {
        if (haveData.contains(child)) {
          work.add(child);
        }
      }
    }
  }

  /** The most-work header not known to be invalid, whether its block is stored or not. */
  BlockIndexEntry bestHeader() {
    return bestHeader;
  }

  BlockIndexEntry get(BlockHash hash) {
    return byHash.get(hash);
  }

  int size() {
    return byHash.size();
  }

  /** Whether {@code e}'s block, or an ancestor's, failed validation. */
  boolean isFailed(BlockIndexEntry e) {
    return failed.contains(e);
  }

  /** Marks {@code e} and every descendant failed and drops them from the candidates. */
  void markFailed(BlockIndexEntry e) {
    List<BlockIndexEntry> work = new ArrayList<>(List.of(e));
    while (!work.isEmpty()) {
      BlockIndexEntry x = work.remove(work.size() - 1);
      failed.add(x);
      candidates.remove(x);
      work.addAll(children.getOrDefault(x.hash(), List.of()));
    }
    if (failed.contains(bestHeader)) {
      bestHeader = tip();
      for (BlockIndexEntry x : byHash.values()) {
        if (!failed.contains(x) && BETTER.compare(x, bestHeader) > 0) {
          bestHeader = x;
        }
      }
    }
  }

  BlockIndexEntry tip() {
    return active.get(active.size() - 1);
  }

  /** The active-chain entry at {@code height}, or null above the tip. */
  BlockIndexEntry activeAt(int height) {
    return height >= 0 && height < active.size() ? active.get(height) : null;
  }

  boolean isActive(BlockIndexEntry e) {
    return activeAt(e.height()) == e;
  }

  /** Makes {@code newTip}'s chain the active one. */
  void setTip(BlockIndexEntry newTip) {
    List<BlockIndexEntry> path = new ArrayList<>();
    BlockIndexEntry e = newTip;
    while (e != null && !isActive(e)) {
      path.add(e);
      e = e.parent();
    }
    int keep = e == null ? 0 : e.height() + 1;
    active.subList(keep, active.size()).clear();
    Collections.reverse(path);
    active.addAll(path);
    candidates.removeIf(c -> BETTER.compare(c, newTip) < 0);
  }

  /**
   * Bitcoin Core's block locator from {@code from}: the ten nearest ancestors, then
   * exponentially sparser ones, then the genesis block (about 10 + log2(height) hashes).
   */
  static List<BlockHash> locator(BlockIndexEntry from) {
    List<BlockHash> out = new ArrayList<>();
    BlockIndexEntry e = from;
    int step = 1;
    while (true) {
      out.add(e.hash());
      if (e.height() == 0) {
        return out;
      }
      int next = Math.max(e.height() - step, 0);
      e = e.ancestor(next);
      if (out.size() > 10) {
        step *= 2;
      }
    }
  }

  /**
   * Where a peer's locator meets the active chain (Core's {@code FindForkInGlobalIndex}): the
   * first locator entry on the active chain, or the tip if that entry descends from it; the
   * genesis block if none is known.
   */
  BlockIndexEntry findFork(List<BlockHash> locator) {
    BlockIndexEntry tip = tip();
    for (BlockHash h : locator) {
      BlockIndexEntry e = byHash.get(h);
      if (e == null) {
        continue;
      }
      if (isActive(e)) {
        return e;
      }
      if (e.height() > tip.height() && e.ancestor(tip.height()) == tip) {
        return tip;
      }
    }
    return active.get(0);
  }

  /**
   * The entries on the branch ending at {@code target} whose blocks are not stored, lowest
   * first, at heights up to {@code maxHeight}, at most {@code max} of them.
   */
  List<BlockIndexEntry> missingBlocks(BlockIndexEntry target, int maxHeight, int max) {
    List<BlockIndexEntry> out = new ArrayList<>();
    BlockIndexEntry e = target.height() > maxHeight ? target.ancestor(maxHeight) : target;
    while (e != null && !isActive(e)) {
      if (!haveData.contains(e)) {
        out.add(e);
      }
      e = e.parent();
    }
    Collections.reverse(out);
    return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
  }

  /** The last common ancestor of {@code a} and {@code b}. */
  static BlockIndexEntry fork(BlockIndexEntry a, BlockIndexEntry b) {
    BlockIndexEntry x = a.height() > b.height() ? a.ancestor(b.height()) : a;
    BlockIndexEntry y = b.height() > a.height() ? b.ancestor(a.height()) : b;
    while (x != y) {
      x = x.parent();
      y = y.parent();
    }
    return x;
  }

  /** The best candidate tip; the current tip if none is better. */
  BlockIndexEntry best() {
    BlockIndexEntry best = tip();
    for (BlockIndexEntry c : candidates) {
      if (!failed.contains(c) && BETTER.compare(c, best) > 0) {
        best = c;
      }
    }
    return best;
  }

  /** Whether {@code e} has more work than the tip (ties keep the current tip). */
  boolean beatsTip(BlockIndexEntry e) {
    return e.chainWork().compareTo(tip().chainWork()) > 0;
  }

  /**
   * A view of the branch ending at {@code tip}: the active list below the fork, the branch's own
   * headers above it. Valid only until the active chain next changes (callers use it under the
   * chain state's lock, within one validation).
   */
  HeaderChain branch(BlockIndexEntry tip) {
    List<BlockHeader> above = new ArrayList<>();
    BlockIndexEntry e = tip;
    while (!isActive(e)) {
      above.add(e.header());
      e = e.parent();
    }
    Collections.reverse(above);
    return new BranchView(active, e.height(), above);
  }

  /** Heights up to {@code forkHeight} from the live active list, the rest from {@code above}. */
  private record BranchView(List<BlockIndexEntry> active, int forkHeight,
      List<BlockHeader> above) implements HeaderChain {
    @Override
    public int tipHeight() {
      return forkHeight + above.size();
    }

    @Override
    public BlockHeader headerAt(int height) {
      if (height < 0 || height > tipHeight()) {
        throw new IllegalArgumentException("height " + height + " outside 0.." + tipHeight());
      }
      return height <= forkHeight ? active.get(height).header()
          : above.get(height - forkHeight - 1);
    }
  }

  /** A snapshot of the active chain's headers. */
  HeaderChain activeSnapshot() {
    List<BlockHeader> headers = new ArrayList<>(active.size());
    for (BlockIndexEntry e : active) {
      headers.add(e.header());
    }
    return new FrozenChain(headers);
  }

  /** An immutable list of headers by height. */
  private record FrozenChain(List<BlockHeader> headers) implements HeaderChain {
    @Override
    public int tipHeight() {
      return headers.size() - 1;
    }

    @Override
    public BlockHeader headerAt(int height) {
      if (height < 0 || height >= headers.size()) {
        throw new IllegalArgumentException("height " + height + " outside 0.." + tipHeight());
      }
      return headers.get(height);
    }
  }
}
