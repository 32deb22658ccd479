package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.params.ChainParameters;

/** Connecting, reorganising, invalid branches, orphans and listeners on a regtest chain. */
class ChainStateTest {
  private final ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);
  private ChainState state;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    state = fx.openMemory();
    state.addListener(new ChainListener() {
      @Override
      public void blockConnected(Block block, int height) {
        events.add("+" + height + ":" + block.hash());
      }

      @Override
      public void blockDisconnected(Block block, int height) {
        events.add("-" + height + ":" + block.hash());
      }
    });
  }

  @AfterEach
  void close() {
    state.close();
  }

  private Branch mainBranch(long seed) {
    return new Branch(fx, seed, fx.params.genesis().header(), 0, Map.of());
  }

  private void submitAll(List<Block> blocks) throws Exception {
    for (Block b : blocks) {
      state.submitBlock(b);
    }
  }

  @Test
  void connectsBlocksAndTracksCoinbases() throws Exception {
    Branch main = mainBranch(1);
    for (int i = 0; i < 5; i++) {
      assertThat(state.submitBlock(main.next(0))).isEqualTo(BlockAcceptance.CONNECTED);
    }
    assertThat(state.height()).isEqualTo(5);
    assertThat(ChainFixture.utxo(state)).isEqualTo(main.utxo());
    assertThat(events).hasSize(5).allMatch(e -> e.startsWith("+"));
    assertThat(state.submitBlock(main.blocks.get(2))).isEqualTo(BlockAcceptance.DUPLICATE);
    assertThat(state.tip().chainWork().toBigInteger())
        .isEqualTo(fx.params.genesis().header().work().toBigInteger().multiply(
            java.math.BigInteger.valueOf(6)));
  }

  @Test
  void coinbaseMaturityIsEnforced() throws Exception {
    Branch main = mainBranch(2);
    Block first = main.next(0);
    state.submitBlock(first);
    Transaction cb = first.coinbase();
    for (int i = 0; i < 98; i++) {
      state.submitBlock(main.next(0));
    }
    // Next block is at height 100: the height-1 coinbase has 99 confirmations there.
    Transaction spend = ChainFixture.spend(List.of(OutPoint.of(cb.txId(), 0)),
        cb.output(0).value(), 1, 1000);
    Block early = fx.block(main.tip(), 100, List.of(spend));
    assertThatThrownBy(() -> state.submitBlock(early)).isInstanceOfSatisfying(
        ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(BlockError.PREMATURE_COINBASE_SPEND));
    assertThat(state.height()).isEqualTo(99);
    state.submitBlock(main.next(0));
    Block mature = fx.block(main.tip(), 101, List.of(spend));
    assertThat(state.submitBlock(mature)).isEqualTo(BlockAcceptance.CONNECTED);
    assertThat(state.coin(OutPoint.of(cb.txId(), 0))).isEmpty();
    assertThat(state.coin(OutPoint.of(spend.txId(), 0))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void reorganisationRestoresTheExactUtxoSet(int depth) throws Exception {
    Branch main = mainBranch(3);
    for (int i = 0; i < 110; i++) {
      state.submitBlock(main.next(2));
    }
    Branch a = main.fork(10);
    Branch b = main.fork(20);
    Map<OutPoint, Coin> atFork = ChainFixture.utxo(state);
    assertThat(atFork).isEqualTo(main.utxo());
    for (int i = 0; i < depth; i++) {
      a.next(3);
      b.next(3);
    }
    b.next(3);
    submitAll(a.blocks);
    Map<OutPoint, Coin> onA = ChainFixture.utxo(state);
    assertThat(onA).isEqualTo(a.utxo());
    events.clear();
    for (int i = 0; i < b.blocks.size() - 1; i++) {
      assertThat(state.submitBlock(b.blocks.get(i))).isEqualTo(
          i < depth - 1 || depth == 1 && i == 0 ? BlockAcceptance.SIDE_BRANCH
              : BlockAcceptance.SIDE_BRANCH);
    }
    assertThat(events).isEmpty();
    assertThat(state.submitBlock(b.blocks.get(depth))).isEqualTo(BlockAcceptance.CONNECTED);
    assertThat(state.tip().hash()).isEqualTo(b.tip().hash());
    assertThat(ChainFixture.utxo(state)).isEqualTo(b.utxo());
    assertThat(ChainFixture.utxo(state))
        .isEqualTo(ChainFixture.replay(ChainFixture.bestBlocks(state), 1));
    assertThat(events).hasSize(2 * depth + 1);
    assertThat(events.subList(0, depth)).allMatch(e -> e.startsWith("-"));
    assertThat(events.get(0)).startsWith("-" + (110 + depth) + ":");
    assertThat(events.get(depth)).startsWith("+111:");
    // Back to A: undo of B must give exactly A's set again.
    a.next(1);
    a.next(1);
    submitAll(a.blocks.subList(depth, depth + 2));
    assertThat(state.tip().hash()).isEqualTo(a.tip().hash());
    assertThat(ChainFixture.utxo(state)).isEqualTo(a.utxo());
  }

  @Test
  void invalidBlockInHeavierBranchLeavesOldTipIntact() throws Exception {
    Branch main = mainBranch(4);
    for (int i = 0; i < 105; i++) {
      state.submitBlock(main.next(2));
    }
    Branch a = main.fork(30);
    Branch b = main.fork(40);
    for (int i = 0; i < 5; i++) {
      a.next(2);
      b.next(2);
    }
    submitAll(a.blocks);
    BlockHash oldTip = state.tip().hash();
    Map<OutPoint, Coin> before = ChainFixture.utxo(state);
    // B's third block spends a coin that does not exist: only found when connecting.
    Transaction bogus = ChainFixture.spend(List.of(OutPoint.of(TxId.fromBytes(new byte[32]
        .clone()), 7)), 1_000_000, 1, 0);
    Branch bad = main.fork(40);
    List<Block> badBlocks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      badBlocks.add(bad.next(2));
    }
    Block invalid = fx.block(bad.tip(), bad.height() + 1, List.of(bogus));
    bad.append(invalid);
    badBlocks.add(invalid);
    for (int i = 0; i < 4; i++) {
      badBlocks.add(bad.next(0));
    }
    events.clear();
    for (int i = 0; i < 5; i++) {
      state.submitBlock(badBlocks.get(i));
    }
    assertThatThrownBy(() -> state.submitBlock(badBlocks.get(5)))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.INVALID_ANCESTOR));
    assertThat(state.tip().hash()).isEqualTo(oldTip);
    assertThat(ChainFixture.utxo(state)).isEqualTo(before);
    assertThat(events).isEmpty();
    assertThat(state.isInvalid(invalid.hash())).isTrue();
    assertThat(state.isInvalid(badBlocks.get(5).hash())).isTrue();
    assertThat(state.isInvalid(badBlocks.get(1).hash())).isFalse();
    assertThatThrownBy(() -> state.submitBlock(badBlocks.get(6)))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.INVALID_ANCESTOR));
    assertThatThrownBy(() -> state.submitBlock(invalid))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.KNOWN_INVALID));
    // The honest branch B still wins once it is heavier.
    b.next(0);
    submitAll(b.blocks);
    assertThat(state.tip().hash()).isEqualTo(b.tip().hash());
    assertThat(ChainFixture.utxo(state)).isEqualTo(b.utxo());
  }

  @Test
  void invalidTipExtensionReportsItsOwnReason() throws Exception {
    Branch main = mainBranch(5);
    state.submitBlock(main.next(0));
    Block greedy = fx.block(main.tip(), 2, List.of(), fx.params.subsidyAt(2).sat() + 1,
        x -> x);
    assertThatThrownBy(() -> state.submitBlock(greedy)).isInstanceOfSatisfying(
        ChainException.class, e -> {
          assertThat(e.failure()).isEqualTo(BlockError.BAD_COINBASE_AMOUNT);
          assertThat(e.failure().rejectReason()).hasValue("bad-cb-amount");
        });
    assertThat(state.height()).isEqualTo(1);
  }

  @Test
  void orphansConnectWhenTheirParentArrives() throws Exception {
    Branch main = mainBranch(6);
    for (int i = 0; i < 6; i++) {
      main.next(0);
    }
    for (int i = 5; i >= 1; i--) {
      assertThat(state.submitBlock(main.blocks.get(i))).isEqualTo(BlockAcceptance.ORPHAN);
    }
    assertThat(state.submitBlock(main.blocks.get(3))).isEqualTo(BlockAcceptance.DUPLICATE);
    assertThat(state.orphanCount()).isEqualTo(5);
    assertThat(state.height()).isZero();
    assertThat(state.submitBlock(main.blocks.get(0))).isEqualTo(BlockAcceptance.CONNECTED);
    assertThat(state.height()).isEqualTo(6);
    assertThat(state.orphanCount()).isZero();
    assertThat(events).hasSize(6);
  }

  @Test
  void orphanPoolIsBounded() throws Exception {
    ChainState small = ChainState.open(fx.params,
        org.priwatt.chain.store.MemoryChainStore.create(),
        ChainFixture.options().withMaxOrphans(3));
    try {
      Branch main = mainBranch(7);
      for (int i = 0; i < 7; i++) {
        main.next(0);
      }
      for (int i = 1; i < 7; i++) {
        small.submitBlock(main.blocks.get(i));
      }
      assertThat(small.orphanCount()).isEqualTo(3);
      small.submitBlock(main.blocks.get(0));
      // Blocks 1..3 were evicted, so only block 0 connects; 4..6 still wait.
      assertThat(small.height()).isEqualTo(1);
      submitAllTo(small, main.blocks.subList(1, 4));
      assertThat(small.height()).isEqualTo(7);
    } finally {
      small.close();
    }
  }

  @Test
  void withoutAnOrphanPoolUnknownParentsAreRejected() throws Exception {
    try (ChainState none = ChainState.open(fx.params,
        org.priwatt.chain.store.MemoryChainStore.create(),
        ChainFixture.options().withMaxOrphans(0))) {
      Branch main = mainBranch(10);
      main.next(0);
      Block second = main.next(0);
      assertThatThrownBy(() -> none.submitBlock(second)).isInstanceOfSatisfying(
          ChainException.class,
          e -> assertThat(e.failure()).isEqualTo(BlockError.PREV_BLOCK_NOT_FOUND));
      assertThat(none.orphanCount()).isZero();
    }
  }

  private static void submitAllTo(ChainState s, List<Block> blocks) throws Exception {
    for (Block b : blocks) {
      s.submitBlock(b);
    }
  }

  @Test
  void equalWorkKeepsTheFirstSeenTip() throws Exception {
    Branch main = mainBranch(8);
    state.submitBlock(main.next(0));
    Branch a = main.fork(1);
    Branch b = main.fork(2);
    state.submitBlock(a.next(0));
    assertThat(state.submitBlock(b.next(0))).isEqualTo(BlockAcceptance.SIDE_BRANCH);
    assertThat(state.tip().hash()).isEqualTo(a.tip().hash());
  }

  @Test
  void readersNeverSeeAPartialReorganisation() throws Exception {
    Branch main = mainBranch(9);
    for (int i = 0; i < 105; i++) {
      state.submitBlock(main.next(2));
    }
    java.util.Map<BlockHash, Map<OutPoint, Coin>> expected = new java.util.HashMap<>();
    expected.put(main.tip().hash(), new java.util.HashMap<>(main.utxo()));
    Branch a = main.fork(91);
    Branch b = main.fork(92);
    for (int i = 0; i < 10; i++) {
      a.next(3);
      expected.put(a.tip().hash(), new java.util.HashMap<>(a.utxo()));
    }
    for (int i = 0; i < 11; i++) {
      b.next(3);
      expected.put(b.tip().hash(), new java.util.HashMap<>(b.utxo()));
    }
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic
        .AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic
        .AtomicInteger();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        Map<OutPoint, Coin> seen = new java.util.HashMap<>();
        BlockHash[] tip = new BlockHash[1];
        try {
          state.forEachCoin((op, c) -> {
            if (tip[0] == null) {
              tip[0] = state.tip().hash();
            }
            seen.put(op, c);
          });
        } catch (Exception e) {
          problems.add(e.toString());
          return;
        }
        if (!seen.equals(expected.get(tip[0]))) {
          problems.add("inconsistent UTXO set at tip " + tip[0]);
        }
        reads.incrementAndGet();
      }
    });
    reader.start();
    try {
      while (reads.get() == 0 && problems.isEmpty()) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < a.blocks.size(); i++) {
        state.submitBlock(a.blocks.get(i));
        Thread.yield();
      }
      submitAll(b.blocks);
      int after = reads.get();
      while (reads.get() < after + 3 && problems.isEmpty()) {
        Thread.onSpinWait();
      }
    } finally {
      stop.set(true);
      reader.join();
    }
    assertThat(state.tip().hash()).isEqualTo(b.tip().hash());
    assertThat(problems).isEmpty();
    assertThat(reads.get()).isPositive();
  }
}
