package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.ScriptTemplates;

/**
 * Issue 12 with the seller cheating: an honest {@link ConsumerSession} against a seller scripted
 * through the public API, who holds the entry's z and uses it as he likes.
 */
class CheatingSellerTest extends TradeFixture {
  /** A scripted seller with issued secrets and a posted offer. */
  record Bob(ScriptedParty party, IssuedSecrets issued, Offer offer) {}

  Bob scriptedSellerOffers() throws Exception {
    ScriptedParty bob = ScriptedParty.on(world, bobNode);
    IssuedSecrets issued = world.dso().recordInjection(
        new EnergyInjection(bob.key.publicKey(), bob.msg.address(), FIVE_KWH, world.now()), bob.msg.publicIdentity());
    aliceBoard = world.auctionBoard(aliceNode);
    long now = world.now();
    Offer offer = Offer.create(issued.certificate(), bob.key, Amount.ofSat(PRICE_PER_KWH), bob.msg.publicIdentity(), now,
        now + 4 * 3600);
    AuctionBoard.post(bobNode, world.boardIdentity(), offer, 4 * 3600).join();
    awaitState("offer on the board", () -> !aliceBoard.match(FIVE_KWH, PRICE_PER_KWH).isEmpty());
    return new Bob(bob, issued, offer);
  }

  /** Bob answers Alice's BUY as an honest seller would, up to the escrow terms; returns them. */
  EscrowTerms lockFor(Bob bob, TradeMessage.Buy buy) throws Exception {
    EscrowKeys escrow = EscrowKeys.of(world.dsoKey().publicKey(), bob.party().key.publicKey(), buy.buyerKey());
    RegistryReply.LockGranted g = (RegistryReply.LockGranted) bob.party().ask(RegistryRequest.Lock.create(
        bob.issued().lock(), bob.issued().entryId(), 0, world.now(), escrow, buy.price(), Amount.ofSat(1_000),
        world.random()));
    EscrowTerms terms = new EscrowTerms(bob.issued().entryId(), g.lock(), escrow, buy.price(), Amount.ofSat(1_000));
    bob.party().send(aliceIdentity, new TradeMessage.Escrow(terms, g.expiry()));
    return terms;
  }

  /** Alice's messaging identity, where the scripted seller answers. */
  private org.priwatt.msg.PublicIdentity aliceIdentity;

  @Test
  void aLockTheBuyerCheckedHoldsWhileShePays() throws Exception {
    Bob bob = scriptedSellerOffers();
    ConsumerSession alice = buyer(bob.offer(), aliceWallet());
    aliceIdentity = alicePublicIdentity(alice);
    alice.start();
    TradeMessage.Buy buy = bob.party().await(TradeMessage.Buy.class);
    EscrowTerms terms = lockFor(bob, buy);
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, null, alice);

    // Before the lock expires Bob can neither release it nor sell the energy to Carol.
    RegistryReply unlock = bob.party().ask(RegistryRequest.Unlock.create(bob.issued().lock(), bob.issued().entryId(), 1,
        world.now(), world.random()));
    assertThat(unlock).isInstanceOfSatisfying(RegistryReply.Refused.class,
        r -> assertThat(r.error()).isEqualTo(RegistryError.LOCK_NOT_EXPIRED));
    EscrowKeys carol = EscrowKeys.of(world.dsoKey().publicKey(), bob.party().key.publicKey(), EcKey.generate().publicKey());
    RegistryReply second = bob.party().ask(RegistryRequest.Lock.create(bob.issued().lock(), bob.issued().entryId(), 1,
        world.now(), carol, TOTAL, Amount.ofSat(1_000), world.random()));
    assertThat(second).isInstanceOfSatisfying(RegistryReply.Refused.class,
        r -> assertThat(r.error()).isEqualTo(RegistryError.LOCKED));

