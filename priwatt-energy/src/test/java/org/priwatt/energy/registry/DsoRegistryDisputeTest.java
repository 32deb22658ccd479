package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.script.ScriptTemplates;

/**
 * The DSO as mediator: a fully funded escrow of the current lock is decided by the policy and
 * freezes the entry; a stale or short payment goes back to the buyer in full without freezing; a
 * sold entry's escrow is answered with its release; a decision is taken once per funding output
 * and repeated on request; and the settlement it signs is the one the parties rebuild.
 */
class DsoRegistryDisputeTest extends RegistryFixture {
  /** A policy that records what it was asked and answers {@code share}. */
  static final class Recording implements DisputePolicy {
    final int share;
    final List<String> calls = new ArrayList<>();

    Recording(int share) {
      this.share = share;
    }

    @Override
    public int buyerShareBasisPoints(EnergyEntry entry, EscrowLock lock, Payment funding, Party requester,
        String evidence) {
      calls.add(entry.id() + " " + lock.id() + " " + funding.outPoint() + " " + requester + " " + evidence);
      return share;
    }
  }

  private RegistryReply.Decision decide(RegistryRequest.Dispute d, DisputePolicy policy) {
    RegistryReply r = registry.handle(d, policy);
    assertThat(r).isInstanceOf(RegistryReply.Decision.class);
    return (RegistryReply.Decision) r;
  }

  /** Checks the DSO signed the settlement of {@code share} and completes it with {@code key}. */
  private Transaction complete(EscrowTerms terms, Payment funding, RegistryReply.Decision d, EcKey key)
      throws Exception {
    Transaction settlement = EscrowTransactions.settlement(terms, funding, d.buyerShareBasisPoints());
    byte[] dsoSig = d.dsoSignature().toByteArray();
    assertThat(EscrowTransactions.verifies(settlement, terms, world.dsoKey().publicKey(), dsoSig)).isTrue();
    return EscrowTransactions.complete(settlement, terms, dsoSig, key);
  }

