package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.ScriptTemplates;

/**
 * Issue 12 with the DSO cheating: the test holds the DSO's messaging identity and key and sends
 * the trading parties "decisions" of its own making. Honest parties co-sign only a settlement
 * they rebuilt, in reply to their own dispute: the DSO decides a split, never a destination.
 */
class CheatingDsoTest extends TradeFixture {
  @Test
  void dsoAloneCannotMoveEscrowMoney() throws Exception {
    // Honest Alice pays; Bob (scripted) locks but keeps bλ, so the escrow sits funded.
    ScriptedParty bob = ScriptedParty.on(world, bobNode);
    IssuedSecrets issued = world.dso().recordInjection(
        new EnergyInjection(bob.key.publicKey(), bob.msg.address(), FIVE_KWH, world.now()), bob.msg.publicIdentity());
    AuctionBoard board = world.auctionBoard(aliceNode);
    long now = world.now();
    Offer offer = Offer.create(issued.certificate(), bob.key, Amount.ofSat(PRICE_PER_KWH), bob.msg.publicIdentity(), now,
        now + 3600);
    AuctionBoard.post(bobNode, world.boardIdentity(), offer, 3600).join();
    awaitState("offer", () -> !board.match(FIVE_KWH, PRICE_PER_KWH).isEmpty());
    ConsumerSession alice = buyer(offer, aliceWallet());
    alice.start();
    TradeMessage.Buy buy = bob.await(TradeMessage.Buy.class);
    EscrowKeys escrow = EscrowKeys.of(world.dsoKey().publicKey(), bob.key.publicKey(), buy.buyerKey());
    RegistryReply.LockGranted g = (RegistryReply.LockGranted) bob.ask(RegistryRequest.Lock.create(issued.lock(),
        issued.entryId(), 0, world.now(), escrow, buy.price(), Amount.ofSat(1_000), world.random()));
    EscrowTerms terms = new EscrowTerms(issued.entryId(), g.lock(), escrow, buy.price(), Amount.ofSat(1_000));
    bob.send(alice.msg.publicIdentity(), new TradeMessage.Escrow(terms, g.expiry()));
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, null, alice);
    world.mine(1);
    OutPoint funding = alice.funding().orElseThrow();
    Payment paid = world.ledger().output(funding).orElseThrow();

