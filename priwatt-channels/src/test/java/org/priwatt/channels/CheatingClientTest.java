package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;

/**
 * The honest server against a client built on the public API that deviates at each step: she
 * gets a part's secret only for the next valid payment, claims no part she did not pay for,
 * cannot freeze the server's energy by opening and never funding (or funding too little), cannot
 * stop him being paid what she signed, and cannot open on other terms than the offer's.
 */
class CheatingClientTest extends ChannelFixture {
  /** A scripted client with a channel funded and open at the honest server. */
  record Opened(ChannelServer bob, ScriptedParty alice, Offer offer, ChannelTerms terms, ChannelFunding funding) {
    ChannelMessage.Pay pay(int n) {
      return Payments.sign(terms, funding, n, alice.key);
    }
  }

  private ChannelServer honestServer() throws Exception {
    return server(inject(TEN_KWH), SessionStore.inMemory());
  }

  private ChannelMessage.Open open(ScriptedParty alice, Offer offer, Function<ChannelMessage.Open, ChannelMessage.Open>
      deviation) {
    Amount p = ChannelTerms.incrementPrice(offer.pricePerKwh(), offer.energy(), 10);
    return deviation.apply(new ChannelMessage.Open(ChannelId.random(world.random()), offer.entry(),
        alice.key.publicKey(), 10, p, p.times(10), FEE, world.ledger().height() + POLICY.refundDelayBlocks()));
  }

  private ChannelTerms accepted(ScriptedParty alice, ChannelMessage.Open o) {
    ChannelMessage.Accept a = alice.await(ChannelMessage.Accept.class);
    return new ChannelTerms(o.channel(), o.entry(), ChannelScript.of(a.serverKey(), o.clientKey(), o.refundHeight()),
        o.increments(), o.incrementPrice(), o.fee());
  }

  private Opened opened() throws Exception {
    ChannelServer bob = honestServer();
    Offer offer = offerAndMatch(bob, TEN_KWH);
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    ChannelMessage.Open o = open(alice, offer, x -> x);
    alice.send(offer.seller(), o);
    ChannelTerms terms = accepted(alice, o);
    Payment paid = world.fund(terms.scriptPubKey(), terms.capacity());
    alice.send(offer.seller(), new ChannelMessage.Funded(terms.id(), paid.outPoint()));
    pump("open", () -> bob.state() == ChannelServer.State.OPEN, bob, null);
    return new Opened(bob, alice, offer, terms, new ChannelFunding(paid.outPoint(), terms.capacity()));
  }

  private void awaitRefusal(ChannelServer bob, ChannelError why, long count) {
    pump("refusal " + why, () -> bob.refused(why) == count, bob, null);
  }

  private static byte[] sign(Transaction tx, ChannelTerms terms, EcKey key) {
    byte[] der = key.sign(SignatureHasher.of(tx).legacyHash(0, terms.script().redeemScript(),
        SignatureHasher.SIGHASH_ALL)).encodeDer();
    byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
    sig[der.length] = 1;
    return sig;
  }

