package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.ChainParameters;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.store.CachingChainStore;
import org.priwatt.chain.store.ChainStore;
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
            e -> assertThat(e.error()).isEqualTo(ChainError.STORE_CORRUPT));
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
          e -> assertThat(e.error()).isEqualTo(ChainError.STORE_FAILURE));
      assertThatThrownBy(() -> store.block(BlockHash.ZERO))
          .isInstanceOf(ChainException.class);
    }
  }

  @Test
  void secondOpenOfALockedDatabaseFails() throws Exception {
    try (RocksDbChainStore first = RocksDbChainStore.open(dir)) {
      assertThatThrownBy(() -> RocksDbChainStore.open(dir)).isInstanceOfSatisfying(
          ChainException.class, e -> assertThat(e.error()).isEqualTo(ChainError.STORE_FAILURE));
      assertThat(first.tip()).isEmpty();
    }
  }
}
