package org.priwatt.benchmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mining.SelectionLimits;
import org.priwatt.chain.mining.TransactionSelector;
import org.priwatt.script.Script;

/**
 * Block-template selection ({@link TransactionSelector}) from a pool of {@code poolSize}
 * transactions, a third of them in dependency chains (each spending up to three of the twelve
 * transactions before it), into a 100,000-byte block that holds about half of a 2,000-entry
 * pool: one op = one complete selection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TemplateSelectionBenchmark {
  @Param({"2000", "10000"})
  public int poolSize;

  private List<MempoolEntry> pool;
  private final SelectionLimits limits =
      new SelectionLimits(100_000, 20_000, FeeRate.ofSatPerKb(1_000), 10, 0);

  @Setup
  public void setUp() {
    Random rnd = new Random(1);
    pool = new ArrayList<>();
    for (int i = 0; i < poolSize; i++) {
      TransactionBuilder b = Transaction.builder();
      Set<TxId> parents = new HashSet<>();
      int spends = i > 0 && rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0;
      for (int k = 0; k < spends; k++) {
        parents.add(pool.get(i - 1 - rnd.nextInt(Math.min(12, i))).txId());
      }
      if (parents.isEmpty()) {
        byte[] id = new byte[32];
        rnd.nextBytes(id);
        b.addInput(TxInput.of(OutPoint.of(TxId.fromBytes(id), 0), Script.EMPTY, 0xFFFFFFFFL));
      }
      for (TxId p : parents) {
        b.addInput(TxInput.of(OutPoint.of(p, 0), Script.EMPTY, 0xFFFFFFFFL));
      }
      Transaction tx = b.addOutput(Amount.ofSat(10_000 + i), Script.EMPTY).build();
      pool.add(new MempoolEntry(tx, Amount.ofSat(100 + rnd.nextInt(20_000)), 1, 0, 0, parents));
    }
  }

  @Benchmark
  public TransactionSelector.Selection select() {
    return TransactionSelector.select(pool, limits);
  }
}