    // The DSO stops answering honestly: from now on the test is the DSO.
    world.dso().close();
    List<RegistryRequest> toDso = new CopyOnWriteArrayList<>();
    world.dsoNode().addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        try {
          RegistryMessages.request(m.content()).ifPresent(toDso::add);
        } catch (EnergyException e) {
          throw new AssertionError(e);
        }
      }
    });
    ScriptedParty dso = ScriptedParty.on(world, world.dsoNode());
    // A self-serving settlement: the whole escrow to the DSO's own address.
    Transaction toItself = Transaction.builder().addInput(funding).addOutput(Amount.ofSat(paid.output().value() - 1_000),
        ScriptTemplates.p2pkhOf(world.dsoKey().publicKey())).build();
    ByteString selfSig = ByteString.of(TransactionSigner.multisigSignature(toItself, 0, terms.redeemScript(),
        world.dsoKey()));

    // 1. Unsolicited "decisions" (no dispute raised), even one that would be a fair split, are dropped.
    long droppedBefore = alice.dropped(DropReason.NOT_FOR_THIS_TRADE);
    Transaction fair = EscrowTransactions.settlement(terms, paid, 0);
    ByteString fairSig = ByteString.of(EscrowTransactions.signature(fair, terms, world.dsoKey()));
    dso.sendAsDso(alice.msg.publicIdentity(), new RegistryReply.Decision(RequestId.random(world.random()), terms.lock(),
        funding, 0, fairSig));
    dso.sendAsDso(alice.msg.publicIdentity(), new RegistryReply.Decision(RequestId.random(world.random()), terms.lock(),
        funding, 0, selfSig));
    awaitState("dropped", () -> alice.dropped(DropReason.NOT_FOR_THIS_TRADE) >= droppedBefore + 2);
    assertThat(alice.state()).isEqualTo(ConsumerSession.State.PAID);

    // 2. Her own dispute: a decision signing anything but her rebuild of the split is refused.
    alice.tick();
    world.advance(61);
    alice.tick();
    awaitState("dispute sent", () -> toDso.stream().anyMatch(r -> r instanceof RegistryRequest.Dispute));
    RegistryRequest dispute = toDso.stream().filter(r -> r instanceof RegistryRequest.Dispute).findFirst().orElseThrow();
    long invalidBefore = alice.dropped(DropReason.INVALID);
    dso.sendAsDso(alice.msg.publicIdentity(), new RegistryReply.Decision(dispute.id(), terms.lock(), funding, 0, selfSig));
    // Claiming a share of 0 while signing a 100 % refund does not verify either: the share is part of what is signed.
    dso.sendAsDso(alice.msg.publicIdentity(), new RegistryReply.Decision(dispute.id(), terms.lock(), funding, 0,
        ByteString.of(EscrowTransactions.signature(EscrowTransactions.settlement(terms, paid, 10_000), terms,
            world.dsoKey()))));
    awaitState("refused", () -> alice.dropped(DropReason.INVALID) >= invalidBefore + 2);
    assertThat(alice.state()).isEqualTo(ConsumerSession.State.DISPUTING);
    assertThat(world.ledger().spender(funding)).isEmpty();

    // 3. The DSO decides a split; her settlement pays exactly that split to the escrow's keys.
    Transaction split = EscrowTransactions.settlement(terms, paid, 7_000);
    dso.sendAsDso(alice.msg.publicIdentity(), new RegistryReply.Decision(dispute.id(), terms.lock(), funding, 7_000,
        ByteString.of(EscrowTransactions.signature(split, terms, world.dsoKey()))));
    awaitState("settled", () -> alice.state() == ConsumerSession.State.SETTLED);
    Optional<Transaction> spend = world.ledger().spender(funding).flatMap(world.ledger()::transaction);
    assertThat(spend).isPresent();
    assertThat(spend.get().outputs()).isEqualTo(split.outputs());
    assertThat(spend.get().outputs()).noneMatch(o -> o.scriptPubKey().equals(ScriptTemplates.p2pkhOf(world.dsoKey().publicKey())));
  }

  @Test
  void aSellerTakesOnlyTheReleaseThatPaysHimFromTheDso() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    ConsumerSession alice = buyer(offer, aliceWallet());
    alice.start();
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, bob.session(), null);
    world.mine(1);
    // Alice never claims (her session is closed after paying): Bob's escrow sits until he disputes.
    alice.close();
    awaitTicking("bλ delivered", () -> bob.session().state() == ProsumerSession.State.SECRET_DELIVERED, bob.session(), null);
    world.dso().close();
    List<RegistryRequest> toDso = new CopyOnWriteArrayList<>();
    world.dsoNode().addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        try {
          RegistryMessages.request(m.content()).ifPresent(toDso::add);
        } catch (EnergyException e) {
          throw new AssertionError(e);
        }
      }
    });
    world.advance(61);
    awaitTicking("dispute sent", () -> toDso.stream().anyMatch(r -> r instanceof RegistryRequest.Dispute), bob.session(), null);
    RegistryRequest dispute = toDso.stream().filter(r -> r instanceof RegistryRequest.Dispute).findFirst().orElseThrow();
    EscrowTerms terms = bob.session().terms().orElseThrow();
    OutPoint funding = alice.funding().orElseThrow();
    Payment paid = world.ledger().output(funding).orElseThrow();
    // A "release" the DSO completed itself, paying itself, is refused: Bob checks it pays him.
    Transaction toItself = Transaction.builder().addInput(funding).addOutput(Amount.ofSat(paid.output().value() - 1_000),
        ScriptTemplates.p2pkhOf(world.dsoKey().publicKey())).build();
    ScriptedParty dso = ScriptedParty.on(world, world.dsoNode());
    long invalidBefore = bob.session().dropped(DropReason.INVALID);
    dso.sendAsDso(bob.msg().publicIdentity(), new RegistryReply.Release(dispute.id(), terms.lock(),
        ByteString.of(toItself.serialize())));
    awaitState("refused", () -> bob.session().dropped(DropReason.INVALID) > invalidBefore);
    assertThat(bob.session().state()).isEqualTo(ProsumerSession.State.DISPUTING);
    assertThat(world.ledger().spender(funding)).isEmpty();
  }
}
