package org.priwatt.chain.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;

/**
 * A bounded in-memory cache of coins in front of another {@link ChainStore}: lookups of recently
 * used outpoints (found or not) are answered from memory, the least recently used entry evicted
 * beyond {@code maxEntries}. Updates go to the backing store first and then refresh the cache,
 * under a lock that keeps a concurrent lookup from caching a value the update replaced.
 * Everything other than coin lookups passes through. Thread-safe.
 */
public final class CachingChainStore implements ChainStore {
  private final ChainStore backing;
  private final int maxEntries;
  private final Map<OutPoint, Optional<Coin>> cache;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private long hits;
  private long misses;

  private CachingChainStore(ChainStore backing, int maxEntries) {
    this.backing = backing;
    this.maxEntries = maxEntries;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<OutPoint, Optional<Coin>> eldest) {
        return size() > CachingChainStore.this.maxEntries;
      }
    };
  }

  /**
   * Wraps {@code backing} with a cache of at most {@code maxEntries} coins.
   *
   * @throws IllegalArgumentException if {@code maxEntries} is not positive
   */
  public static CachingChainStore wrap(ChainStore backing, int maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    return new CachingChainStore(Objects.requireNonNull(backing, "backing"), maxEntries);
  }

  /** The number of cached outpoints, at most the bound. */
  public int cachedEntries() {
    synchronized (cache) {
      return cache.size();
    }
  }

  /** Lookups answered from memory so far. */
  public long hits() {
    synchronized (cache) {
      return hits;
    }
  }

  /** Lookups that went to the backing store so far. */
  public long misses() {
    synchronized (cache) {
      return misses;
    }
  }

  @Override
  public Optional<Coin> coin(OutPoint outPoint) throws ChainException {
    lock.readLock().lock();
    try {
      synchronized (cache) {
        Optional<Coin> c = cache.get(outPoint);
        if (c != null) {
          hits++;
          return c;
        }
        misses++;
      }
      Optional<Coin> loaded = backing.coin(outPoint);
      synchronized (cache) {
        cache.put(outPoint, loaded);
      }
      return loaded;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void apply(ChainStoreUpdate update) throws ChainException {
    lock.writeLock().lock();
    try {
      backing.apply(update);
      synchronized (cache) {
        cache.putAll(update.coins());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void putBlock(Block block) throws ChainException {
    backing.putBlock(block);
  }

  @Override
  public Optional<Block> block(BlockHash hash) throws ChainException {
    return backing.block(hash);
  }

  @Override
  public void forEachHeader(Consumer<BlockHeader> action) throws ChainException {
    backing.forEachHeader(action);
  }

  @Override
  public void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException {
    lock.readLock().lock();
    try {
      backing.forEachCoin(action);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<BlockUndo> undo(BlockHash hash) throws ChainException {
    return backing.undo(hash);
  }

  @Override
  public Optional<BlockHash> tip() throws ChainException {
    return backing.tip();
  }

  @Override
  public void close() {
    synchronized (cache) {
      cache.clear();
    }
    backing.close();
  }
}
