package org.priwatt.energy.trade;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.priwatt.chain.Amount;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;

/**
 * The trade tests' world: a {@link RegtestWorld} with Bob's and Alice's nodes, and helpers that
 * bring a trade to a given step with honest parties, so each test starts where its deviation
 * begins.
 */
abstract class TradeFixture {
  /** Energy of the injection sold: 5 kWh. */
  static final EnergyAmount FIVE_KWH = EnergyAmount.ofWattHours(5_000);
  /** 10,000 sat per kWh: a total of 50,000 sat. */
  static final long PRICE_PER_KWH = 10_000;
  static final Amount TOTAL = Amount.ofSat(50_000);
  static final Duration WAIT = Duration.ofSeconds(30);

  RegtestWorld world;
  MessageNode bobNode;
  MessageNode aliceNode;
  /** Alice's view of the board, once {@link #offerAndMatch} ran. */
  AuctionBoard aliceBoard;

  /** The world's options; a test class may override. */
  RegtestWorld.Builder options() {
    return RegtestWorld.builder();
  }

  @BeforeEach
  void openWorld() throws Exception {
    world = options().build();
    bobNode = world.node("bob");
    aliceNode = world.node("alice");
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  /** Bob's energy injected and his session holding its secrets. */
  record Seller(ProsumerSession session, EcKey key, Identity msg, IssuedSecrets issued) {}

  Seller inject() throws Exception {
    EcKey key = EcKey.generate();
    Identity msg = world.identity();
    ProsumerSession s = world.own(ProsumerSession.open(world.context(bobNode), msg, key, SessionStore.inMemory()));
    IssuedSecrets issued = world.dso().recordInjection(
        new EnergyInjection(key.publicKey(), msg.address(), FIVE_KWH, world.now()), msg.publicIdentity());
    awaitState("secrets", () -> s.state() == ProsumerSession.State.READY);
    return new Seller(s, key, msg, issued);
  }

  /** Bob's offer, as Alice's board matched it. */
  Offer offerAndMatch(Seller bob) {
    return offerAndMatch(bob, 3600);
  }

  /** As {@link #offerAndMatch(Seller)} with the offer valid for {@code ttlSeconds}. */
  Offer offerAndMatch(Seller bob, long ttlSeconds) {
    AuctionBoard board = world.auctionBoard(aliceNode);
    aliceBoard = board;
    bob.session().offer(world.boardIdentity(), PRICE_PER_KWH, ttlSeconds);
    awaitState("offer on the board", () -> !board.match(FIVE_KWH, PRICE_PER_KWH).isEmpty());
    return board.match(FIVE_KWH, PRICE_PER_KWH).get(0);
  }

  /** A funded wallet for Alice. */
  Wallet aliceWallet() throws Exception {
    Wallet w = world.wallet();
    world.fund(w, Amount.ofSat(500_000));
    return w;
  }

  ConsumerSession buyer(Offer offer, Wallet wallet) throws Exception {
    return world.own(ConsumerSession.open(world.context(aliceNode), world.identity(), EcKey.generate(), offer,
        world.fundingSource(wallet), SessionStore.inMemory()));
  }

  void awaitState(String what, java.util.function.BooleanSupplier done) {
    world.await(what, done, () -> {}, WAIT);
  }

  /** Waits for {@code done}, ticking the sessions between checks. */
  void awaitTicking(String what, java.util.function.BooleanSupplier done, ProsumerSession bob, ConsumerSession alice) {
    world.await(what, done, () -> {
      if (bob != null) {
        bob.tick();
      }
      if (alice != null) {
        alice.tick();
      }
    }, WAIT);
  }
}