    // The lock held while she paid: with bλ she becomes the owner, and Bob is paid.
    world.mine(1);
    bob.party().send(aliceIdentity, new TradeMessage.Secret(bob.issued().entryId(), bob.issued().ownership()));
    awaitTicking("owner", () -> alice.state() == ConsumerSession.State.OWNER, null, alice);
    assertThat(world.ledger().unspent(ScriptTemplates.p2pkhOf(bob.party().key.publicKey()), 0))
        .extracting(p -> p.output().value()).containsExactly(terms.price().sat() - 1_000);
  }

  @Test
  void aPaymentToALockThatExpiredIsRefundedInFull() throws Exception {
    Bob bob = scriptedSellerOffers();
    ConsumerSession alice = buyer(bob.offer(), aliceWallet());
    aliceIdentity = alicePublicIdentity(alice);
    alice.start();
    EscrowTerms terms = lockFor(bob, bob.party().await(TradeMessage.Buy.class));
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, null, alice);
    // Her payment is slow (clock drift, propagation): the lock expires first and Bob re-sells.
    world.advance(DsoRegistry.DEFAULT_LOCK_SECONDS + 1);
    EscrowKeys carol = EscrowKeys.of(world.dsoKey().publicKey(), bob.party().key.publicKey(), EcKey.generate().publicKey());
    assertThat(bob.party().ask(RegistryRequest.Lock.create(bob.issued().lock(), bob.issued().entryId(), 1, world.now(),
        carol, TOTAL, Amount.ofSat(1_000), world.random()))).isInstanceOf(RegistryReply.LockGranted.class);
    world.mine(1);
    // No bλ comes; after the timeout she disputes, and the DSO, which arbitrates any escrow ever
    // locked to the entry, gives a payment to a lock that no longer holds back in full.
    alice.tick(); // confirmed: the timeout for bλ starts
    world.advance(61);
    awaitTicking("refunded", () -> alice.state() == ConsumerSession.State.SETTLED, null, alice);
    world.mine(1);
    assertThat(world.ledger().unspent(ScriptTemplates.p2pkhOf(terms.escrow().buyer()), 1))
        .extracting(p -> p.output().value()).containsExactly(TOTAL.sat() - 1_000);
  }

  @Test
  void bothSidesHaveRecourseWhenTheSellerHoldsTheEnergyHostage() throws Exception {
    Bob bob = scriptedSellerOffers();
    ConsumerSession alice = buyer(bob.offer(), aliceWallet());
    aliceIdentity = alicePublicIdentity(alice);
    alice.start();
    EscrowTerms terms = lockFor(bob, bob.party().await(TradeMessage.Buy.class));
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, null, alice);
    world.mine(1);
    alice.tick(); // starts the timeout; Bob keeps bλ
    world.advance(61);
    awaitTicking("settled", () -> alice.state() == ConsumerSession.State.SETTLED, null, alice);
    world.mine(1);
    long net = TOTAL.sat() - 1_000;
    assertThat(world.ledger().unspent(ScriptTemplates.p2pkhOf(terms.escrow().buyer()), 1))
        .extracting(p -> p.output().value()).containsExactly(net / 2);
  }

  @Test
  void theBuyerPaysOnlyTermsTheOfferAndTheDsoConfirm() throws Exception {
    Bob bob = scriptedSellerOffers();
    ConsumerSession alice = buyer(bob.offer(), aliceWallet());
    aliceIdentity = alicePublicIdentity(alice);
    alice.start();
    TradeMessage.Buy buy = bob.party().await(TradeMessage.Buy.class);
    // Terms naming Bob's own second key instead of the offer's (he would hold two signatures),
    // at a higher price, are refused before anything is asked or paid.
    EcKey other = EcKey.generate();
    EscrowKeys wrong = EscrowKeys.of(world.dsoKey().publicKey(), other.publicKey(), buy.buyerKey());
    bob.party().send(aliceIdentity, new TradeMessage.Escrow(new EscrowTerms(bob.issued().entryId(),
        org.priwatt.energy.LockId.random(world.random()), wrong, buy.price(), Amount.ofSat(1_000)), world.now() + 3600));
    awaitState("refused", () -> alice.state() == ConsumerSession.State.FAILED);
    assertThat(alice.failure()).contains(TradeFailure.BAD_ESCROW);
    assertThat(alice.funding()).isEmpty();
  }

  private org.priwatt.msg.PublicIdentity alicePublicIdentity(ConsumerSession alice) {
    return alice.msg.publicIdentity();
  }

}
