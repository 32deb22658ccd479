package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentCommitment;
import org.priwatt.script.ScriptTemplates;

/**
 * CHANGESECRETOWNER with the release: λ, the escrow buyer's signature and her signature of the
 * release move the entry only against one confirmed, committed, unused funding output of the
 * current lock, and the registry pays the seller by completing and broadcasting the release
 * first. Each refusal is checked on its own.
 */
class DsoRegistryTransferTest extends RegistryFixture {
  @Test
  void aTransferMovesTheEntryToTheBuyerAndPaysTheSellerTheValueLessTheFee() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Amount paid = PRICE.plus(Amount.ofSat(5_000));
    Payment f = pay(l.terms().scriptPubKey(), paid, Optional.of(l.terms().commitment()), true);
    RegistryRequest.Transfer t = transfer(s, l, f);
    RegistryReply.Transferred r = ok(t, RegistryReply.Transferred.class);

    IssuedSecrets a = r.secrets();
    assertThat(a.certificate().verify(world.dsoKey().publicKey())).isTrue();
    assertThat(a.certificate().owner()).isEqualTo(l.buyer().publicKey().withCompression(true));
    assertThat(a.energy()).isEqualTo(ENERGY);
    EnergyEntry sold = entry(s.entry());
    assertThat(sold.status()).isEqualTo(EntryStatus.TRANSFERRED);
    assertThat(sold.transferredUnder()).contains(l.terms().lock());
    EnergyEntry bought = entry(a.entryId());
    assertThat(bought.status()).isEqualTo(EntryStatus.ACTIVE);
    assertThat(bought.parent()).contains(s.entry());
    assertThat(bought.owner()).isEqualTo(l.buyer().publicKey().withCompression(true));
    assertThat(bought.msgAddress()).isEqualTo(t.buyerMsg());

    Transaction release = world.ledger().transaction(r.release()).orElseThrow();
    assertThat(release.inputs()).singleElement().satisfies(in -> assertThat(in.outPoint()).isEqualTo(f.outPoint()));
    assertThat(release.outputs()).containsExactly(TxOutput.of(paid.minus(FEE),
        ScriptTemplates.p2pkhOf(s.key().publicKey())));
    assertThat(world.ledger().spender(f.outPoint())).contains(r.release());
    assertThat(registry.releaseOf(s.entry())).contains(r.release());
    world.mine(1);
    assertThat(world.ledger().confirmations(r.release())).isEqualTo(1);

