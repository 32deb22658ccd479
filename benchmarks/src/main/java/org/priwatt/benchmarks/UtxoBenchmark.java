package org.priwatt.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.CachingChainStore;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.store.RocksDbChainStore;

/**
 * UTXO-set throughput of {@link ChainState}: connecting and disconnecting blocks whose
 * transactions only move coins, so the cost measured is coin lookups, the {@code
 * CoinsViewCache}, undo data and the store's atomic update, not signatures (every coin is an
 * anyone-can-spend {@code OP_TRUE} output, spent with an empty scriptSig).
 *
 * <p>The chain: block 102 holds 2,000 coins; ten "heavy" blocks (103..112) each carry 1,000
 * two-in, two-out transactions spending the previous block's outputs, so each heavy block spends
 * 2,000 coins, creates 2,000 and writes 2,000 coins of undo data. Eleven "light" blocks (coinbase
 * only) form a competing branch on block 102.
 *
 * <ul>
 *   <li>{@link #connectTenBlocks}: {@code submitBlock} of the ten heavy blocks on a fresh store
 *       at block 102: one op = 10 blocks = 20,000 coins spent + 20,000 created.
 *   <li>{@link #reorgDisconnectTenBlocks}: with the heavy blocks connected and light blocks
 *       1..10 stored as a side branch, {@code submitBlock} of light block 11 reorganises: it
 *       disconnects the ten heavy blocks (40,000 coin changes undone) and connects the eleven
 *       light ones, in one atomic store update. Connecting light blocks costs next to nothing,
 *       so this is essentially the disconnect cost.
 * </ul>
 *
 * <p>Single-shot: each iteration starts (untimed) from a new store, a {@link MemoryChainStore},
 * a {@link RocksDbChainStore} in a new temporary directory (writes not fsynced; deleted after
 * the iteration), or that RocksDB store behind a {@link CachingChainStore} of 100,000 coins.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class UtxoBenchmark {
  static final int HEAVY_BLOCKS = 10;
  static final int TXS_PER_BLOCK = 1_000;
  static final int COINS = 2 * TXS_PER_BLOCK;

  /** The prepared blocks, and a fresh store and chain state per iteration. */
  @State(Scope.Benchmark)
  public static class Chain {
    @Param({"MEMORY", "ROCKSDB", "CACHED_ROCKSDB"})
    public String store;

    ChainState base;
    final List<Block> heavy = new ArrayList<>();
    final List<Block> light = new ArrayList<>();

    Path dir;
    ChainStore fresh;
    ChainState state;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
      BenchmarkBlocks chain = new BenchmarkBlocks();
      base = ChainState.open(BenchmarkBlocks.PARAMS, MemoryChainStore.create(),
          BenchmarkBlocks.options(1));
      OutPoint coinbase = chain.matureCoinbase(base);
      Transaction fan = BenchmarkBlocks.fanOut(coinbase, BenchmarkBlocks.PARAMS.subsidyAt(1), COINS,
          BenchmarkBlocks.ANYONE);
      Block funding = chain.block(base.tip().header(), 102, BenchmarkBlocks.ANYONE, List.of(fan));
      BenchmarkBlocks.submit(base, funding);

      List<OutPoint> coins = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      for (int i = 0; i < COINS; i++) {
        coins.add(OutPoint.of(fan.txId(), i));
        values.add(fan.output(i).value());
      }
      BlockHeader tip = funding.header();
      for (int b = 0; b < HEAVY_BLOCKS; b++) {
        List<Transaction> txs = new ArrayList<>(TXS_PER_BLOCK);
        List<OutPoint> nextCoins = new ArrayList<>(COINS);
        List<Long> nextValues = new ArrayList<>(COINS);
        for (int t = 0; t < TXS_PER_BLOCK; t++) {
          long each = (values.get(2 * t) + values.get(2 * t + 1) - 1_000) / 2;
          Transaction tx = Transaction.builder()
              .addInput(TxInput.unsigned(coins.get(2 * t)))
              .addInput(TxInput.unsigned(coins.get(2 * t + 1)))
              .addOutput(Amount.ofSat(each), BenchmarkBlocks.ANYONE)
              .addOutput(Amount.ofSat(each), BenchmarkBlocks.ANYONE)
              .build();
          txs.add(tx);
          for (int o = 0; o < 2; o++) {
            nextCoins.add(OutPoint.of(tx.txId(), o));
            nextValues.add(each);
          }
        }
        Block block = chain.block(tip, 103 + b, BenchmarkBlocks.ANYONE, txs);
        heavy.add(block);
        tip = block.header();
        coins = nextCoins;
        values = nextValues;
      }
      tip = funding.header();
      for (int b = 0; b <= HEAVY_BLOCKS; b++) {
        Block block = chain.block(tip, 103 + b, BenchmarkBlocks.ANYONE, List.of());
        light.add(block);
        tip = block.header();
      }
    }

    @Setup(Level.Iteration)
    public void openFresh(BenchmarkParams params) throws Exception {
      switch (store) {
        case "MEMORY":
          fresh = MemoryChainStore.create();
          break;
        case "ROCKSDB":
          dir = Files.createTempDirectory("priwatt-utxo-bench");
          fresh = RocksDbChainStore.open(dir);
          break;
        case "CACHED_ROCKSDB":
          dir = Files.createTempDirectory("priwatt-utxo-bench");
          fresh = CachingChainStore.wrap(RocksDbChainStore.open(dir), 100_000);
          break;
        default:
          throw new IllegalArgumentException(store);
      }
      BenchmarkBlocks.copyTip(base, fresh);
      state = ChainState.open(BenchmarkBlocks.PARAMS, fresh, BenchmarkBlocks.options(1));
      if (params.getBenchmark().endsWith("reorgDisconnectTenBlocks")) {
        for (Block b : heavy) {
          BenchmarkBlocks.submit(state, b);
        }
        for (Block b : light.subList(0, HEAVY_BLOCKS)) {
          if (state.submitBlock(b) != BlockAcceptance.SIDE_BRANCH) {
            throw new IllegalStateException("light block connected too early");
          }
        }
      }
    }

    @TearDown(Level.Iteration)
    public void closeFresh() throws IOException {
      state.close();
      fresh.close();
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
        dir = null;
      }
    }

    @TearDown(Level.Trial)
    public void closeBase() {
      base.close();
    }
  }

  /** Connects the ten heavy blocks: 20,000 coins spent and 20,000 created. */
  @Benchmark
  public int connectTenBlocks(Chain c) throws Exception {
    for (Block b : c.heavy) {
      BenchmarkBlocks.submit(c.state, b);
    }
    return c.state.height();
  }

  /** Reorganises onto the light branch: disconnects the ten heavy blocks. */
  @Benchmark
  public int reorgDisconnectTenBlocks(Chain c) throws Exception {
    BenchmarkBlocks.submit(c.state, c.light.get(HEAVY_BLOCKS));
    return c.state.height();
  }
}
