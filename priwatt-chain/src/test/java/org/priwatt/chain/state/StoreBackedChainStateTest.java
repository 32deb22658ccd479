package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.BlockUndo;
import org.priwatt.chain.store.CachingChainStore;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.ChainStoreUpdate;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.store.RocksDbChainStore;

/** The chain state over RocksDB and the coin cache: persistence, reorgs, restarts, bounds. */
class StoreBackedChainStateTest {
  private final ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);

  @TempDir
  Path dir;

  @Test
  void reorganisationPersistsAndSurvivesReopen() throws Exception {
    Branch main = new Branch(fx, 11, fx.params.genesis().header(), 0, Map.of());
    Branch a;
    Branch b;
    try (RocksDbChainStore rocks = RocksDbChainStore.open(dir);
        ChainState state = fx.open(CachingChainStore.wrap(rocks, 64))) {
      for (int i = 0; i < 105; i++) {
        state.submitBlock(main.next(2));
      }
      a = main.fork(1);
      b = main.fork(2);
      for (int i = 0; i < 4; i++) {
        state.submitBlock(a.next(3));
        b.next(3);
      }
      b.next(3);
      for (Block blk : b.blocks) {
        state.submitBlock(blk);
      }
      assertThat(state.tip().hash()).isEqualTo(b.tip().hash());
      assertThat(ChainFixture.utxo(state)).isEqualTo(b.utxo());
    }
    try (RocksDbChainStore rocks = RocksDbChainStore.open(dir);
        ChainState state = fx.open(rocks)) {
      assertThat(state.tip().hash()).isEqualTo(b.tip().hash());
      assertThat(state.height()).isEqualTo(110);
      assertThat(ChainFixture.utxo(state)).isEqualTo(b.utxo());
      // The losing branch is still indexed and can win after the restart.
      a.next(1);
      a.next(1);
      for (Block blk : a.blocks.subList(4, 6)) {
        state.submitBlock(blk);
      }
      assertThat(state.tip().hash()).isEqualTo(a.tip().hash());
      assertThat(ChainFixture.utxo(state)).isEqualTo(a.utxo());
    }
  }

  @Test
  void storedButUnconnectedHeavierBlocksConnectOnOpen() throws Exception {
    MemoryChainStore store = MemoryChainStore.create();
    Branch main = new Branch(fx, 12, fx.params.genesis().header(), 0, Map.of());
    try (ChainState state = fx.open(store)) {
      state.submitBlock(main.next(0));
    }
    // As after a crash between putBlock and apply: the block is stored, the tip is not moved.
    Block stored = main.next(0);
    store.putBlock(stored);
    try (ChainState state = fx.open(store)) {
      assertThat(state.tip().hash()).isEqualTo(stored.hash());
      assertThat(ChainFixture.utxo(state)).isEqualTo(main.utxo());
    }
  }

  @Test
  void storeOfAnotherChainIsRejected() throws Exception {
    MemoryChainStore store = MemoryChainStore.create();
    fx.open(store).close();
    assertThatThrownBy(() -> ChainState.open(ChainParameters.PRIWATT, store))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.STORE_CORRUPT));
  }

  @Test
  void coinCacheIsBoundedAndStaysCoherent() throws Exception {
    CachingChainStore cached = CachingChainStore.wrap(MemoryChainStore.create(), 8);
    Branch main = new Branch(fx, 13, fx.params.genesis().header(), 0, Map.of());
    try (ChainState state = fx.open(cached)) {
      for (int i = 0; i < 120; i++) {
        state.submitBlock(main.next(3));
        for (OutPoint op : main.utxo().keySet()) {
          assertThat(state.coin(op)).contains(main.utxo().get(op));
        }
      }
      assertThat(cached.cachedEntries()).isLessThanOrEqualTo(8);
      assertThat(cached.hits()).isPositive();
      OutPoint spentLater = main.utxo().keySet().iterator().next();
      assertThat(state.coin(spentLater)).isPresent();
      long misses = cached.misses();
      assertThat(state.coin(spentLater)).isPresent();
      assertThat(cached.misses()).isEqualTo(misses);
    }
  }

  @Test
  void closedStoresFailWithATypedError() throws Exception {
    for (ChainStore store : List.of(MemoryChainStore.create(),
        RocksDbChainStore.open(dir.resolve("closed")))) {
      store.close();
      assertThatThrownBy(store::tip).isInstanceOfSatisfying(ChainException.class,
          e -> assertThat(e.failure()).isEqualTo(ChainError.STORE_FAILURE));
      assertThatThrownBy(() -> store.block(BlockHash.ZERO))
          .isInstanceOf(ChainException.class);
    }
  }

  @Test
  void secondOpenOfALockedDatabaseFails() throws Exception {
    try (RocksDbChainStore first = RocksDbChainStore.open(dir)) {
      assertThatThrownBy(() -> RocksDbChainStore.open(dir)).isInstanceOfSatisfying(
          ChainException.class, e -> assertThat(e.failure()).isEqualTo(ChainError.STORE_FAILURE));
      assertThat(first.tip()).isEmpty();
    }
  }

  @Test
  void storeFailureWhileConnectingAnOrphanPropagatesAndDoesNotMarkItInvalid() throws Exception {
    Branch main = new Branch(fx, 14, fx.params.genesis().header(), 0, Map.of());
    Block parent = main.next(0);
    Block orphan = main.next(0);
    FailingStore store = new FailingStore(MemoryChainStore.create());
    try (ChainState state = fx.open(store)) {
      assertThat(state.submitBlock(orphan)).isEqualTo(BlockAcceptance.ORPHAN);
      store.failOn = orphan.hash();
      // The orphan is valid; only storing it fails. That is not the orphan's fault: the caller
      // must see the store failure rather than have it logged as a rejected orphan.
      assertThatThrownBy(() -> state.submitBlock(parent)).isInstanceOfSatisfying(
          ChainException.class, e -> assertThat(e.failure()).isEqualTo(ChainError.STORE_FAILURE));
      assertThat(state.tip().hash()).isEqualTo(parent.hash());
      assertThat(state.isInvalid(orphan.hash())).isFalse();
    }
  }

  /**
   * Issue 11.6: a store failure during block connection reaches the caller as the store's own
   * {@link ChainException}, not an unchecked exception, and changes nothing.
   */
  @Test
  void failingCoinReadDuringSubmitIsTheStoreErrorAndChangesNothing() throws Exception {
    Branch main = new Branch(fx, 15, fx.params.genesis().header(), 0, Map.of());
    FailingStore store = new FailingStore(MemoryChainStore.create());
    try (ChainState state = fx.open(store)) {
      for (int i = 0; i < 103; i++) {
        state.submitBlock(main.next(2));
      }
      BlockHash tip = state.tip().hash();
      Map<OutPoint, Coin> utxo = ChainFixture.utxo(state);
      Block next = main.next(2);
      store.failCoinReads = true;
      assertThatThrownBy(() -> state.submitBlock(next)).isInstanceOfSatisfying(
          ChainException.class, e -> {
            assertThat(e.failure()).isEqualTo(ChainError.STORE_FAILURE);
            assertThat(e.getMessage()).contains("read error");
          });
      assertThat(state.tip().hash()).isEqualTo(tip);
      assertThat(ChainFixture.utxo(state)).isEqualTo(utxo);
      assertThat(state.isInvalid(next.hash())).isFalse();
      // Once the store recovers, the next block connects both.
      store.failCoinReads = false;
      assertThat(state.submitBlock(main.next(2))).isEqualTo(BlockAcceptance.CONNECTED);
      assertThat(state.tip().hash()).isEqualTo(main.tip().hash());
      assertThat(ChainFixture.utxo(state)).isEqualTo(main.utxo());
    }
  }

  /** Issue 11.6: undo data that does not fit its block is a typed STORE_CORRUPT. */
  @Test
  void undoDataThatDoesNotFitIsStoreCorruptAndTheOldTipStands() throws Exception {
    Branch main = new Branch(fx, 16, fx.params.genesis().header(), 0, Map.of());
    FailingStore store = new FailingStore(MemoryChainStore.create());
    try (ChainState state = fx.open(store)) {
      for (int i = 0; i < 104; i++) {
        state.submitBlock(main.next(2));
      }
      Branch fork = main.fork(17);
      Block last = main.next(3);
      state.submitBlock(last);
      Map<OutPoint, Coin> utxo = ChainFixture.utxo(state);
      store.badUndoFor = last.hash();
      state.submitBlock(fork.next(1));
      assertThatThrownBy(() -> state.submitBlock(fork.next(1))).isInstanceOfSatisfying(
          ChainException.class, e -> assertThat(e.failure()).isEqualTo(ChainError.STORE_CORRUPT));
      assertThat(state.tip().hash()).isEqualTo(last.hash());
      assertThat(ChainFixture.utxo(state)).isEqualTo(utxo);
      assertThat(state.isInvalid(fork.tip().hash())).isFalse();
    }
  }

  /**
   * Delegates to a store, but fails {@link #putBlock} for one block hash, every coin read while
   * {@link #failCoinReads} is set, and returns undo data that fits nothing for one block hash.
   */
  private static final class FailingStore implements ChainStore {
    private final ChainStore delegate;
    volatile BlockHash failOn;
    volatile boolean failCoinReads;
    volatile BlockHash badUndoFor;

    FailingStore(ChainStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void putBlock(Block block) throws ChainException {
      if (block.hash().equals(failOn)) {
        throw new ChainException(ChainError.STORE_FAILURE, "disk full");
      }
      delegate.putBlock(block);
    }

    @Override
    public Optional<Block> block(BlockHash hash) throws ChainException {
      return delegate.block(hash);
    }

    @Override
    public void forEachHeader(Consumer<BlockHeader> action) throws ChainException {
      delegate.forEachHeader(action);
    }

    @Override
    public Optional<Coin> coin(OutPoint outPoint) throws ChainException {
      if (failCoinReads) {
        throw new ChainException(ChainError.STORE_FAILURE, "read error at " + outPoint);
      }
      return delegate.coin(outPoint);
    }

    @Override
    public void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException {
      delegate.forEachCoin(action);
    }

    @Override
    public Optional<BlockUndo> undo(BlockHash hash) throws ChainException {
      if (hash.equals(badUndoFor)) {
        // Two transactions' worth of empty lists: fits no block (a block with two spends
        // spends at least one coin in each).
        return Optional.of(new BlockUndo(List.of(List.of(), List.of())));
      }
      return delegate.undo(hash);
    }

    @Override
    public Optional<BlockHash> tip() throws ChainException {
      return delegate.tip();
    }

    @Override
    public void apply(ChainStoreUpdate update) throws ChainException {
      delegate.apply(update);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