  @Test
  void aFundedCurrentLockIsDecidedByThePolicyAndFreezesTheEntry() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    Recording policy = new Recording(3_000);
    RegistryRequest.Dispute d = sellerDispute(s, l, f.outPoint());
    RegistryReply.Decision decision = decide(d, policy);
    assertThat(policy.calls).containsExactly(s.entry() + " " + l.terms().lock() + " " + f.outPoint() + " SELLER "
        + d.evidence());
    assertThat(decision.lock()).isEqualTo(l.terms().lock());
    assertThat(decision.funding()).isEqualTo(f.outPoint());
    assertThat(decision.buyerShareBasisPoints()).isEqualTo(3_000);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.FROZEN);

    // The buyer rebuilds the settlement, checks the DSO's signature and adds hers.
    Transaction settlement = complete(l.terms(), f, decision, l.buyer());
    assertThat(world.ledger().broadcast(settlement)).isEmpty();
    long net = PRICE.sat() - FEE.sat();
    assertThat(settlement.outputs()).containsExactly(
        TxOutput.of(Amount.ofSat(net * 3_000 / 10_000), ScriptTemplates.p2pkhOf(l.buyer().publicKey())),
        TxOutput.of(Amount.ofSat(net - net * 3_000 / 10_000), ScriptTemplates.p2pkhOf(s.key().publicKey())));

    // A frozen entry cannot be traded any more.
    assertThat(refused(transfer(s, l, f))).isEqualTo(RegistryError.NOT_ACTIVE);
    assertThat(refused(RegistryRequest.Renew.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.NOT_ACTIVE);
    now.set(l.expiry() + 1);
    assertThat(refused(lockRequest(s, escrowFor(s, Samples.key()), PRICE, FEE))).isEqualTo(RegistryError.NOT_ACTIVE);
  }

  @Test
  void aSplitOfTheSmallestEscrowIsASettlementTheLedgerAccepts() throws Exception {
    Seller s = inject();
    EcKey buyer = Samples.key();
    Amount price = Amount.ofSat(1_546);
    RegistryReply.LockGranted g = ok(lockRequest(s, escrowFor(s, buyer), price, FEE), RegistryReply.LockGranted.class);
    Locked l = new Locked(buyer, new EscrowTerms(s.entry(), g.lock(), escrowFor(s, buyer), price, FEE), g.expiry());
    Payment f = pay(l.terms().scriptPubKey(), price, Optional.of(l.terms().commitment()), true);
    RegistryReply.Decision d = decide(buyerDispute(l, f.outPoint()), new Recording(5_000));
    Transaction settlement = complete(l.terms(), f, d, buyer);
    assertThat(world.ledger().broadcast(settlement)).isEmpty();
    assertThat(settlement.outputs()).containsExactly(TxOutput.of(Amount.ofSat(546),
        ScriptTemplates.p2pkhOf(s.key().publicKey())));
  }

  @Test
  void aPaymentToAStaleLockIsRefundedInFullWithoutFreezing() throws Exception {
    Seller s = inject();
    Locked stale = lock(s);
    // Paid while the lock held, confirmed only after the seller replaced the expired lock.
    Payment late = pay(stale.terms().scriptPubKey(), PRICE, Optional.of(stale.terms().commitment()), false);
    now.set(stale.expiry() + 1);
    Locked current = lock(s);
    world.mine(1);
    Recording policy = new Recording(0);
    RegistryReply.Decision decision = decide(buyerDispute(stale, late.outPoint()), policy);
    assertThat(policy.calls).as("decided by rule, not by the policy").isEmpty();
    assertThat(decision.buyerShareBasisPoints()).isEqualTo(EscrowTransactions.FULL_SHARE);
    assertThat(decision.lock()).isEqualTo(stale.terms().lock());
    EnergyEntry e = entry(s.entry());
    assertThat(e.status()).isEqualTo(EntryStatus.LOCKED);
    assertThat(e.lock()).map(EscrowLock::id).contains(current.terms().lock());
    Payment confirmed = world.ledger().output(late.outPoint()).orElseThrow();
    Transaction refund = complete(stale.terms(), confirmed, decision, stale.buyer());
    assertThat(world.ledger().broadcast(refund)).isEmpty();
    assertThat(refund.outputs()).containsExactly(TxOutput.of(PRICE.minus(FEE),
        ScriptTemplates.p2pkhOf(stale.buyer().publicKey())));
    // The current lock trades on.
    ok(transfer(s, current, fund(current)), RegistryReply.Transferred.class);
  }

  @Test
  void aShortPaymentToTheCurrentLockIsRefundedInFullWithoutFreezing() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment shortPay = pay(l.terms().scriptPubKey(), PRICE.minus(Amount.ofSat(1)), Optional.of(l.terms().commitment()),
        true);
    Recording policy = new Recording(0);
    assertThat(decide(sellerDispute(s, l, shortPay.outPoint()), policy).buyerShareBasisPoints())
        .isEqualTo(EscrowTransactions.FULL_SHARE);
    assertThat(policy.calls).isEmpty();
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.LOCKED);
    // Too small to pay the fee: no settlement can exist, and nothing is recorded.
    Payment dust = pay(l.terms().scriptPubKey(), Amount.ofSat(1_000), Optional.of(l.terms().commitment()), true);
    int events = registry.events().size();
    assertThat(refused(buyerDispute(l, dust.outPoint()))).isEqualTo(RegistryError.SETTLEMENT_IMPOSSIBLE);
    assertThat(registry.events()).hasSize(events);
  }

  @Test
  void aSoldEntrysEscrowIsAnsweredWithItsRelease() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    RegistryReply.Transferred sold = ok(transfer(s, l, f), RegistryReply.Transferred.class);
    Recording policy = new Recording(10_000);
    for (RegistryRequest.Dispute d : List.of(sellerDispute(s, l, f.outPoint()), buyerDispute(l, f.outPoint()))) {
      RegistryReply r = registry.handle(d, policy);
      assertThat(r).isInstanceOfSatisfying(RegistryReply.Release.class, x -> {
        assertThat(x.lock()).isEqualTo(l.terms().lock());
        assertThat(x.transaction().toByteArray()).isEqualTo(world.ledger().transaction(sold.release()).orElseThrow()
            .serialize());
      });
    }
    assertThat(policy.calls).isEmpty();
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.TRANSFERRED);
  }

  @Test
  void aDecisionIsTakenOnceAndRepeatedOnRequestEvenAfterItsSettlementSpentTheEscrow() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    RegistryReply.Decision first = decide(buyerDispute(l, f.outPoint()), new Recording(2_000));
    int events = registry.events().size();
    Recording changedMind = new Recording(9_000);
    RegistryReply.Decision again = decide(sellerDispute(s, l, f.outPoint()), changedMind);
    assertThat(changedMind.calls).isEmpty();
    assertThat(again.buyerShareBasisPoints()).isEqualTo(2_000);
    assertThat(again.dsoSignature()).isEqualTo(first.dsoSignature());
    assertThat(registry.events()).as("a repeated decision records nothing").hasSize(events);

    assertThat(world.ledger().broadcast(complete(l.terms(), f, first, s.key()))).isEmpty();
    world.mine(1);
    Payment spent = world.ledger().output(f.outPoint()).orElseThrow();
    assertThat(spent.spent()).isTrue();
    assertThat(decide(buyerDispute(l, f.outPoint()), changedMind).buyerShareBasisPoints()).isEqualTo(2_000);
  }

  @Test
  void aPolicyOutsideZeroToTenThousandIsABugAndChangesNothing() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    int events = registry.events().size();
    for (int share : new int[] {-1, 10_001, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> registry.handle(buyerDispute(l, f.outPoint()), new Recording(share)))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(registry.events()).hasSize(events);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.LOCKED);
    assertThat(decide(buyerDispute(l, f.outPoint()), new Recording(10_000)).buyerShareBasisPoints()).isEqualTo(10_000);
  }

  @Test
  void disputesAreCheckedForPartyLockAndFunding() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    Payment f = fund(l);
    // Signed by the wrong party's key, or by a stranger.
    assertThat(refused(RegistryRequest.Dispute.create(l.buyer(), DisputePolicy.Party.SELLER, s.entry(),
        l.terms().lock(), f.outPoint(), "x", now.get(), Samples.RANDOM))).isEqualTo(RegistryError.BAD_SIGNATURE);
    assertThat(refused(RegistryRequest.Dispute.create(Samples.key(), DisputePolicy.Party.BUYER, s.entry(),
        l.terms().lock(), f.outPoint(), "x", now.get(), Samples.RANDOM))).isEqualTo(RegistryError.BAD_SIGNATURE);
    assertThat(refused(RegistryRequest.Dispute.create(l.buyer(), DisputePolicy.Party.BUYER, s.entry(),
        Samples.lockId(), f.outPoint(), "x", now.get(), Samples.RANDOM))).isEqualTo(RegistryError.UNKNOWN_LOCK);
    Payment elsewhere = pay(escrowFor(s, Samples.key()).scriptPubKey(), PRICE, Optional.of(l.terms().commitment()),
        true);
    assertThat(refused(buyerDispute(l, elsewhere.outPoint()))).isEqualTo(RegistryError.ESCROW_NOT_FUNDED);
    assertThat(refused(buyerDispute(l, Samples.outPoint()))).isEqualTo(RegistryError.ESCROW_NOT_FUNDED);
    Payment pending = pay(l.terms().scriptPubKey(), PRICE, Optional.of(l.terms().commitment()), false);
    assertThat(refused(buyerDispute(l, pending.outPoint()))).isEqualTo(RegistryError.PAYMENT_NOT_CONFIRMED);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.LOCKED);
    assertThat(f.spent()).isFalse();
  }

  @Test
  void aFundingUsedElsewhereCannotBeDecidedAgain() throws Exception {
    Seller a = inject();
    Locked la = lock(a);
    Payment fa = fund(la);
    decide(buyerDispute(la, fa.outPoint()), QUARTER);
    Seller b = inject();
    Locked lb = lock(b);
    // The same output named under another entry's lock: decided already, under another lock.
    assertThat(refused(buyerDispute(lb, fa.outPoint()))).isEqualTo(RegistryError.PAYMENT_USED);

    Seller c = inject();
    Locked lc = lock(c);
    Payment fc = fund(lc);
    ok(transfer(c, lc, fc), RegistryReply.Transferred.class);
    assertThat(refused(buyerDispute(lb, fc.outPoint()))).as("it paid for another transfer")
        .isEqualTo(RegistryError.PAYMENT_USED);

    // Spent by buyer and seller together before anyone asked the DSO.
    Payment fb = fund(lb);
    Transaction away = EscrowTransactions.settlement(lb.terms(), fb, EscrowTransactions.FULL_SHARE);
    away = EscrowTransactions.complete(away, lb.terms(), EscrowTransactions.signature(away, lb.terms(), b.key()),
        lb.buyer());
    assertThat(world.ledger().broadcast(away)).isEmpty();
    assertThat(refused(buyerDispute(lb, fb.outPoint()))).isEqualTo(RegistryError.PAYMENT_USED);
  }
}
