package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.PowParameters;

/**
 * Issue 11 (items 1 and 5) and issue 12 (item 9) at the trade sessions and the DSO: hostile input
 * is dropped and counted by reason, a snapshot that cannot be saved stops a session with a typed
 * reason, a bug propagates, nobody makes a session or the DSO do unbounded proof of work or delay
 * an honest party, and a hostile BUY costs the seller nothing.
 */
class SessionFailuresTest extends TradeFixture {
  @Test
  void hostileMessagesAreDroppedWithAReasonAndCounted() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    ScriptedParty mallory = ScriptedParty.on(world, aliceNode);
    ProsumerSession s = bob.session();
    // Undecodable: a PriWatt subject with a body that is not hex.
    aliceNode.sendMessage(mallory.msg, offer.seller(), MessageContent.simple("priwatt/v2/buy", "zz"), 600);
    // Another trade's entry.
    mallory.send(offer.seller(), new TradeMessage.Buy(EntryId.fromBytes(new byte[32]), mallory.key.publicKey(), TOTAL));
    // A message the state does not expect.
    mallory.send(offer.seller(), new TradeMessage.Paid(offer.entry(), LockId.random(world.random()),
        org.priwatt.chain.OutPoint.of(org.priwatt.chain.TxId.ZERO, 0)));
    // A price below the offer's.
    mallory.send(offer.seller(), new TradeMessage.Buy(offer.entry(), mallory.key.publicKey(), Amount.ofSat(1)));
    awaitState("all four dropped", () -> s.dropped(DropReason.UNDECODABLE) == 1 && s.dropped(DropReason.NOT_FOR_THIS_TRADE) == 1
        && s.dropped(DropReason.UNEXPECTED) == 1 && s.dropped(DropReason.INVALID) == 1);
    assertThat(s.state()).isEqualTo(ProsumerSession.State.OFFERED);
  }

  @Test
  void aSnapshotThatCannotBeSavedStopsTheSessionWithATypedReason() throws Exception {
    AtomicInteger saves = new AtomicInteger();
    SessionStore failing = new SessionStore() {
      private final SessionStore inner = SessionStore.inMemory();

      @Override
      public void save(byte[] snapshot) throws EnergyException {
        if (saves.incrementAndGet() > 2) {
          throw new EnergyException(EnergyError.STORAGE, "disk full");
        }
        inner.save(snapshot);
      }

      @Override
      public Optional<byte[]> load() throws EnergyException {
        return inner.load();
      }
    };
    EcKey key = EcKey.generate();
    Identity msg = world.identity();
    ProsumerSession s = world.own(ProsumerSession.open(world.context(bobNode), msg, key, failing));
    world.dso().recordInjection(new EnergyInjection(key.publicKey(), msg.address(), FIVE_KWH, world.now()),
        msg.publicIdentity());
    awaitState("ready", () -> s.state() == ProsumerSession.State.READY);
    AuctionBoard board = world.auctionBoard(aliceNode);
    s.offer(world.boardIdentity(), PRICE_PER_KWH, 3600); // the third save fails: nothing is posted
    assertThat(s.failure()).contains(TradeFailure.STORAGE);
    assertThat(s.state()).isEqualTo(ProsumerSession.State.READY);
    world.settle(Duration.ofSeconds(10));
    assertThat(board.match(FIVE_KWH, PRICE_PER_KWH)).isEmpty();
  }

  @Test
  void aBugInTheStoreIsNotSwallowed() throws Exception {
    SessionStore buggy = new SessionStore() {
      private final SessionStore inner = SessionStore.inMemory();
      private int saves;

      @Override
      public void save(byte[] snapshot) throws EnergyException {
        if (++saves > 2) {
          throw new IllegalStateException("a bug in the store");
        }
        inner.save(snapshot);
      }

      @Override
      public Optional<byte[]> load() throws EnergyException {
        return inner.load();
      }
    };
    EcKey key = EcKey.generate();
    Identity msg = world.identity();
    ProsumerSession s = world.own(ProsumerSession.open(world.context(bobNode), msg, key, buggy));
    world.dso().recordInjection(new EnergyInjection(key.publicKey(), msg.address(), FIVE_KWH, world.now()),
        msg.publicIdentity());
    awaitState("ready", () -> s.state() == ProsumerSession.State.READY);
    assertThatThrownBy(() -> s.offer(world.boardIdentity(), PRICE_PER_KWH, 3600))
        .isInstanceOf(IllegalStateException.class).hasMessage("a bug in the store");
  }

  @Test
  void aHostileBuyAddsNoIdentityToTheSellersNode() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    ScriptedParty mallory = ScriptedParty.on(world, aliceNode);
    int before = bobNode.identityCount();
    for (int i = 0; i < 10; i++) {
      // Keys that would make the escrow name one party twice.
      mallory.send(offer.seller(), new TradeMessage.Buy(offer.entry(), bob.key().publicKey(), TOTAL));
      mallory.send(offer.seller(), new TradeMessage.Buy(offer.entry(), world.dsoKey().publicKey(), TOTAL));
    }
    awaitState("dropped", () -> bob.session().dropped(DropReason.INVALID) == 20);
    assertThat(bobNode.identityCount()).isEqualTo(before);
    assertThat(bob.session().state()).isEqualTo(ProsumerSession.State.OFFERED);
  }

  @Test
  void aSellerDemandingMoreWorkThanTheNodeAcceptsFailsTheBuyerAtOnce() throws Exception {
    ScriptedParty bob = ScriptedParty.on(world, bobNode);
    Identity greedy = world.identity().withPow(new PowParameters(PowParameters.MAX_VALUE, PowParameters.MAX_VALUE));
    IssuedSecrets issued = world.dso().recordInjection(
        new EnergyInjection(bob.key.publicKey(), bob.msg.address(), FIVE_KWH, world.now()), bob.msg.publicIdentity());
    long now = world.now();
    Offer offer = Offer.create(issued.certificate(), bob.key, Amount.ofSat(PRICE_PER_KWH), greedy.publicIdentity(), now,
        now + 3600);
    ConsumerSession alice = buyer(offer, aliceWallet());
    alice.start(); // returns: the proof of work would run on the node's pool, which refuses it
    awaitState("failed", () -> alice.state() == ConsumerSession.State.FAILED);
    assertThat(alice.failure()).contains(TradeFailure.MESSAGING);
    assertThat(aliceNode.queuedPowJobs()).isZero();
  }

  @Test
  void aHostileIdentityCannotDelayAnHonestRequestToTheDso() throws Exception {
    Seller bob = inject();
    // Mallory asks the DSO from an identity demanding the most proof of work the DSO's node
    // accepts: answering her costs it about 10^8 hash trials.
    Identity demanding = world.identity().withPow(world.dsoNode().maxAcceptedPow());
    ScriptedParty mallory = new ScriptedParty(world, world.node("mallory"), demanding, EcKey.generate());
    mallory.sendToDso(RegistryRequest.Testify.create(bob.issued().entryId(), bob.key().publicKey(), FIVE_KWH,
        Optional.empty(), world.now(), world.random()));
    world.await("the DSO works on Mallory's reply", () -> world.dsoNode().queuedPowJobs() > 0, () -> {}, WAIT);
    // An honest request made after hers is answered while her reply is still being worked on.
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    RegistryReply honest = alice.ask(RegistryRequest.Testify.create(bob.issued().entryId(), bob.key().publicKey(),
        FIVE_KWH, Optional.empty(), world.now(), world.random()));
    assertThat(honest).isInstanceOfSatisfying(RegistryReply.Testimony.class, t -> assertThat(t.holds()).isTrue());
    assertThat(world.dsoNode().queuedPowJobs()).isPositive();

    // Demanding more than the ceiling gets no work at all: the reply is dropped and counted.
    long dropped = world.dso().dropped();
    Identity greedy = world.identity().withPow(new PowParameters(PowParameters.MAX_VALUE, PowParameters.MAX_VALUE));
    ScriptedParty greedyParty = new ScriptedParty(world, world.node("greedy"), greedy, EcKey.generate());
    greedyParty.sendToDso(RegistryRequest.Testify.create(bob.issued().entryId(), bob.key().publicKey(), FIVE_KWH,
        Optional.empty(), world.now(), world.random()));
    world.await("greedy reply refused", () -> world.dso().dropped() > dropped, () -> {}, WAIT);
  }

  @Test
  void aSettlementThatCannotExistChangesNothing() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    alice.send(offer.seller(), new TradeMessage.Buy(offer.entry(), alice.key.publicKey(), offer.totalPrice()));
    awaitTicking("locked", () -> bob.session().state() == ProsumerSession.State.ESCROW_SENT, bob.session(), null);
    var terms = alice.await(TradeMessage.Escrow.class).terms();
    // 1,200 sat into the escrow cannot pay the 1,000 sat fee and leave a payout above dust.
    var wallet = aliceWallet();
    var tx = world.fundingSource(wallet).fund(java.util.List.of(
        org.priwatt.chain.TxOutput.of(Amount.ofSat(1_200), terms.scriptPubKey()),
        org.priwatt.chain.TxOutput.of(Amount.ZERO, terms.commitment().script())));
    assertThat(world.ledger().broadcast(tx)).isEmpty();
    world.mine(1);
    int events = world.registry().events().size();
    RegistryReply r = alice.ask(RegistryRequest.Dispute.create(alice.key, org.priwatt.energy.registry.DisputePolicy.Party.BUYER,
        offer.entry(), terms.lock(), org.priwatt.chain.OutPoint.of(tx.txId(), 0), "short", world.now(), world.random()));
    assertThat(r).isInstanceOfSatisfying(RegistryReply.Refused.class,
        x -> assertThat(x.error()).isEqualTo(org.priwatt.energy.registry.RegistryError.SETTLEMENT_IMPOSSIBLE));
    assertThat(world.registry().events()).hasSize(events);
    assertThat(world.registry().entry(offer.entry()).orElseThrow().status())
        .isEqualTo(org.priwatt.energy.registry.EntryStatus.LOCKED);
  }
}
