package org.priwatt.chain.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderChain;
import org.priwatt.chain.consensus.internal.BlockValidator;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.BlockUndo;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.ChainStoreUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated block chain: a block index with cumulative work, the best (most-work) chain, its
 * UTXO set with per-block undo data in a {@link ChainStore}, orphan blocks, and listeners.
 *
 * <p>{@link #submitBlock} runs the context-free and contextual checks, stores the block, and
 * moves the tip to the most-work valid chain: extending the tip one block (and one atomic store
 * update) at a time, or reorganising with every disconnection and connection gathered in one
 * coin cache and committed as one atomic update. A block failing validation during
 * a reorganisation is marked invalid with its descendants and nothing is written, so the old
 * tip stays intact. All changes happen under a write lock and readers take the read lock, so no
 * reader ever sees a partly applied block or reorganisation.
 *
 * <p>Headers-first sync ({@link #acceptHeaders}, {@link #bestHeader}, {@link #blocksToDownload})
 * indexes validated headers before their blocks arrive; blocks then arrive in any order and
 * are connected once every ancestor's block is stored. {@link #locator} and {@link
 * #headersAfter} are the two sides of a {@code getheaders} exchange.
 *
 * <p>Thread-safe. Listeners are called after each change is committed (see {@link
 * ChainListener}). The caller owns the store and closes it after {@link #close()}.
 */
public final class ChainState implements CoinsView, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainState.class);

  private final ChainParameters params;
  private final ChainStore store;
  private final ChainStateOptions options;
  private final BlockValidator validator;
  private final ParallelScriptVerifier verifier;
  private final BlockConnector connector;
  private final BlockIndex index = new BlockIndex();
  private final OrphanPool orphans;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Runnable> pendingEvents = new ArrayDeque<>();
  private final Object dispatchLock = new Object();
  private final CoinsView storeView;

  private ChainState(ChainParameters params, ChainStore store, ChainStateOptions options) {
    this.params = params;
    this.store = store;
    this.options = options;
    this.validator = BlockValidator.of(params);
    this.verifier = new ParallelScriptVerifier(options.verifierThreads());
    this.connector = new BlockConnector(params, verifier, options.scriptCache());
    this.orphans = new OrphanPool(options.maxOrphans());
    this.storeView = op -> {
      try {
        return store.coin(op);
      } catch (ChainException e) {
        throw new StoreReadFailure(e);
      }
    };
  }

  /**
   * Carries a store failure out of a coin read, which goes through the unchecked {@link
   * CoinsView} interface, to {@link #activateBestChain} (which rethrows the store's own {@link
   * ChainException}) or to {@link #coin} (which documents it). Never escapes this class.
   */
  private static final class StoreReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ChainException failure;

    StoreReadFailure(ChainException failure) {
      super(failure.getMessage(), failure);
      this.failure = failure;
    }
  }

  /**
   * Opens the chain state kept in {@code store}: a new store is initialised with the genesis
   * block; an existing one has its block index rebuilt from the stored headers, resumes at the
   * stored tip, then moves to the most-work stored chain if that is better (after a crash
   * between storing a block and connecting it).
   *
   * @throws ChainException {@link ChainError#STORE_FAILURE}, or {@link ChainError#STORE_CORRUPT}
   *     if the store belongs to another chain or its tip is not among its blocks
   */
  public static ChainState open(ChainParameters params, ChainStore store,
      ChainStateOptions options) throws ChainException {
    ChainState state = new ChainState(Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
    state.load();
    return state;
  }

  /** As {@link #open(ChainParameters, ChainStore, ChainStateOptions)} with default options. */
  public static ChainState open(ChainParameters params, ChainStore store) throws ChainException {
    return open(params, store, ChainStateOptions.defaults());
  }

  private void load() throws ChainException {
    Block genesis = params.genesis();
    if (store.tip().isEmpty()) {
      store.putBlock(genesis);
      store.apply(ChainStoreUpdate.tipOnly(genesis.hash()));
    }
    Map<BlockHash, List<BlockHeader>> byParent = new HashMap<>();
    boolean[] haveGenesis = {false};
    store.forEachHeader(h -> {
      if (h.hash().equals(genesis.hash())) {
        haveGenesis[0] = true;
      } else {
        byParent.computeIfAbsent(h.prevBlock(), k -> new ArrayList<>()).add(h);
      }
    });
    if (!haveGenesis[0]) {
      throw new ChainException(ChainError.STORE_CORRUPT, "store lacks genesis " + genesis.hash());
    }
    index.addGenesis(genesis.header());
    ArrayDeque<BlockHash> queue = new ArrayDeque<>(List.of(genesis.hash()));
    while (!queue.isEmpty()) {
      for (BlockHeader child : byParent.getOrDefault(queue.poll(), List.of())) {
        index.add(child, true);
        queue.add(child.hash());
      }
    }
    BlockHash tipHash = store.tip().orElseThrow();
    BlockIndexEntry tip = index.get(tipHash);
    if (tip == null) {
      throw new ChainException(ChainError.STORE_CORRUPT, "tip " + tipHash + " not stored");
    }
    lock.writeLock().lock();
    try {
      index.setTip(tip);
      activateBestChain(null);
    } catch (ChainException e) {
      rethrowUnlessInvalidBlock(e);
      LOG.warn("stored branch failed validation on restart: {}", e.getMessage());
    } finally {
      lock.writeLock().unlock();
    }
    dispatch();
  }

  /** The parameters of this chain. */
  public ChainParameters params() {
    return params;
  }

  /** The script-execution cache consulted when connecting blocks (the mempool fills it). */
  public ScriptExecutionCache scriptCache() {
    return options.scriptCache();
  }

  /** Subscribes {@code listener} to connections and disconnections. */
  public void addListener(ChainListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unsubscribes {@code listener}. */
  public void removeListener(ChainListener listener) {
    listeners.remove(listener);
  }

  /**
   * Validates {@code block} and, if it leads to a chain with more work, makes that chain the
   * best one; orphans waiting for it are then processed too.
   *
   * @return what happened to the block
   * @throws ChainException with a {@link BlockError} if the block is invalid ({@link
   *     BlockError#reason()} gives Core's name): {@link BlockError#INVALID_ANCESTOR} if it builds
   *     on an invalid block, {@link BlockError#PREV_BLOCK_NOT_FOUND} if its parent is unknown and
   *     orphans are disabled; with {@link ChainError#STORE_FAILURE} or {@link
   *     ChainError#STORE_CORRUPT} if the store fails
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
   */
  public BlockAcceptance submitBlock(Block block) throws ChainException {
    Objects.requireNonNull(block, "block");
    lock.writeLock().lock();
    try {
      BlockAcceptance result = accept(block);
      if (result == BlockAcceptance.CONNECTED || result == BlockAcceptance.SIDE_BRANCH) {
        connectOrphans(block.hash());
      }
      return result;
    } finally {
      lock.writeLock().unlock();
      dispatch();
    }
  }

  private BlockAcceptance accept(Block block) throws ChainException {
    BlockIndexEntry known = index.get(block.hash());
    if (known != null) {
      if (index.isFailed(known)) {
        throw new ChainException(BlockError.KNOWN_INVALID, block.hash().toString());
      }
      if (index.hasData(known)) {
        return BlockAcceptance.DUPLICATE;
      }
    }
    if (orphans.contains(block.hash())) {
      return BlockAcceptance.DUPLICATE;
    }
    validator.checkBlock(block);
    BlockIndexEntry parent = index.get(block.header().prevBlock());
    if (parent == null) {
      if (options.maxOrphans() == 0) {
        throw new ChainException(BlockError.PREV_BLOCK_NOT_FOUND, block.hash() + " builds on "
            + block.header().prevBlock());
      }
      orphans.add(block);
      return BlockAcceptance.ORPHAN;
    }
    if (index.isFailed(parent)) {
      throw new ChainException(BlockError.INVALID_ANCESTOR, block.hash() + " builds on "
          + parent.hash());
    }
    validator.checkContextual(block, index.branch(parent), options.clock().getAsLong());
    store.putBlock(block);
    BlockIndexEntry entry;
    if (known != null) {
      entry = known;
      index.setHaveData(entry);
    } else {
      entry = index.add(block.header(), true);
    }
    activateBestChain(entry);
    if (index.isActive(entry)) {
      return BlockAcceptance.CONNECTED;
    }
    return index.isComplete(entry) ? BlockAcceptance.SIDE_BRANCH : BlockAcceptance.STORED;
  }

  /**
   * Headers-first sync: validates {@code headers} as Core's {@code AcceptBlockHeader} does
   * (proof of work, difficulty, median time past, the two-hour future limit, version) and
   * indexes them without their blocks, so the node knows the most-work chain before it
   * downloads it ({@link #bestHeader()}, {@link #blocksToDownload}). Each header must build on
   * a known header (the previous one of the list, typically); headers already known are
   * skipped. Headers before a failing one stay accepted. The block index is kept in memory only:
   * after a restart, headers without their blocks are fetched again.
   *
   * @return the index entry of the last header
   * @throws ChainException with {@link BlockError#PREV_BLOCK_NOT_FOUND} if a header's parent is
   *     unknown, {@link BlockError#KNOWN_INVALID} or {@link BlockError#INVALID_ANCESTOR} if it is
   *     or builds on a block found invalid, or the header rule it breaks
   * @throws IllegalArgumentException if {@code headers} is empty
   */
  public BlockIndexEntry acceptHeaders(List<BlockHeader> headers) throws ChainException {
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("no headers");
    }
    lock.writeLock().lock();
    try {
      BlockIndexEntry last = null;
      for (BlockHeader h : headers) {
        last = acceptHeader(Objects.requireNonNull(h, "header"));
      }
      return last;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private BlockIndexEntry acceptHeader(BlockHeader header) throws ChainException {
    BlockIndexEntry known = index.get(header.hash());
    if (known != null) {
      if (index.isFailed(known)) {
        throw new ChainException(BlockError.KNOWN_INVALID, header.hash().toString());
      }
      return known;
    }
    BlockIndexEntry parent = index.get(header.prevBlock());
    if (parent == null) {
      throw new ChainException(BlockError.PREV_BLOCK_NOT_FOUND, header.hash() + " builds on "
          + header.prevBlock());
    }
    if (index.isFailed(parent)) {
      throw new ChainException(BlockError.INVALID_ANCESTOR, header.hash() + " builds on "
          + parent.hash());
    }
    validator.checkHeader(header, index.branch(parent), options.clock().getAsLong());
    return index.add(header, false);
  }

  private void connectOrphans(BlockHash parent) throws ChainException {
    ArrayDeque<BlockHash> parents = new ArrayDeque<>(List.of(parent));
    while (!parents.isEmpty()) {
      for (Block child : orphans.takeChildren(parents.poll())) {
        try {
          accept(child);
          parents.add(child.hash());
        } catch (ChainException e) {
          rethrowUnlessInvalidBlock(e);
          LOG.info("orphan {} rejected: {}", child.hash(), e.getMessage());
        }
      }
    }
  }

  /**
   * Moves the tip to the best valid candidate, marking blocks that fail as invalid and trying
   * the next best, until the tip is the best. Throws if {@code submitted} ends up invalid, and
   * throws the store's {@link ChainException} if the store fails: the tip then stays at the last
   * block committed, and no block is marked invalid for it.
   */
  private void activateBestChain(BlockIndexEntry submitted)
      throws ChainException {
    Map<BlockIndexEntry, ChainException> failures = new LinkedHashMap<>();
    while (true) {
      BlockIndexEntry best = index.best();
      if (best == index.tip() || !index.beatsTip(best)) {
        break;
      }
      try {
        step(best, failures);
      } catch (StoreReadFailure e) {
        throw e.failure;
      }
    }
    if (submitted != null && index.isFailed(submitted)) {
      ChainException own = failures.get(submitted);
      if (own != null) {
        throw own;
      }
      throw new ChainException(BlockError.INVALID_ANCESTOR, submitted.hash()
          + " builds on an invalid block: " + failures.values());
    }
  }

  /** One attempt to move to {@code target}: record a failure, or commit. */
  private void step(BlockIndexEntry target, Map<BlockIndexEntry, ChainException> failures)
      throws ChainException {
    BlockIndexEntry tip = index.tip();
    BlockIndexEntry fork = BlockIndex.fork(tip, target);
    List<BlockIndexEntry> path = new ArrayList<>();
    for (BlockIndexEntry e = target; e != fork; e = e.parent()) {
      path.add(0, e);
    }
    if (fork == tip) {
      for (BlockIndexEntry e : path) {
        CoinsViewCache view = CoinsViewCache.over(storeView);
        Map<BlockHash, Optional<BlockUndo>> undo = new LinkedHashMap<>();
        Block block = loadBlock(e);
        if (!connectInto(e, block, view, undo, failures)) {
          return;
        }
        commit(new ChainStoreUpdate(view.changes(), undo, e.hash()), e);
        enqueue(() -> fireConnected(block, e.height()));
      }
      return;
    }
    reorganise(tip, fork, path, failures);
  }

  private void reorganise(BlockIndexEntry tip, BlockIndexEntry fork, List<BlockIndexEntry> path,
      Map<BlockIndexEntry, ChainException> failures) throws ChainException {
    CoinsViewCache view = CoinsViewCache.over(storeView);
    Map<BlockHash, Optional<BlockUndo>> undo = new LinkedHashMap<>();
    List<Runnable> events = new ArrayList<>();
    for (BlockIndexEntry e = tip; e != fork; e = e.parent()) {
      Block block = loadBlock(e);
      BlockHash hash = e.hash();
      BlockUndo blockUndo = store.undo(hash).orElseThrow(() -> new ChainException(
          ChainError.STORE_CORRUPT, "no undo data for " + hash));
      connector.disconnect(block, blockUndo, view);
      undo.put(e.hash(), Optional.empty());
      int height = e.height();
      events.add(() -> fireDisconnected(block, height));
    }
    for (BlockIndexEntry e : path) {
      Block block = loadBlock(e);
      if (!connectInto(e, block, view, undo, failures)) {
        return; // nothing written: the old tip and its UTXO set stand
      }
      events.add(() -> fireConnected(block, e.height()));
    }
    BlockIndexEntry target = path.get(path.size() - 1);
    LOG.info("reorganisation from {} (height {}) to {} (height {}), fork at {}", tip.hash(),
        tip.height(), target.hash(), target.height(), fork.height());
    commit(new ChainStoreUpdate(view.changes(), undo, target.hash()), target);
    events.forEach(this::enqueue);
  }

  private boolean connectInto(BlockIndexEntry e, Block block, CoinsViewCache view,
      Map<BlockHash, Optional<BlockUndo>> undo, Map<BlockIndexEntry, ChainException> failures)
      throws ChainException {
    try {
      undo.put(e.hash(), Optional.of(
          connector.connect(block, e.height(), index.branch(e.parent()), view)));
      return true;
    } catch (ChainException ex) {
      rethrowUnlessInvalidBlock(ex);
      LOG.info("block {} at height {} invalid: {}", e.hash(), e.height(), ex.getMessage());
      failures.put(e, ex);
      index.markFailed(e);
      return false;
    }
  }

  /**
   * Lets only invalid-block failures be handled by the caller: anything else (a store failure)
   * is not the block's fault and must not mark it invalid, so it propagates.
   */
  private static void rethrowUnlessInvalidBlock(ChainException e) throws ChainException {
    if (!(e.failure() instanceof BlockError)) {
      throw e;
    }
  }

  private void commit(ChainStoreUpdate update, BlockIndexEntry newTip) throws ChainException {
    store.apply(update);
    index.setTip(newTip);
  }

  private Block loadBlock(BlockIndexEntry e) throws ChainException {
    return store.block(e.hash()).orElseThrow(() -> new ChainException(
        ChainError.STORE_CORRUPT, "block " + e.hash() + " missing from the store"));
  }

  private void enqueue(Runnable event) {
    synchronized (pendingEvents) {
      pendingEvents.add(event);
    }
  }

  /** Delivers queued events in commit order, outside the chain lock. */
  private void dispatch() {
    synchronized (dispatchLock) {
      while (true) {
        Runnable r;
        synchronized (pendingEvents) {
          r = pendingEvents.poll();
        }
        if (r == null) {
          return;
        }
        r.run();
      }
    }
  }

  private void fireConnected(Block block, int height) {
    for (ChainListener l : listeners) {
      try {
        l.blockConnected(block, height);
      } catch (RuntimeException e) {
        // A listener's bug: the block stays connected and the other listeners still hear of it,
        // but the failure is an error with its stack trace, not a quiet warning.
        LOG.error("listener {} failed on connect of {}", l, block.hash(), e);
      }
    }
  }

  private void fireDisconnected(Block block, int height) {
    for (ChainListener l : listeners) {
      try {
        l.blockDisconnected(block, height);
      } catch (RuntimeException e) {
        // A listener's bug: the block stays connected and the other listeners still hear of it,
        // but the failure is an error with its stack trace, not a quiet warning.
        LOG.error("listener {} failed on disconnect of {}", l, block.hash(), e);
      }
    }
  }

  // ---- readers ----

  /** The best chain's tip. */
  public BlockIndexEntry tip() {
    lock.readLock().lock();
    try {
      return index.tip();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The best chain's height. */
  public int height() {
    return tip().height();
  }

  /** The best chain's entry at {@code height}, if the chain is that high. */
  public Optional<BlockIndexEntry> entryAt(int height) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(index.activeAt(height));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The index entry of a known block, on the best chain or not; since {@link #acceptHeaders}
   * the block may be known by its header only (see {@link #hasBlock}).
   */
  public Optional<BlockIndexEntry> entry(BlockHash hash) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(index.get(hash));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether {@code hash} is on the best chain. */
  public boolean isOnBestChain(BlockHash hash) {
    lock.readLock().lock();
    try {
      BlockIndexEntry e = index.get(hash);
      return e != null && index.isActive(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether {@code hash} was found invalid (or builds on an invalid block). */
  public boolean isInvalid(BlockHash hash) {
    lock.readLock().lock();
    try {
      BlockIndexEntry e = index.get(hash);
      return e != null && index.isFailed(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A stored block.
   *
   * @throws ChainException if the store fails
   */
  public Optional<Block> block(BlockHash hash) throws ChainException {
    return store.block(hash);
  }

  /** An immutable snapshot of the best chain's headers (for a miner's difficulty and MTP). */
  public HeaderChain bestChain() {
    lock.readLock().lock();
    try {
      return index.activeSnapshot();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The most-work header not known to be invalid, whose block may not be stored yet
   * (headers-first sync); the tip when no better header is known.
   */
  public BlockIndexEntry bestHeader() {
    lock.readLock().lock();
    try {
      return index.bestHeader();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether the block {@code hash} is stored (on the best chain, a side branch, or waiting). */
  public boolean hasBlock(BlockHash hash) {
    lock.readLock().lock();
    try {
      BlockIndexEntry e = index.get(hash);
      return e != null && index.hasData(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Bitcoin Core's block locator from the indexed header {@code from} (for a {@code
   * getheaders} message): {@code from} and its ten nearest ancestors, then ancestors
   * exponentially further apart, ending with the genesis block.
   *
   * @throws IllegalArgumentException if {@code from} is not indexed
   */
  public List<BlockHash> locator(BlockHash from) {
    lock.readLock().lock();
    try {
      BlockIndexEntry e = index.get(from);
      if (e == null) {
        throw new IllegalArgumentException("unknown block " + from);
      }
      return List.copyOf(BlockIndex.locator(e));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Answers a peer's {@code getheaders}: the best chain's headers after the point where {@code
   * locator} meets it (the genesis block if no hash of it is known), up to and including {@code
   * stop} (or {@link BlockHash#ZERO} for no stop), at most {@code max}. With an empty locator,
   * just the header of {@code stop} if it is stored.
   *
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public List<BlockHeader> headersAfter(List<BlockHash> locator, BlockHash stop, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("negative max");
    }
    lock.readLock().lock();
    try {
      List<BlockHeader> out = new ArrayList<>();
      if (locator.isEmpty()) {
        BlockIndexEntry e = index.get(stop);
        if (e != null && index.hasData(e) && max > 0) {
          out.add(e.header());
        }
        return out;
      }
      BlockIndexEntry fork = index.findFork(locator);
      for (int h = fork.height() + 1; out.size() < max; h++) {
        BlockIndexEntry e = index.activeAt(h);
        if (e == null) {
          break;
        }
        out.add(e.header());
        if (e.hash().equals(stop)) {
          break;
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The blocks a headers-first download still needs: those on the branch of {@link
   * #bestHeader()} that are not stored, lowest first, no higher than {@code window} above the
   * tip, at most {@code max}. Empty when the best header's block is connected.
   *
   * @throws IllegalArgumentException if {@code window} or {@code max} is negative
   */
  public List<BlockIndexEntry> blocksToDownload(int window, int max) {
    if (window < 0 || max < 0) {
      throw new IllegalArgumentException("negative window or max");
    }
    lock.readLock().lock();
    try {
      int limit = (int) Math.min(Integer.MAX_VALUE, (long) index.tip().height() + window);
      return List.copyOf(index.missingBlocks(index.bestHeader(), limit, max));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The number of orphan blocks waiting for their parent. */
  public int orphanCount() {
    lock.readLock().lock();
    try {
      return orphans.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The tip's unspent coin at {@code outPoint}.
   *
   * @throws IllegalStateException if the store fails (the {@link CoinsView} interface, through
   *     which the mempool reads coins, has no checked exception); its cause is the store's
   *     {@link ChainException}
   */
  @Override
  public Optional<Coin> coin(OutPoint outPoint) {
    lock.readLock().lock();
    try {
      return store.coin(outPoint);
    } catch (ChainException e) {
      throw new IllegalStateException("chain store failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Calls {@code action} for every unspent coin of the tip, under the read lock (so the set is
   * consistent with {@link #tip()} throughout).
   *
   * @throws ChainException if the store fails
   */
  public void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException {
    lock.readLock().lock();
    try {
      store.forEachCoin(action);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stops the verification threads. The store stays open. */
  @Override
  public void close() {
    verifier.close();
  }
}
