package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.PaymentCommitment;
import org.priwatt.script.EscrowKeys;

/**
 * The registry's entry operations through {@link DsoRegistry#handle}: testify (what it reveals to
 * whom), lock (escrow shape, fee, sequence, replay, skew, proof), lock expiry and relocking,
 * unlock, renew and split.
 */
class DsoRegistryLockTest extends RegistryFixture {
  private RegistryReply.Testimony testify(Seller s, EnergyAmount min, Optional<EscrowKeys> escrow) {
    return ok(RegistryRequest.Testify.create(s.entry(), s.key().publicKey(), min, escrow, now.get(), Samples.RANDOM),
        RegistryReply.Testimony.class);
  }

  // ------------------------------------------------------------------ testify

  @Test
  void testifyStatesOwnerEnergyAndStatus() throws Exception {
    Seller s = inject();
    assertThat(testify(s, ENERGY, Optional.empty())).satisfies(t -> {
      assertThat(t.holds()).isTrue();
      assertThat(t.status()).contains(EntryStatus.ACTIVE);
      assertThat(t.lock()).isEmpty();
    });
    assertThat(testify(s, ENERGY.plus(EnergyAmount.ofMilliwattHours(1)), Optional.empty()).holds()).as("more energy")
        .isFalse();
    RegistryReply.Testimony stranger = ok(RegistryRequest.Testify.create(s.entry(), Samples.key().publicKey(),
        ENERGY, Optional.empty(), now.get(), Samples.RANDOM), RegistryReply.Testimony.class);
    assertThat(stranger.holds()).as("another owner").isFalse();
    RegistryReply.Testimony unknown = ok(RegistryRequest.Testify.create(Samples.entryId(), s.key().publicKey(),
        ENERGY, Optional.empty(), now.get(), Samples.RANDOM), RegistryReply.Testimony.class);
    assertThat(unknown.holds()).isFalse();
    assertThat(unknown.status()).isEmpty();
    // Testimony changes nothing and is not recorded.
    assertThat(registry.events()).hasSize(1);
  }