  @Test
  void theServerReleasesASecretOnlyForTheNextValidPayment() throws Exception {
    Opened c = opened();
    ScriptedParty alice = c.alice();
    var seller = c.offer().seller();
    for (int n = 1; n <= 2; n++) {
      alice.send(seller, c.pay(n));
      int k = n;
      pump("secret " + n, () -> alice.all(ChannelMessage.Secret.class).size() == k, c.bob(), null);
    }
    // A payment that lowers Bob's amount: number 3 carrying (and signing) payment 1's amount.
    Transaction p1 = ChannelTransactions.payment(c.terms(), c.funding(), 1);
    alice.send(seller, new ChannelMessage.Pay(c.terms().id(), 3, c.funding().outPoint(), c.terms().serverAmount(1),
        sign(p1, c.terms(), alice.key)));
    awaitRefusal(c.bob(), ChannelError.AMOUNT_DECREASED, 1);
    // An old one again.
    alice.send(seller, c.pay(1));
    awaitRefusal(c.bob(), ChannelError.PAYMENT_REPEATED, 1);
    // Signed with a wrong key.
    alice.send(seller, new ChannelMessage.Pay(c.terms().id(), 3, c.funding().outPoint(), c.terms().serverAmount(3),
        sign(ChannelTransactions.payment(c.terms(), c.funding(), 3), c.terms(), EcKey.generate())));
    awaitRefusal(c.bob(), ChannelError.BAD_SIGNATURE, 1);
    // Spending a wrong outpoint.
    ChannelFunding elsewhere = new ChannelFunding(OutPoint.of(c.funding().outPoint().txId(), 1), c.funding().value());
    alice.send(seller, Payments.sign(c.terms(), elsewhere, 3, alice.key));
    awaitRefusal(c.bob(), ChannelError.WRONG_OUTPOINT, 1);
    // Skipping an increment, and another amount than the increment's.
    alice.send(seller, c.pay(4));
    awaitRefusal(c.bob(), ChannelError.PAYMENT_SKIPPED, 1);
    alice.send(seller, new ChannelMessage.Pay(c.terms().id(), 3, c.funding().outPoint(),
        c.terms().serverAmount(3).plus(Amount.ofSat(1)), c.pay(3).signature()));
    awaitRefusal(c.bob(), ChannelError.WRONG_AMOUNT, 1);
    assertThat(alice.all(ChannelMessage.Secret.class)).extracting(ChannelMessage.Secret::increment)
        .containsExactly(1, 2);
    assertThat(c.bob().lastRefusal()).contains(ChannelError.WRONG_AMOUNT);

    // The next valid payment gets the next secret; the same payment again gets the same secret, nothing more.
    alice.send(seller, c.pay(3));
    pump("secret 3", () -> alice.all(ChannelMessage.Secret.class).size() == 3, c.bob(), null);
    alice.send(seller, c.pay(3));
    pump("secret 3 again", () -> alice.all(ChannelMessage.Secret.class).size() == 4, c.bob(), null);
    assertThat(alice.all(ChannelMessage.Secret.class)).extracting(ChannelMessage.Secret::increment)
        .containsExactly(1, 2, 3, 3);
    assertThat(c.bob().increments()).isEqualTo(3);
    List<IssuedSecrets> parts = c.bob().parts();
    assertThat(alice.all(ChannelMessage.Secret.class)).allSatisfy(s -> assertThat(s.lambda().entryId())
        .isEqualTo(parts.get(s.increment() - 1).entryId()));
  }

