package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.DisputePolicy;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.script.ScriptTemplates;

/**
 * Issue 12 with the buyer cheating: an honest {@link ProsumerSession} against a buyer scripted
 * through the public API, who sends whatever serves her. Each test is named after the property
 * it checks (docs/SECURITY.md).
 */
class CheatingBuyerTest extends TradeFixture {
  /** A scripted buyer who has paid {@code amount} into the escrow Bob's lock named. */
  record Paying(ScriptedParty alice, EscrowTerms terms, OutPoint funding) {}

  Paying scriptedBuyerPays(Seller bob, Offer offer, Amount amount) throws Exception {
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    Wallet wallet = aliceWallet();
    alice.send(offer.seller(), new TradeMessage.Buy(offer.entry(), alice.key.publicKey(), offer.totalPrice()));
    TradeMessage.Escrow escrow = alice.await(TradeMessage.Escrow.class);
    EscrowTerms terms = escrow.terms();
    Transaction tx = world.fundingSource(wallet).fund(List.of(TxOutput.of(amount, terms.scriptPubKey()),
        TxOutput.of(Amount.ZERO, terms.commitment().script())));
    assertThat(world.ledger().broadcast(tx)).isEmpty();
    world.mine(1);
    OutPoint funding = OutPoint.of(tx.txId(), 0);
    alice.send(offer.seller(), new TradeMessage.Paid(offer.entry(), terms.lock(), funding));
    return new Paying(alice, terms, funding);
  }

  private long now() {
    return world.now();
  }

  @Test
  void sellerSignsOnlyTheReleaseHeAgreedTo() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    Paying p = scriptedBuyerPays(bob, offer, TOTAL);
    awaitTicking("bλ delivered", () -> bob.session().state() == ProsumerSession.State.SECRET_DELIVERED, bob.session(), null);
    EnergySecret lambda = p.alice().await(TradeMessage.Secret.class).lambda();
    Payment funding = world.ledger().output(p.funding()).orElseThrow();

    // The old attack: a "release" paying the whole escrow back to the buyer. Bob has no message
    // that makes him sign anything; the DSO completes only the release rebuilt from the terms.
    Transaction selfPaying = Transaction.builder().addInput(p.funding())
        .addOutput(Amount.ofSat(funding.output().value() - 1_000), ScriptTemplates.p2pkhOf(p.alice().key.publicKey()))
        .build();
    byte[] cheatSig = TransactionSigner.multisigSignature(selfPaying, 0, p.terms().redeemScript(), p.alice().key);
    RegistryReply refused = p.alice().ask(RegistryRequest.Transfer.create(lambda, p.alice().key, p.terms().lock(),
        p.funding(), p.alice().msg.address(), cheatSig, now(), world.random()));
    assertThat(refused).isInstanceOfSatisfying(RegistryReply.Refused.class,
        r -> assertThat(r.error()).isEqualTo(RegistryError.BAD_RELEASE));
    assertThat(world.ledger().spender(p.funding())).isEmpty();
    assertThat(world.registry().entry(offer.entry()).orElseThrow().status()).isEqualTo(EntryStatus.LOCKED);