    // Done once: the same request is a replay, another one finds the entry sold.
    assertThat(refused(t)).isEqualTo(RegistryError.REPLAYED);
    assertThat(refused(transfer(s, l, f))).isEqualTo(RegistryError.NOT_ACTIVE);
    // The buyer's secrets work: she can sell on.
    lock(new Seller(l.buyer(), t.buyerMsg(), a));
  }

  @Test
  void aFundedLockCanBeClaimedAfterItsExpiry() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    now.set(l.expiry() + LOCK_SECONDS);
    ok(transfer(s, l, f), RegistryReply.Transferred.class);
  }

  @Test
  void theProofSignatureAndLockAreChecked() throws Exception {
    Seller s = inject();
    Seller active = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    RegistryRequest.Transfer t = transfer(s, l, f);
    RegistryRequest.Transfer wrongMac = new RegistryRequest.Transfer(t.id(), t.entry(), t.timestamp(), t.lock(),
        t.funding(), t.buyerMsg(), t.releaseSignature(), ByteString.of(Samples.bytes(32)), t.signature());
    assertThat(refused(wrongMac)).isEqualTo(RegistryError.BAD_PROOF);
    byte[] sig = releaseSignature(l, f, l.buyer());
    for (EcKey notTheBuyer : List.of(Samples.key(), s.key(), world.dsoKey())) {
      assertThat(refused(RegistryRequest.Transfer.create(s.secrets().ownership(), notTheBuyer, l.terms().lock(),
          f.outPoint(), t.buyerMsg(), sig, now.get(), Samples.RANDOM))).isEqualTo(RegistryError.BAD_SIGNATURE);
    }
    // Signed over other bytes: the funding replaced after signing.
    RegistryRequest.Transfer moved = new RegistryRequest.Transfer(t.id(), t.entry(), t.timestamp(), t.lock(),
        Samples.outPoint(), t.buyerMsg(), t.releaseSignature(), t.mac(), t.signature());
    assertThat(refused(moved)).as("the MAC covers the funding").isEqualTo(RegistryError.BAD_PROOF);
    assertThat(refused(RegistryRequest.Transfer.create(s.secrets().ownership(), l.buyer(), Samples.lockId(),
        f.outPoint(), t.buyerMsg(), sig, now.get(), Samples.RANDOM))).isEqualTo(RegistryError.UNKNOWN_LOCK);
    assertThat(refused(RegistryRequest.Transfer.create(active.secrets().ownership(), l.buyer(), l.terms().lock(),
        f.outPoint(), t.buyerMsg(), sig, now.get(), Samples.RANDOM))).isEqualTo(RegistryError.NOT_LOCKED);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.LOCKED);
    ok(t, RegistryReply.Transferred.class);
  }

  @Test
  void onlyAConfirmedFullPaymentCommittedToTheLockFundsIt() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    PaymentCommitment c = l.terms().commitment();
    List<Payment> invalid = List.of(
        pay(escrowFor(s, Samples.key()).scriptPubKey(), PRICE, Optional.of(c), true),
        pay(ScriptTemplates.p2pkhOf(s.key().publicKey()), PRICE, Optional.of(c), true),
        pay(l.terms().scriptPubKey(), PRICE.minus(Amount.ofSat(1)), Optional.of(c), true),
        pay(l.terms().scriptPubKey(), PRICE, Optional.empty(), true),
        pay(l.terms().scriptPubKey(), PRICE, Optional.of(new PaymentCommitment(s.entry(), Samples.lockId())), true),
        pay(l.terms().scriptPubKey(), PRICE, Optional.of(new PaymentCommitment(Samples.entryId(), l.terms().lock())),
            true),
        new Payment(Samples.outPoint(), TxOutput.of(PRICE, l.terms().scriptPubKey()), 6, false));
    for (Payment p : invalid) {
      assertThat(refused(transfer(s, l, p))).as("%s", p).isEqualTo(RegistryError.PAYMENT_INVALID);
    }
    Payment pending = pay(l.terms().scriptPubKey(), PRICE, Optional.of(c), false);
    assertThat(refused(transfer(s, l, pending))).isEqualTo(RegistryError.PAYMENT_NOT_CONFIRMED);
    world.mine(1);
    Payment confirmed = world.ledger().output(pending.outPoint()).orElseThrow();
    ok(transfer(s, l, confirmed), RegistryReply.Transferred.class);
  }

  @Test
  void theReleaseSignatureMustBeTheBuyersForTheRelease() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    byte[] settlementSig = EscrowTransactions.signature(EscrowTransactions.settlement(l.terms(), f, 5_000), l.terms(),
        l.buyer());
    for (byte[] bad : List.of(releaseSignature(l, f, s.key()), releaseSignature(l, f, world.dsoKey()), settlementSig,
        Samples.bytes(71), new byte[0])) {
      RegistryRequest.Transfer t = RegistryRequest.Transfer.create(s.secrets().ownership(), l.buyer(), l.terms().lock(),
          f.outPoint(), Samples.identity().address(), bad, now.get(), Samples.RANDOM);
      assertThat(refused(t)).isEqualTo(RegistryError.BAD_RELEASE);
    }
    assertThat(world.ledger().spender(f.outPoint())).as("nothing was broadcast").isEmpty();
  }

  @Test
  void aFundingDecidedOrSpentElsewhereIsUsed() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    // A short payment, refunded in full by a decision: it can no longer buy the entry.
    Payment shortPay = pay(l.terms().scriptPubKey(), PRICE.minus(Amount.ofSat(1)),
        Optional.of(l.terms().commitment()), true);
    assertThat(ok(buyerDispute(l, shortPay.outPoint()), RegistryReply.Decision.class).buyerShareBasisPoints())
        .isEqualTo(EscrowTransactions.FULL_SHARE);
    assertThat(refused(transfer(s, l, shortPay))).isEqualTo(RegistryError.PAYMENT_USED);

    // A full payment that buyer and seller spend together elsewhere.
    Payment f = fund(l);
    Transaction away = EscrowTransactions.settlement(l.terms(), f, EscrowTransactions.FULL_SHARE);
    away = EscrowTransactions.complete(away, l.terms(), EscrowTransactions.signature(away, l.terms(), s.key()),
        l.buyer());
    assertThat(world.ledger().broadcast(away)).isEmpty();
    assertThat(refused(transfer(s, l, world.ledger().output(f.outPoint()).orElseThrow())))
        .isEqualTo(RegistryError.PAYMENT_USED);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.LOCKED);
  }

  @Test
  void aClaimRetriedAfterItsReleaseWasBroadcastCompletesTheTransfer() throws Exception {
    // As after a crash between the DSO's broadcast and its log write: the release the DSO
    // completes (deterministic signatures) is already in the pool.
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    Transaction release = EscrowTransactions.release(l.terms(), f);
    Transaction complete = EscrowTransactions.complete(release, l.terms(), releaseSignature(l, f, l.buyer()),
        world.dsoKey());
    assertThat(world.ledger().broadcast(complete)).isEmpty();
    RegistryReply.Transferred r = ok(transfer(s, l, world.ledger().output(f.outPoint()).orElseThrow()),
        RegistryReply.Transferred.class);
    assertThat(r.release()).isEqualTo(complete.txId());
    assertThat(registry.releaseOf(s.entry())).contains(complete.txId());
  }

  @Test
  void aReleaseBuyerAndSellerBroadcastThemselvesIsTheOneRecorded() throws Exception {
    // The seller co-signed the release with the buyer (any two keys spend): it pays him exactly
    // what the DSO's would, so the claim goes through, and what the registry reports and keeps is
    // the transaction that actually spent the escrow.
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    Transaction theirs = EscrowTransactions.complete(EscrowTransactions.release(l.terms(), f), l.terms(),
        releaseSignature(l, f, l.buyer()), s.key());
    assertThat(world.ledger().broadcast(theirs)).isEmpty();
    RegistryReply.Transferred r = ok(transfer(s, l, world.ledger().output(f.outPoint()).orElseThrow()),
        RegistryReply.Transferred.class);
    assertThat(world.ledger().spender(f.outPoint())).contains(theirs.txId());
    assertThat(r.release()).isEqualTo(theirs.txId());
    assertThat(registry.releaseOf(s.entry())).contains(theirs.txId());
    RegistryReply.Release kept = ok(sellerDispute(s, l, f.outPoint()), RegistryReply.Release.class);
    assertThat(Transaction.parse(kept.transaction().toByteArray())).isEqualTo(theirs);
  }
}