  @Test
  void aLocksTermsAreRevealedOnlyToWhoeverNamesItsEscrow() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    RegistryReply.Testimony named = testify(s, ENERGY, Optional.of(l.terms().escrow()));
    assertThat(named.holds()).isTrue();
    assertThat(named.status()).contains(EntryStatus.LOCKED);
    assertThat(named.lock()).contains(new RegistryReply.LockView(l.terms().lock(), PRICE, FEE, l.expiry(),
        registry.confirmations()));
    RegistryReply.Testimony unnamed = testify(s, ENERGY, Optional.empty());
    assertThat(unnamed.holds()).as("locked: not free to sell").isFalse();
    assertThat(unnamed.status()).contains(EntryStatus.LOCKED);
    assertThat(unnamed.lock()).isEmpty();
    RegistryReply.Testimony other = testify(s, ENERGY, Optional.of(escrowFor(s, Samples.key())));
    assertThat(other.holds()).isFalse();
    assertThat(other.lock()).isEmpty();
    // Once expired the entry is free to sell again, and the old escrow still learns its lock.
    now.addAndGet(LOCK_SECONDS + 1);
    assertThat(testify(s, ENERGY, Optional.empty()).holds()).isTrue();
    assertThat(testify(s, ENERGY, Optional.of(l.terms().escrow())).lock()).isPresent();
  }

  // ------------------------------------------------------------------ lock

  @Test
  void aLockNamesTheDsoFirstAndTheOwnerSecondAndLeavesAPayablePrice() throws Exception {
    Seller s = inject();
    EcKey buyer = Samples.key();
    EscrowKeys otherDso = EscrowKeys.of(Samples.key().publicKey(), s.key().publicKey(), buyer.publicKey());
    EscrowKeys otherSeller = EscrowKeys.of(world.dsoKey().publicKey(), Samples.key().publicKey(), buyer.publicKey());
    EscrowKeys swapped = EscrowKeys.of(s.key().publicKey(), world.dsoKey().publicKey(), buyer.publicKey());
    for (EscrowKeys bad : List.of(otherDso, otherSeller, swapped)) {
      assertThat(refused(lockRequest(s, bad, PRICE, FEE))).isEqualTo(RegistryError.BAD_ESCROW);
    }
    assertThat(refused(lockRequest(s, escrowFor(s, buyer), Amount.ofSat(1_545), Amount.ofSat(1_000))))
        .as("the fee leaves less than the smallest payout").isEqualTo(RegistryError.BAD_ESCROW);
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.ACTIVE);
    assertThat(entry(s.entry()).nextSequence()).as("refusals use no sequence number").isZero();

    RegistryRequest.Lock good = lockRequest(s, escrowFor(s, buyer), Amount.ofSat(1_546), Amount.ofSat(1_000));
    RegistryReply.LockGranted g = ok(good, RegistryReply.LockGranted.class);
    assertThat(g.lockedAt()).isEqualTo(now.get());
    assertThat(g.expiry()).isEqualTo(now.get() + LOCK_SECONDS);
    EnergyEntry e = entry(s.entry());
    assertThat(e.status()).isEqualTo(EntryStatus.LOCKED);
    assertThat(e.nextSequence()).isEqualTo(1);
    assertThat(e.lock()).hasValueSatisfying(lock -> {
      assertThat(lock.id()).isEqualTo(g.lock());
      assertThat(lock.terms().escrow()).isEqualTo(escrowFor(s, buyer));
      assertThat(lock.terms().price()).isEqualTo(Amount.ofSat(1_546));
    });
  }

  @Test
  void requestsAreCheckedForReplaySkewProofAndSequence() throws Exception {
    Seller s = inject();
    EscrowKeys escrow = escrowFor(s, Samples.key());
    long t = now.get();
    assertThat(refused(RegistryRequest.Lock.create(s.secrets().lock(), s.entry(), 0, t - DsoRegistry.DEFAULT_MAX_SKEW - 1,
        escrow, PRICE, FEE, Samples.RANDOM))).isEqualTo(RegistryError.STALE);
    assertThat(refused(RegistryRequest.Lock.create(s.secrets().lock(), s.entry(), 0, t + DsoRegistry.DEFAULT_MAX_SKEW + 1,
        escrow, PRICE, FEE, Samples.RANDOM))).isEqualTo(RegistryError.STALE);
    assertThat(refused(RegistryRequest.Lock.create(s.secrets().ownership(), s.entry(), 0, t, escrow, PRICE, FEE,
        Samples.RANDOM))).as("proven with λ instead of z").isEqualTo(RegistryError.BAD_PROOF);
    assertThat(refused(RegistryRequest.Lock.create(Samples.secret(), Samples.entryId(), 0, t, escrow, PRICE, FEE,
        Samples.RANDOM))).isEqualTo(RegistryError.UNKNOWN_ENTRY);
    assertThat(refused(RegistryRequest.Lock.create(s.secrets().lock(), s.entry(), 1, t, escrow, PRICE, FEE,
        Samples.RANDOM))).isEqualTo(RegistryError.OUT_OF_ORDER);
    // A MAC over other fields: the escrow replaced after authentication.
    RegistryRequest.Lock signed = lockRequest(s, escrow, PRICE, FEE);
    RegistryRequest.Lock altered = new RegistryRequest.Lock(signed.id(), s.entry(), t, 0, escrowFor(s, Samples.key()),
        PRICE, FEE, signed.mac());
    assertThat(refused(altered)).isEqualTo(RegistryError.BAD_PROOF);

    ok(signed, RegistryReply.LockGranted.class);
    assertThat(refused(signed)).isEqualTo(RegistryError.REPLAYED);
    // Replay protection comes first: even a replay that would now be out of order says REPLAYED.
    now.addAndGet(LOCK_SECONDS + 1);
    assertThat(refused(signed)).isEqualTo(RegistryError.REPLAYED);
  }

  // ------------------------------------------------------------------ expiry

  @Test
  void aLockHoldsUntilItsExpiryAndCanThenBeReplaced() throws Exception {
    Seller s = inject();
    Locked first = lock(s);
    RegistryRequest.Lock early = lockRequest(s, escrowFor(s, Samples.key()), PRICE, FEE);
    assertThat(refused(early)).isEqualTo(RegistryError.LOCKED);
    assertThat(refused(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.LOCK_NOT_EXPIRED);
    now.set(first.expiry());
    assertThat(refused(lockRequest(s, escrowFor(s, Samples.key()), PRICE, FEE))).as("at the expiry second")
        .isEqualTo(RegistryError.LOCKED);
    now.set(first.expiry() + 1);
    Locked second = lock(s);
    EnergyEntry e = entry(s.entry());
    assertThat(e.locks()).extracting(EscrowLock::id).containsExactly(first.terms().lock(), second.terms().lock());
    assertThat(e.lock()).map(EscrowLock::id).contains(second.terms().lock());
    assertThat(e.lock(first.terms().lock())).isPresent();
  }

  @Test
  void anExpiredLockWithAConfirmedCommittedPaymentCannotBeReleasedOrReplaced() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    fund(l);
    now.set(l.expiry() + 1);
    long seq = entry(s.entry()).nextSequence();
    assertThat(refused(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), seq, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.ESCROW_FUNDED);
    assertThat(refused(lockRequest(s, escrowFor(s, Samples.key()), PRICE, FEE))).isEqualTo(RegistryError.ESCROW_FUNDED);
    assertThat(refused(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), seq, now.get(), 2, Samples.RANDOM)))
        .isEqualTo(RegistryError.LOCKED);
    assertThat(entry(s.entry()).lock()).map(EscrowLock::id).contains(l.terms().lock());
    assertThat(entry(s.entry()).nextSequence()).isEqualTo(seq);
  }

  @Test
  void paymentsThatDoNotFundTheLockDoNotHoldItPastItsExpiry() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    pay(l.terms().scriptPubKey(), PRICE, Optional.empty(), true);
    pay(l.terms().scriptPubKey(), PRICE, Optional.of(new PaymentCommitment(s.entry(), Samples.lockId())), true);
    pay(l.terms().scriptPubKey(), PRICE.minus(Amount.ofSat(1)), Optional.of(l.terms().commitment()), true);
    pay(escrowFor(s, Samples.key()).scriptPubKey(), PRICE, Optional.of(l.terms().commitment()), true);
    // Committed and in full, but not yet confirmed.
    pay(l.terms().scriptPubKey(), PRICE, Optional.of(l.terms().commitment()), false);
    now.set(l.expiry() + 1);
    Locked next = lock(s);
    assertThat(entry(s.entry()).lock()).map(EscrowLock::id).contains(next.terms().lock());
  }

  @Test
  void anExpiredUnpaidLockIsReleasedByItsSeller() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    pay(l.terms().scriptPubKey(), PRICE, Optional.empty(), true);
    now.set(l.expiry() + 1);
    ok(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM),
        RegistryReply.Unlocked.class);
    EnergyEntry e = entry(s.entry());
    assertThat(e.status()).isEqualTo(EntryStatus.ACTIVE);
    assertThat(e.lock()).isEmpty();
    assertThat(e.locks()).hasSize(1);
    assertThat(e.nextSequence()).isEqualTo(2);
    assertThat(refused(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), 2, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.NOT_LOCKED);
    lock(s);
  }

  // ------------------------------------------------------------------ renew and split

  @Test
  void renewIssuesANewLockSecretAndRetiresTheOld() throws Exception {
    Seller s = inject();
    RegistryReply.Issued r = ok(RegistryRequest.Renew.create(s.secrets().lock(), s.entry(), 0, now.get(),
        Samples.RANDOM), RegistryReply.Issued.class);
    assertThat(r.secrets()).singleElement().satisfies(x -> {
      assertThat(x.ownership()).isEqualTo(s.secrets().ownership());
      assertThat(x.lock()).isNotEqualTo(s.secrets().lock());
      assertThat(x.certificate().verify(world.dsoKey().publicKey())).isTrue();
      assertThat(x.certificate().owner()).isEqualTo(s.key().publicKey().withCompression(true));
    });
    EnergySecret z2 = r.secrets().get(0).lock();
    assertThat(refused(RegistryRequest.Renew.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.BAD_PROOF);
    // Renewal works while locked too (the seller lost z mid-trade), and the lock survives it.
    Locked l = lock(s, z2);
    EnergySecret z3 = ok(RegistryRequest.Renew.create(z2, s.entry(), 2, now.get(), Samples.RANDOM),
        RegistryReply.Issued.class).secrets().get(0).lock();
    assertThat(entry(s.entry()).lock()).map(EscrowLock::id).contains(l.terms().lock());
    assertThat(entry(s.entry()).nextSequence()).isEqualTo(3);
    now.set(l.expiry() + 1);
    ok(RegistryRequest.Unlock.create(z3, s.entry(), 3, now.get(), Samples.RANDOM), RegistryReply.Unlocked.class);
  }

  @Test
  void splitDividesTheEnergyExactlyIntoCertifiedParts() throws Exception {
    Seller s = inject(EnergyAmount.ofMilliwattHours(10_000_001));
    RegistryReply.Issued r = ok(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), 0, now.get(), 3,
        Samples.RANDOM), RegistryReply.Issued.class);
    assertThat(r.secrets()).hasSize(3);
    assertThat(r.secrets()).extracting(x -> x.energy().milliwattHours()).containsExactly(3_333_334L, 3_333_334L,
        3_333_333L);
    for (IssuedSecrets part : r.secrets()) {
      assertThat(part.certificate().verify(world.dsoKey().publicKey())).isTrue();
      assertThat(part.certificate().owner()).isEqualTo(s.key().publicKey().withCompression(true));
      EnergyEntry child = entry(part.entryId());
      assertThat(child.status()).isEqualTo(EntryStatus.ACTIVE);
      assertThat(child.parent()).contains(s.entry());
      assertThat(child.energy()).isEqualTo(part.energy());
      assertThat(child.msgAddress()).isEqualTo(s.msg());
    }
    assertThat(r.secrets()).extracting(IssuedSecrets::entryId).doesNotHaveDuplicates();
    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.SPLIT);
    // The parent is spent; the parts trade on their own.
    assertThat(refused(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), 1, now.get(), 2, Samples.RANDOM)))
        .isEqualTo(RegistryError.NOT_ACTIVE);
    assertThat(refused(RegistryRequest.Renew.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.NOT_ACTIVE);
    IssuedSecrets first = r.secrets().get(0);
    ok(RegistryRequest.Split.create(first.lock(), first.entryId(), 0, now.get(), DsoRegistry.MAX_SPLIT,
        Samples.RANDOM), RegistryReply.Issued.class);
  }

  @Test
  void splitRefusesMorePartsThanMilliwattHoursAndALiveLock() throws Exception {
    Seller tiny = inject(EnergyAmount.ofMilliwattHours(2));
    assertThat(refused(RegistryRequest.Split.create(tiny.secrets().lock(), tiny.entry(), 0, now.get(), 3,
        Samples.RANDOM))).isEqualTo(RegistryError.BAD_SPLIT);
    Seller s = inject();
    Locked l = lock(s);
    assertThat(refused(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), 1, now.get(), 2, Samples.RANDOM)))
        .isEqualTo(RegistryError.LOCKED);
    now.set(l.expiry() + 1);
    ok(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), 1, now.get(), 2, Samples.RANDOM),
        RegistryReply.Issued.class);
  }

  @Test
  void injectionsAreBoundedAndEachHasItsOwnSecrets() throws Exception {
    assertThatThrownBy(() -> inject(EnergyAmount.ofMilliwattHours(EnergyLimits.MAX_ENTRY_MWH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    Seller a = inject(EnergyAmount.ofMilliwattHours(EnergyLimits.MAX_ENTRY_MWH));
    Seller b = inject();
    assertThat(a.entry()).isNotEqualTo(b.entry());
    assertThat(a.secrets().certificate().verify(registry.dsoKey())).isTrue();
    assertThat(registry.entries()).extracting(EnergyEntry::id).containsExactly(a.entry(), b.entry());
    assertThat(entry(a.entry()).injection().energy().milliwattHours()).isEqualTo(EnergyLimits.MAX_ENTRY_MWH);
  }
}
