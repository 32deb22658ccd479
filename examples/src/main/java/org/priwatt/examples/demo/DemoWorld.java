package org.priwatt.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.AuctionBoard;
import org.priwatt.energy.ChainPaymentLedger;
import org.priwatt.energy.DsoRegistry;
import org.priwatt.energy.DsoService;
import org.priwatt.energy.EscrowScripts;
import org.priwatt.energy.Payment;
import org.priwatt.energy.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNetwork;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.Script;

/**
 * Everything the demo runs on, in one process: a REGTEST chain (in-memory chain state, mempool,
 * one-thread miner paying a faucet key, {@link ChainPaymentLedger}), the messaging network
 * (Bob - Eve - Alice, the DSO behind Eve, so Eve relays every object), the DSO's registry (its
 * write-ahead log in a temporary directory) and service, and a clock the demo can move forward
 * to let a timeout expire. {@link #close()} stops everything and deletes the directory.
 */
final class DemoWorld implements AutoCloseable {
  /** Proof of work for the demo's messages: real, but light enough for seconds per run. */
  static final PowParameters DEMO_POW = new PowParameters(10, 100);
  /** Fee of each transaction the parties build. */
  static final Amount FEE = Amount.ofSat(1_000);
  /** How long a party waits for its counterpart. */
  static final long TIMEOUT_SECONDS = 60;
  private static final Amount FAUCET_FEE = Amount.ofSat(10_000);

  final SecureRandom random = new SecureRandom();
  final AtomicLong offset = new AtomicLong();
  final Path dir;
  final ChainState chain;
  final Mempool pool;
  final EcKey faucet = EcKey.generate();
  final Script faucetScript = EscrowScripts.p2pkh(faucet.publicKey());
  final Miner miner;
  final ChainPaymentLedger ledger;
  final MessageNetwork net = new MessageNetwork();
  final MessageNode dsoNode;
  final MessageNode bobNode;
  final MessageNode eveNode;
  final MessageNode aliceNode;
  final EcKey dsoKey = EcKey.generate();
  final Identity board = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
  final DsoRegistry registry;
  final DsoService dso;

  DemoWorld(int buyerShareBasisPoints) throws Exception {
    dir = Files.createTempDirectory("priwatt-demo");
    chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    miner = Miner.create(chain, pool, faucetScript, 1, this::now);
    ledger = ChainPaymentLedger.attach(chain, pool);
    dsoNode = node("dso");
    bobNode = node("bob");
    eveNode = node("eve");
    aliceNode = node("alice");
    net.connect(bobNode, eveNode);
    net.connect(eveNode, aliceNode);
    net.connect(dsoNode, eveNode);
    registry = DsoRegistry.builder().log(dir.resolve("dso.wal")).dsoKey(dsoKey.publicKey()).ledger(ledger)
        .clock(this::now).random(random).open();
    dso = new DsoService(dsoNode, identity(), dsoKey, registry, (entry, requester, evidence) -> buyerShareBasisPoints, FEE);
  }

  private MessageNode node(String name) {
    return net.add(MessageNode.builder(name).rules(ObjectRules.withMinimum(DEMO_POW)).clock(this::now).powThreads(1).build());
  }

  /** A fresh messaging identity demanding the demo's proof of work. */
  Identity identity() {
    return Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(DEMO_POW);
  }

  /** The demo clock: Unix seconds plus however far the demo moved time forward. */
  long now() {
    return System.currentTimeMillis() / 1000 + offset.get();
  }

  /** The trade context of a party on {@code node}: one confirmation, the demo fee and timeout. */
  TradeContext ctx(MessageNode node) {
    return new TradeContext(node, ledger, dso.publicIdentity(), dsoKey.publicKey(), 1, FEE, TIMEOUT_SECONDS, this::now, random);
  }

  /** Mines {@code n} blocks on the tip; returns the last. */
  Block mine(int n) throws Exception {
    Block last = null;
    for (int i = 0; i < n; i++) {
      last = miner.mineBlock().orElseThrow(() -> new IllegalStateException("miner stopped"));
    }
    return last;
  }

  /** Pays {@code amount} from a mature faucet coinbase to {@code to} and confirms it. */
  Payment fund(Script to, Amount amount) throws Exception {
    int maturity = ChainParameters.REGTEST.coinbaseMaturity();
    Payment coin = ledger.unspent(faucetScript, maturity).stream()
        .filter(p -> ledger.transaction(p.outPoint().txId()).orElseThrow().isCoinbase()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no mature coinbase; mine more blocks"));
    Transaction unsigned = Transaction.builder().addInput(coin.outPoint()).addOutput(amount, to)
        .addOutput(Amount.ofSat(coin.output().value() - amount.sat() - FAUCET_FEE.sat()), faucetScript).build();
    Transaction tx = TransactionSigner.signP2pkh(unsigned, 0, faucetScript, faucet);
    ledger.broadcast(tx).ifPresent(r -> {
      throw new IllegalStateException("faucet payment refused: " + r);
    });
    mine(1);
    return ledger.paymentsTo(to).stream().filter(p -> p.outPoint().equals(OutPoint.of(tx.txId(), 0))).findFirst()
        .orElseThrow();
  }

  /**
   * Runs {@code pump} every 10 ms until {@code done} holds.
   *
   * @throws IllegalStateException after 30 s, naming {@code what}
   */
  static void await(String what, BooleanSupplier done, Pump pump) throws Exception {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      pump.run();
      Thread.sleep(10);
    }
  }

  /** What a waiting loop does between checks (ticks, mining). */
  @FunctionalInterface
  interface Pump {
    void run() throws Exception;
  }

  @Override
  public void close() throws Exception {
    dso.close();
    net.close();
    miner.close();
    ledger.close();
    chain.close();
    registry.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // A leftover temporary file is harmless.
        }
      });
    }
  }
}
