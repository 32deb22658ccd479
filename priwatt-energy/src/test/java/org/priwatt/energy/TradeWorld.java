package org.priwatt.energy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNetwork;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.Script;

/**
 * Test fixture shared by the trade tests: the in-process messaging network Bob - hub - Alice with
 * the DSO behind the hub, a DSO registry and service (disputes give the buyer 5,000 of 10,000),
 * a test clock that can be moved forward, and a ledger ({@link #openLedger()}, in memory unless a
 * subclass picks the real chain). Low proof of work for speed.
 */
abstract class TradeWorld {
  static final PowParameters EASY = new PowParameters(1, 0);
  static final SecureRandom RANDOM = new SecureRandom();
  static final Amount FEE = Amount.ofSat(1_000);
  static final int BUYER_SHARE = 5_000;

  @TempDir Path dir;
  final MessageNetwork net = new MessageNetwork();
  final AtomicLong offset = new AtomicLong();
  final EcKey dsoKey = EcKey.generate();
  final Identity board = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
  TestLedger testLedger;
  PaymentLedger ledger;
  MessageNode dsoNode, bobNode, hubNode, aliceNode;
  DsoRegistry registry;
  DsoService dso;

  /** The ledger this world trades on; opened before everything else, closed last. */
  TestLedger openLedger() throws Exception {
    return TestLedger.inMemory();
  }

  @BeforeEach
  void setUpWorld() throws Exception {
    testLedger = openLedger();
    ledger = testLedger.ledger();
    dsoNode = node("dso");
    bobNode = node("bob");
    hubNode = node("hub");
    aliceNode = node("alice");
    net.connect(bobNode, hubNode);
    net.connect(hubNode, aliceNode);
    net.connect(dsoNode, hubNode);
    registry = DsoRegistry.builder().log(dir.resolve("dso.wal")).dsoKey(dsoKey.publicKey()).ledger(ledger).clock(this::now).open();
    dso = new DsoService(dsoNode, identity(), dsoKey, registry, (entry, requester, evidence) -> BUYER_SHARE, FEE);
  }

  @AfterEach
  void tearDownWorld() throws Exception {
    dso.close();
    net.close();
    registry.close();
    testLedger.close();
  }

  long now() {
    return System.currentTimeMillis() / 1000 + offset.get();
  }

  MessageNode node(String name) {
    return net.add(MessageNode.builder(name).rules(ObjectRules.withMinimum(EASY)).powThreads(1).build());
  }

  static Identity identity() {
    return Identity.newIdentity().withPow(EASY);
  }

  TradeContext ctx(MessageNode node) {
    return new TradeContext(node, ledger, dso.publicIdentity(), dsoKey.publicKey(), 1, FEE, 60, this::now, RANDOM);
  }

  /** Pays {@code amount} to {@code to} on this world's ledger and confirms it. */
  Payment fund(Script to, Amount amount) throws Exception {
    return testLedger.fund(to, amount);
  }

  /** Confirms the pending payments. */
  void mineBlock() throws Exception {
    testLedger.mineBlock();
  }

  /** Runs {@code step} until {@code done} holds; fails after 30 seconds. */
  static void await(String what, BooleanSupplier done, Runnable step) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      step.run();
      Thread.sleep(10);
    }
  }
}