  @Test
  void aClientGetsNoEnergyShePaidNothingFor() throws Exception {
    ChannelServer bob = honestServer();
    Offer offer = offerAndMatch(bob, TEN_KWH);
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    ChannelMessage.Open o = open(alice, offer, x -> x);
    alice.send(offer.seller(), o);
    ChannelTerms terms = accepted(alice, o);
    // A payment before the channel is funded is no payment.
    alice.send(offer.seller(), Payments.sign(terms, new ChannelFunding(OutPoint.of(
        org.priwatt.chain.TxId.fromBytes(new byte[32]), 0), terms.capacity()), 1, alice.key));
    awaitRefusal(bob, ChannelError.NOT_OPEN, 1);
    Payment paid = world.fund(terms.scriptPubKey(), terms.capacity());
    ChannelFunding funding = new ChannelFunding(paid.outPoint(), terms.capacity());
    alice.send(offer.seller(), Payments.sign(terms, funding, 1, alice.key));
    ChannelMessage.Secret s1 = alice.await(ChannelMessage.Secret.class);
    List<IssuedSecrets> parts = bob.parts();

    // Part 2 with the secret of part 1 (the only one she has): the DSO refuses the proof.
    RegistryRequest.ChannelTransfer forged = RegistryRequest.ChannelTransfer.create(s1.lambda(), alice.key, terms.id(),
        alice.msg.address(), world.now(), world.random());
    RegistryRequest.ChannelTransfer part2 = new RegistryRequest.ChannelTransfer(forged.id(), parts.get(1).entryId(),
        forged.timestamp(), terms.id(), forged.clientMsg(), forged.mac(), forged.signature());
    assertThat(((RegistryReply.Refused) alice.ask(part2)).error()).isEqualTo(RegistryError.BAD_PROOF);
    // Part 1, twice: one part, the same secrets, no second entry.
    IssuedSecrets first = ((RegistryReply.Issued) alice.ask(RegistryRequest.ChannelTransfer.create(s1.lambda(),
        alice.key, terms.id(), alice.msg.address(), world.now(), world.random()))).secrets().get(0);
    IssuedSecrets second = ((RegistryReply.Issued) alice.ask(RegistryRequest.ChannelTransfer.create(s1.lambda(),
        alice.key, terms.id(), alice.msg.address(), world.now(), world.random()))).secrets().get(0);
    assertThat(second.entryId()).isEqualTo(first.entryId());
    assertThat(world.registry().entry(parts.get(1).entryId()).orElseThrow().status())
        .isEqualTo(EntryStatus.CHANNEL_LOCKED);
    assertThat(world.registry().entries()).filteredOn(e -> e.owner().equals(alice.key.publicKey().withCompression(true)))
        .hasSize(1);
  }

  @Test
  void aClientCannotFreezeTheServersEnergy() throws Exception {
    // She opens, the entry is locked to her, and she never funds.
    ChannelServer bob = honestServer();
    Offer offer = offerAndMatch(bob, TEN_KWH);
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    ChannelMessage.Open o = open(alice, offer, x -> x);
    alice.send(offer.seller(), o);
    ChannelTerms terms = accepted(alice, o);
    // Or funds less than the capacity, which opens nothing and holds nothing at the DSO.
    Payment shortPay = world.fund(terms.scriptPubKey(), terms.capacity().minus(Amount.ofSat(1)));
    alice.send(offer.seller(), new ChannelMessage.Funded(terms.id(), shortPay.outPoint()));
    awaitRefusal(bob, ChannelError.FUNDING_INVALID, 1);
    assertThat(bob.state()).isEqualTo(ChannelServer.State.ACCEPTED);

    world.advance(org.priwatt.energy.registry.DsoRegistry.DEFAULT_LOCK_SECONDS + 2 * 60);
    pump("abandoned", () -> bob.state() == ChannelServer.State.ABANDONED, bob, null);
    // Every part is the server's again: he can sell one to someone else.
    IssuedSecrets part = bob.parts().get(0);
    EcKey buyer = EcKey.generate();
    RegistryReply r = world.registry().handle(RegistryRequest.Lock.create(part.lock(), part.entryId(), 0, world.now(),
        EscrowKeys.of(world.dsoKey().publicKey(), part.certificate().owner(), buyer.publicKey()), Amount.ofSat(20_000),
        FEE, world.random()), (entry, lock, funding, requester, evidence) -> 5_000);
    assertThat(r).isInstanceOf(RegistryReply.LockGranted.class);
  }