    // The only way to the energy is the release paying Bob the price less the agreed fee.
    byte[] sig = EscrowTransactions.signature(EscrowTransactions.release(p.terms(), funding), p.terms(), p.alice().key);
    RegistryReply ok = p.alice().ask(RegistryRequest.Transfer.create(lambda, p.alice().key, p.terms().lock(),
        p.funding(), p.alice().msg.address(), sig, now(), world.random()));
    assertThat(ok).isInstanceOf(RegistryReply.Transferred.class);
    awaitTicking("Bob settled", () -> bob.session().state() == ProsumerSession.State.SETTLED, bob.session(), null);
    Transaction spend = world.ledger().transaction(world.ledger().spender(p.funding()).orElseThrow()).orElseThrow();
    assertThat(spend.outputs()).containsExactly(TxOutput.of(Amount.ofSat(TOTAL.sat() - 1_000),
        ScriptTemplates.p2pkhOf(bob.key().publicKey())));
  }

  @Test
  void onePaymentBuysOneEntry() throws Exception {
    Seller bob = inject();
    // Bob splits his entry in two; both parts keep his key, so an escrow naming him and one buyer
    // key is the same script for both parts.
    RegistryReply split = world.registry().handle(RegistryRequest.Split.create(bob.issued().lock(), bob.issued().entryId(),
        0, now(), 2, world.random()), noPolicy());
    var parts = ((RegistryReply.Issued) split).secrets();
    ScriptedParty alice = ScriptedParty.on(world, aliceNode);
    var escrow = org.priwatt.script.EscrowKeys.of(world.dsoKey().publicKey(), bob.key().publicKey(), alice.key.publicKey());
    Amount price = Amount.ofSat(25_000);
    RegistryReply.LockGranted lockA = (RegistryReply.LockGranted) world.registry().handle(RegistryRequest.Lock.create(
        parts.get(0).lock(), parts.get(0).entryId(), 0, now(), escrow, price, Amount.ofSat(1_000), world.random()), noPolicy());
    RegistryReply.LockGranted lockB = (RegistryReply.LockGranted) world.registry().handle(RegistryRequest.Lock.create(
        parts.get(1).lock(), parts.get(1).entryId(), 0, now(), escrow, price, Amount.ofSat(1_000), world.random()), noPolicy());
    EscrowTerms termsA = new EscrowTerms(parts.get(0).entryId(), lockA.lock(), escrow, price, Amount.ofSat(1_000));
    EscrowTerms termsB = new EscrowTerms(parts.get(1).entryId(), lockB.lock(), escrow, price, Amount.ofSat(1_000));

    // One payment, committed to part A.
    Wallet wallet = aliceWallet();
    Transaction tx = world.fundingSource(wallet).fund(List.of(TxOutput.of(price, escrow.scriptPubKey()),
        TxOutput.of(Amount.ZERO, termsA.commitment().script())));
    assertThat(world.ledger().broadcast(tx)).isEmpty();
    world.mine(1);
    OutPoint funding = OutPoint.of(tx.txId(), 0);
    Payment paid = world.ledger().output(funding).orElseThrow();

    // Part B cannot be claimed with it: the commitment names part A's lock.
    byte[] sigB = EscrowTransactions.signature(EscrowTransactions.release(termsB, paid), termsB, alice.key);
    RegistryReply b = world.registry().handle(RegistryRequest.Transfer.create(parts.get(1).ownership(), alice.key,
        lockB.lock(), funding, alice.msg.address(), sigB, now(), world.random()), noPolicy());
    assertThat(b).isInstanceOfSatisfying(RegistryReply.Refused.class,
        r -> assertThat(r.error()).isEqualTo(RegistryError.PAYMENT_INVALID));
    // Part A can, once; afterwards the output is consumed for part B too.
    byte[] sigA = EscrowTransactions.signature(EscrowTransactions.release(termsA, paid), termsA, alice.key);
    assertThat(world.registry().handle(RegistryRequest.Transfer.create(parts.get(0).ownership(), alice.key, lockA.lock(),
        funding, alice.msg.address(), sigA, now(), world.random()), noPolicy())).isInstanceOf(RegistryReply.Transferred.class);
    assertThat(world.registry().handle(RegistryRequest.Transfer.create(parts.get(1).ownership(), alice.key, lockB.lock(),
        funding, alice.msg.address(), sigB, now(), world.random()), noPolicy()))
        .isInstanceOfSatisfying(RegistryReply.Refused.class, r -> assertThat(r.error()).isEqualTo(RegistryError.PAYMENT_USED));
    assertThat(world.registry().entry(parts.get(1).entryId()).orElseThrow().status()).isEqualTo(EntryStatus.LOCKED);

    // A transaction committing to both locks funds neither.
    Transaction both = world.fundingSource(wallet).fund(List.of(TxOutput.of(price, escrow.scriptPubKey()),
        TxOutput.of(Amount.ZERO, termsB.commitment().script()), TxOutput.of(Amount.ZERO, termsA.commitment().script())));
    assertThat(org.priwatt.energy.ledger.PaymentCommitment.of(both)).isEmpty();
  }

  @Test
  void nobodyCanFreezeSomeoneElsesEnergy() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob, 4 * 3600);
    // Mallory locks Bob's entry and pays a token 5,000 sat against the 50,000 price.
    Paying mallory = scriptedBuyerPays(bob, offer, Amount.ofSat(5_000));
    for (int i = 0; i < 3; i++) {
      bob.session().tick();
    }
    assertThat(bob.session().state()).isEqualTo(ProsumerSession.State.ESCROW_SENT);
    // The short payment does not count as funding, and locks expire: Bob offers the energy again.
    world.advance(DsoRegistry.DEFAULT_LOCK_SECONDS + 1);
    awaitTicking("offered again", () -> bob.session().state() == ProsumerSession.State.OFFERED, bob.session(), null);
    assertThat(world.registry().entry(offer.entry()).orElseThrow().status()).isEqualTo(EntryStatus.ACTIVE);
    // The board still lists it (a commitment counts only beside a payment of the price) and Alice buys it.
    assertThat(aliceBoard.match(FIVE_KWH, PRICE_PER_KWH)).containsExactly(offer);
    ConsumerSession alice = buyer(offer, aliceWallet());
    alice.start();
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, bob.session(), alice);
    world.mine(1);
    awaitTicking("sold", () -> alice.state() == ConsumerSession.State.OWNER, bob.session(), alice);
    // Mallory's 5,000 sat go back to her through the DSO, in full less the fee.
    RegistryReply refund = mallory.alice().ask(RegistryRequest.Dispute.create(mallory.alice().key,
        DisputePolicy.Party.BUYER, offer.entry(), mallory.terms().lock(), mallory.funding(), "short payment", now(),
        world.random()));
    assertThat(refund).isInstanceOfSatisfying(RegistryReply.Decision.class,
        d -> assertThat(d.buyerShareBasisPoints()).isEqualTo(10_000));
  }

  @Test
  void bothSidesHaveRecourseWhereverTheirMoneyOrEnergyIsAtStake() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    // Mallory pays, takes bλ and never claims: the payment is her hostage, the energy Bob's.
    Paying mallory = scriptedBuyerPays(bob, offer, TOTAL);
    awaitTicking("bλ delivered", () -> bob.session().state() == ProsumerSession.State.SECRET_DELIVERED, bob.session(), null);
    EnergySecret lambda = mallory.alice().await(TradeMessage.Secret.class).lambda();
    world.advance(61);
    awaitTicking("Bob's dispute settled", () -> bob.session().state() == ProsumerSession.State.SETTLED, bob.session(), null);
    world.mine(1);
    long net = TOTAL.sat() - 1_000;
    assertThat(world.ledger().unspent(ScriptTemplates.p2pkhOf(bob.key().publicKey()), 1))
        .extracting(x -> x.output().value()).containsExactly(net - net / 2);
    assertThat(world.registry().entry(offer.entry()).orElseThrow().status()).isEqualTo(EntryStatus.FROZEN);
    // Too late for her to claim the energy with the secret.
    Payment paid = world.ledger().output(mallory.funding()).orElseThrow();
    byte[] sig = EscrowTransactions.signature(EscrowTransactions.release(mallory.terms(), paid), mallory.terms(),
        mallory.alice().key);
    assertThat(mallory.alice().ask(RegistryRequest.Transfer.create(lambda, mallory.alice().key, mallory.terms().lock(),
        mallory.funding(), mallory.alice().msg.address(), sig, now(), world.random())))
        .isInstanceOfSatisfying(RegistryReply.Refused.class, r -> assertThat(r.error()).isEqualTo(RegistryError.NOT_ACTIVE));
  }

  private static DisputePolicy noPolicy() {
    return (entry, lock, funding, requester, evidence) -> {
      throw new AssertionError("no dispute expected");
    };
  }

}
