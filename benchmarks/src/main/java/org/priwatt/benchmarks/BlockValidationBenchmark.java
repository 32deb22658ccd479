package org.priwatt.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.VerifyFlag;

/**
 * Full validation of a REGTEST block of 2,000 signed P2PKH spends (plus its coinbase) through
 * {@link ChainState#submitBlock}: context-free and contextual checks, input lookups, fees, the
 * coinbase amount, every input's script with a real ECDSA signature, and the store update. The
 * SDK runs with 1 and 2 verifier threads ({@code ChainStateOptions.withVerifierThreads}) on each
 * secp256k1 backend; bitcoinj runs {@code Script.correctlySpends} on the same 2,000 inputs,
 * scripts only, in one thread. One op = one input, so the scores compare directly.
 *
 * <p>Setup (once per trial): 101 blocks mature a coinbase, block 102 fans it out into 2,000
 * P2PKH coins of one key, and the benchmark block 103 spends each coin in its own signed
 * transaction. Before every invocation (not timed) the tip at block 102 is copied into a fresh
 * {@link MemoryChainStore} and a {@link ChainState} opened on it with an empty script-execution
 * cache, so every invocation validates and connects block 103 from scratch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlockValidationBenchmark {
  static final int TXS = 2_000;

  /** The prepared chain and block, and a fresh chain state at block 102 per invocation. */
  @State(Scope.Benchmark)
  public static class Sdk {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    @Param({"1", "2"})
    public int threads;

    ChainState base;
    Block block;
    ChainState fresh;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
      // Fixes this fork's backend before anything uses the curve: JMH runs every parameter
      // value in a JVM of its own (with -f 0 the second value would be refused).
      Secp256k1.select(backend);
      Prepared p = Prepared.build();
      base = p.state;
      block = p.block;
      openFresh();
      if (fresh.submitBlock(block) != BlockAcceptance.CONNECTED) {
        throw new IllegalStateException("benchmark block does not connect");
      }
      fresh.close();
    }

    @Setup(Level.Invocation)
    public void openFresh() throws Exception {
      MemoryChainStore store = MemoryChainStore.create();
      BenchmarkBlocks.copyTip(base, store);
      fresh = ChainState.open(BenchmarkBlocks.PARAMS, store, BenchmarkBlocks.options(threads));
    }

    @TearDown(Level.Invocation)
    public void closeFresh() {
      fresh.close();
    }

    @TearDown(Level.Trial)
    public void closeBase() {
      base.close();
    }
  }

  /** The chain at block 102 and the 2,000-transaction block 103 on it. */
  static final class Prepared {
    ChainState state;
    Block block;
    Script spent;
    List<Transaction> spends;

    static Prepared build() throws Exception {
      Prepared p = new Prepared();
      EcKey key = EcKey.fromPrivate(Hashes.sha256(new byte[] {7}));
      p.spent = ScriptTemplates.p2pkh(key.publicKey().hash160());
      Script payee = ScriptTemplates.p2pkh(Hashes.hash160(new byte[] {8}));
      BenchmarkBlocks chain = new BenchmarkBlocks();
      p.state = ChainState.open(BenchmarkBlocks.PARAMS, MemoryChainStore.create(),
          BenchmarkBlocks.options(1));
      OutPoint coinbase = chain.matureCoinbase(p.state);
      Transaction fan = BenchmarkBlocks.fanOut(coinbase, BenchmarkBlocks.PARAMS.subsidyAt(1), TXS,
          p.spent);
      Block funding = chain.block(p.state.tip().header(), 102, BenchmarkBlocks.ANYONE, List.of(fan));
      BenchmarkBlocks.submit(p.state, funding);
      p.spends = new ArrayList<>(TXS);
      for (int i = 0; i < TXS; i++) {
        Transaction unsigned = Transaction.builder()
            .addInput(TxInput.unsigned(OutPoint.of(fan.txId(), i)))
            .addOutput(Amount.ofSat(fan.output(i).value() - 1_000), payee)
            .build();
        p.spends.add(TransactionSigner.signP2pkh(unsigned, 0, p.spent, key));
      }
      p.block = chain.block(funding.header(), 103, BenchmarkBlocks.ANYONE, p.spends);
      return p;
    }
  }

  /** The same 2,000 spends as bitcoinj transactions, with the scriptPubKey they spend. */
  @State(Scope.Benchmark)
  public static class Bitcoinj {
    org.bitcoinj.core.Transaction[] txs;
    org.bitcoinj.script.Script spent;
    Set<org.bitcoinj.script.Script.VerifyFlag> flags;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
      Prepared p = Prepared.build(); // on the default backend: only bitcoinj verifies here
      p.state.close();
      spent = org.bitcoinj.script.Script.parse(p.spent.program());
      txs = new org.bitcoinj.core.Transaction[TXS];
      for (int i = 0; i < TXS; i++) {
        txs[i] = org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(p.spends.get(i).serialize()));
      }
      // The consensus flags the SDK applies at height 103, as far as bitcoinj knows them.
      flags = EnumSet.noneOf(org.bitcoinj.script.Script.VerifyFlag.class);
      for (VerifyFlag f : BenchmarkBlocks.PARAMS.scriptFlagsAt(103)) {
        for (org.bitcoinj.script.Script.VerifyFlag b
            : org.bitcoinj.script.Script.VerifyFlag.values()) {
          if (b.name().equals(f.name())) {
            flags.add(b);
          }
        }
      }
    }
  }

  /** submitBlock of block 103: full validation and connection, 2,000 signed inputs. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public BlockAcceptance sdkSubmitBlock(Sdk s) throws Exception {
    BlockAcceptance r = s.fresh.submitBlock(s.block);
    if (r != BlockAcceptance.CONNECTED) {
      throw new IllegalStateException("block not connected: " + r);
    }
    return r;
  }

  /** bitcoinj: {@code correctlySpends} of every input, one thread, scripts only. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public int bitcoinjCorrectlySpends(Bitcoinj b) throws Exception {
    for (org.bitcoinj.core.Transaction tx : b.txs) {
      tx.getInput(0).getScriptSig().correctlySpends(tx, 0, null, null, b.spent, b.flags);
    }
    return b.txs.length;
  }
}
