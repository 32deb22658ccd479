package org.priwatt.chain.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;

/**
 * A {@link ChainStore} in the heap: for tests, tools and short-lived nodes. Nothing survives the
 * process. Every method is synchronized, so {@link #apply} is atomic for readers.
 */
public final class MemoryChainStore implements ChainStore {
  private final Map<BlockHash, Block> blocks = new HashMap<>();
  private final Map<OutPoint, Coin> coins = new HashMap<>();
  private final Map<BlockHash, BlockUndo> undo = new HashMap<>();
  private BlockHash tip;
  private boolean closed;

  private MemoryChainStore() {}

  /** Returns an empty store. */
  public static MemoryChainStore create() {
    return new MemoryChainStore();
  }

  private void open() throws ChainException {
    if (closed) {
      throw new ChainException(ChainError.STORE_FAILURE, "store is closed");
    }
  }

  @Override
  public synchronized void putBlock(Block block) throws ChainException {
    open();
    blocks.putIfAbsent(block.hash(), block);
  }

  @Override
  public synchronized Optional<Block> block(BlockHash hash) throws ChainException {
    open();
    return Optional.ofNullable(blocks.get(hash));
  }

  @Override
  public synchronized void forEachHeader(Consumer<BlockHeader> action) throws ChainException {
    open();
    blocks.values().forEach(b -> action.accept(b.header()));
  }

  @Override
  public synchronized Optional<Coin> coin(OutPoint outPoint) throws ChainException {
    open();
    return Optional.ofNullable(coins.get(outPoint));
  }

  @Override
  public synchronized void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException {
    open();
    coins.forEach(action);
  }

  @Override
  public synchronized Optional<BlockUndo> undo(BlockHash hash) throws ChainException {
    open();
    return Optional.ofNullable(undo.get(hash));
  }

  @Override
  public synchronized Optional<BlockHash> tip() throws ChainException {
    open();
    return Optional.ofNullable(tip);
  }

  @Override
  public synchronized void apply(ChainStoreUpdate update) throws ChainException {
    open();
    update.coins().forEach((op, c) -> {
      if (c.isPresent()) {
        coins.put(op, c.get());
      } else {
        coins.remove(op);
      }
    });
    update.undo().forEach((h, u) -> {
      if (u.isPresent()) {
        undo.put(h, u.get());
      } else {
        undo.remove(h);
      }
    });
    tip = update.tip();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