  @Test
  void aClientCannotStopTheServerBeingPaidWhatSheSigned() throws Exception {
    Opened c = opened();
    for (int n = 1; n <= 3; n++) {
      c.alice().send(c.offer().seller(), c.pay(n));
      int k = n;
      pump("secret " + n, () -> c.alice().all(ChannelMessage.Secret.class).size() == k, c.bob(), null);
    }
    // She goes silent and tries to take the whole channel back early with her refund.
    Transaction refund = ChannelTransactions.refund(c.terms(), c.funding());
    Transaction signed = ChannelTransactions.completeRefund(refund, c.terms(), ChannelTransactions.signature(refund,
        c.terms(), c.alice().key));
    assertThat(world.ledger().broadcast(signed)).contains(LedgerRejection.POLICY);
    mineTo(c.terms().refundHeight() - POLICY.safetyMarginBlocks() - 1);
    assertThat(world.ledger().broadcast(signed)).contains(LedgerRejection.POLICY);
    // Bob closes with the third payment whenever he likes; at the latest the margin makes him.
    world.mine(1);
    pump("closing", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), null);
    world.mine(1);
    pump("closed", () -> c.bob().state() == ChannelServer.State.CLOSED, c.bob(), null);
    assertThat(paidTo(c.terms().script().server())).isEqualTo(3 * INCREMENT.sat() - FEE.sat());
    assertThat(world.ledger().broadcast(signed)).as("after the close").isPresent();
  }

  @Test
  void aClientCannotOpenOnOtherTermsThanTheOffer() throws Exception {
    ChannelServer bob = honestServer();
    Offer offer = offerAndMatch(bob, TEN_KWH);
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    long tip = world.ledger().height();
    record Deviation(ChannelError why, Function<ChannelMessage.Open, ChannelMessage.Open> change) {}
    List<Deviation> deviations = List.of(
        new Deviation(ChannelError.BAD_PRICE, x -> withPrice(x, x.incrementPrice().minus(Amount.ofSat(1)))),
        new Deviation(ChannelError.BAD_CAPACITY, x -> new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(),
            x.increments(), x.incrementPrice(), x.capacity().minus(Amount.ofSat(1)), x.fee(), x.refundHeight())),
        new Deviation(ChannelError.BAD_INCREMENTS, x -> new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(),
            0, x.incrementPrice(), x.capacity(), x.fee(), x.refundHeight())),
        new Deviation(ChannelError.BAD_INCREMENTS, x -> new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(),
            101, x.incrementPrice(), x.capacity(), x.fee(), x.refundHeight())),
        new Deviation(ChannelError.BAD_FEE, x -> withFee(x, FEE.plus(Amount.ofSat(1)))),
        new Deviation(ChannelError.BAD_FEE, x -> withFee(x, Amount.ofSat(1))),
        new Deviation(ChannelError.DEADLINE_TOO_CLOSE, x -> withRefund(x, tip + POLICY.safetyMarginBlocks())),
        new Deviation(ChannelError.DEADLINE_TOO_FAR, x -> withRefund(x, tip + POLICY.maxRefundDelayBlocks() + 1)),
        new Deviation(ChannelError.NOT_OFFERED, x -> new ChannelMessage.Open(x.channel(),
            org.priwatt.energy.EntryId.fromBytes(new byte[32]), x.clientKey(), x.increments(), x.incrementPrice(),
            x.capacity(), x.fee(), x.refundHeight())));
    for (Deviation d : deviations) {
      long before = bob.refused(d.why());
      alice.send(offer.seller(), open(alice, offer, d.change()));
      awaitRefusal(bob, d.why(), before + 1);
      assertThat(bob.state()).as(d.why().name()).isEqualTo(ChannelServer.State.OFFERED);
    }
    assertThat(alice.all(ChannelMessage.Accept.class)).isEmpty();
    // The offer still stands for an honest OPEN.
    alice.send(offer.seller(), open(alice, offer, x -> x));
    alice.await(ChannelMessage.Accept.class);
  }

  private static ChannelMessage.Open withPrice(ChannelMessage.Open x, Amount p) {
    return new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(), x.increments(), p, p.times(x.increments()),
        x.fee(), x.refundHeight());
  }

  private static ChannelMessage.Open withFee(ChannelMessage.Open x, Amount f) {
    return new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(), x.increments(), x.incrementPrice(),
        x.capacity(), f, x.refundHeight());
  }

  private static ChannelMessage.Open withRefund(ChannelMessage.Open x, long d) {
    return new ChannelMessage.Open(x.channel(), x.entry(), x.clientKey(), x.increments(), x.incrementPrice(),
        x.capacity(), x.fee(), d);
  }
}
