package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;

class DsoRegistryTest {
  @TempDir Path dir;
  RegistryFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new RegistryFixture(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private static RegistryError refusal(RegistryReply r) {
    return r.error().orElseThrow(() -> new AssertionError("accepted: " + r));
  }

  @Test
  void injectionIssuesEq6SecretsAndTestifies() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    assertThat(s.ownership()).isEqualTo(SecretDerivation.ownership(f.bob.publicKey(), EnergyAmount.ofWattHours(5_000), RegistryFixture.T0));
    assertThat(s.lock()).isNotEqualTo(s.ownership());
    RegistryReply yes = f.registry.handle(RegistryRequest.testify(s.entryId(), f.bob.publicKey(),
        EnergyAmount.ofWattHours(5_000), Script.EMPTY, f.now.get(), RegistryFixture.RANDOM));
    RegistryReply tooMuch = f.registry.handle(RegistryRequest.testify(s.entryId(), f.bob.publicKey(),
        EnergyAmount.ofWattHours(5_001), Script.EMPTY, f.now.get(), RegistryFixture.RANDOM));
    RegistryReply wrongOwner = f.registry.handle(RegistryRequest.testify(s.entryId(), f.eve.publicKey(),
        EnergyAmount.ofWattHours(1), Script.EMPTY, f.now.get(), RegistryFixture.RANDOM));
    assertThat(yes.answer()).isTrue();
    assertThat(tooMuch.answer()).isFalse();
    assertThat(wrongOwner.answer()).isFalse();
    assertThatThrownBy(() -> f.injectForBob(5_000)).isInstanceOf(RegistryException.class);
  }

  @Test
  void fullTransferAfterConfirmedPayment() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    Script redeem = f.escrow(f.alice);
    assertThat(f.lock(s, 0, redeem).isOk()).isTrue();
    // Transfer before the payment is confirmed is refused.
    f.pay(f.alice, redeem, s.entryId(), false);
    RegistryReply early = f.registry.handle(RegistryRequest.transfer(s.ownership(), f.alice, f.aliceMsg, f.now.get(), RegistryFixture.RANDOM));
    assertThat(refusal(early)).isEqualTo(RegistryError.PAYMENT_NOT_CONFIRMED);
    assertThat(f.ledger.isCommitmentPaid(s.entryId(), 1)).isFalse();
    f.ledger.mineBlock();
    assertThat(f.ledger.isCommitmentPaid(s.entryId(), 1)).isTrue();
    RegistryRequest transfer = RegistryRequest.transfer(s.ownership(), f.alice, f.aliceMsg, f.now.get(), RegistryFixture.RANDOM);
    RegistryReply done = f.registry.handle(transfer);
    assertThat(done.isOk()).as(done.toString()).isTrue();
    IssuedSecrets a = done.secrets().get(0);
    assertThat(a.ownership()).isEqualTo(SecretDerivation.ownership(f.alice.publicKey(), EnergyAmount.ofWattHours(5_000), f.now.get()));
    assertThat(f.registry.entry(s.entryId()).orElseThrow().status()).isEqualTo(EntryStatus.TRANSFERRED);
    EnergyEntry aliceEntry = f.registry.entry(a.entryId()).orElseThrow();
    assertThat(aliceEntry.owner()).isEqualTo(f.alice.publicKey());
    assertThat(aliceEntry.parent()).contains(s.entryId());
    // Replaying the same transfer request is refused with its own reason.
    assertThat(refusal(f.registry.handle(transfer))).isEqualTo(RegistryError.REPLAYED);
    // Bob can no longer lock or sell it.
    assertThat(refusal(f.lock(s, 1, redeem))).isEqualTo(RegistryError.NOT_ACTIVE);
  }

  @Test
  void secondSaleIsRefusedByTheLock() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    assertThat(f.lock(s, 0, f.escrow(f.alice)).isOk()).isTrue();
    EcKey carol = EcKey.generate();
    assertThat(refusal(f.lock(s, 1, f.escrow(carol)))).isEqualTo(RegistryError.LOCKED);
  }

  @Test
  void forgedAndWrongSecretsAreRefused() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    EnergySecret forged = EnergySecret.of(new byte[32]);
    // Lock by someone without bz (Eve guesses), and with the ownership secret instead of bz.
    assertThat(refusal(f.registry.handle(RegistryRequest.lock(forged, s.entryId(), 0, f.now.get(),
        new EscrowLock(f.escrow(f.eve), RegistryFixture.PRICE), RegistryFixture.RANDOM)))).isEqualTo(RegistryError.BAD_PROOF);
    assertThat(refusal(f.registry.handle(RegistryRequest.lock(s.ownership(), s.entryId(), 0, f.now.get(),
        new EscrowLock(f.escrow(f.eve), RegistryFixture.PRICE), RegistryFixture.RANDOM)))).isEqualTo(RegistryError.BAD_PROOF);
    // Lock naming a different seller key is a bad escrow.
    Script notBob = EscrowScripts.redeemScript(f.dso.publicKey(), f.eve.publicKey(), f.alice.publicKey());
    assertThat(refusal(f.lock(s, 0, notBob))).isEqualTo(RegistryError.BAD_ESCROW);
    assertThat(f.lock(s, 0, f.escrow(f.alice)).isOk()).isTrue();
    f.pay(f.alice, f.escrow(f.alice), s.entryId(), true);
    // Forged bλ: a transfer with a made-up ownership secret names an unknown entry.
    assertThat(refusal(f.registry.handle(RegistryRequest.transfer(forged, f.alice, f.aliceMsg, f.now.get(), RegistryFixture.RANDOM))))
        .isEqualTo(RegistryError.UNKNOWN_ENTRY);
    // Eve holds the real bλ (it leaked) but is not the escrow's buyer.
    assertThat(refusal(f.registry.handle(RegistryRequest.transfer(s.ownership(), f.eve, f.aliceMsg, f.now.get(), RegistryFixture.RANDOM))))
        .isEqualTo(RegistryError.WRONG_KEY);
    // The seller cannot unlock a funded escrow.
    assertThat(refusal(f.registry.handle(RegistryRequest.unlock(s.lock(), s.entryId(), 1, f.now.get(), RegistryFixture.RANDOM))))
        .isEqualTo(RegistryError.ESCROW_FUNDED);
  }

  @Test
  void replayedOutOfOrderAndStaleRequests() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    RegistryRequest lock = RegistryRequest.lock(s.lock(), s.entryId(), 0, f.now.get(), new EscrowLock(f.escrow(f.alice), RegistryFixture.PRICE), RegistryFixture.RANDOM);
    assertThat(f.registry.handle(lock).isOk()).isTrue();
    assertThat(refusal(f.registry.handle(lock))).isEqualTo(RegistryError.REPLAYED);
    RegistryRequest oldSeq = RegistryRequest.unlock(s.lock(), s.entryId(), 0, f.now.get(), RegistryFixture.RANDOM);
    assertThat(refusal(f.registry.handle(oldSeq))).isEqualTo(RegistryError.OUT_OF_ORDER);
    RegistryRequest stale = RegistryRequest.unlock(s.lock(), s.entryId(), 1, f.now.get() - 3600, RegistryFixture.RANDOM);
    assertThat(refusal(f.registry.handle(stale))).isEqualTo(RegistryError.STALE);
    assertThat(f.registry.handle(RegistryRequest.unlock(s.lock(), s.entryId(), 1, f.now.get(), RegistryFixture.RANDOM)).isOk()).isTrue();
    // Replays are remembered across a restart.
    f.reopen();
    assertThat(refusal(f.registry.handle(lock))).isEqualTo(RegistryError.REPLAYED);
  }

  @Test
  void renewReplacesTheLockSecret() throws Exception {
    IssuedSecrets s = f.injectForBob(5_000);
    RegistryReply r = f.registry.handle(RegistryRequest.renew(s.lock(), s.entryId(), 0, f.now.get(), RegistryFixture.RANDOM));
    EnergySecret z2 = r.secrets().get(0).lock();
    assertThat(z2).isNotEqualTo(s.lock());
    assertThat(refusal(f.lock(s, 1, f.escrow(f.alice)))).isEqualTo(RegistryError.BAD_PROOF);
    assertThat(f.registry.handle(RegistryRequest.lock(z2, s.entryId(), 1, f.now.get(),
        new EscrowLock(f.escrow(f.alice), RegistryFixture.PRICE), RegistryFixture.RANDOM)).isOk()).isTrue();
  }

  @Test
  void splitProducesSubEntriesSummingToTheWhole() throws Exception {
    IssuedSecrets s = f.injectForBob(10);
    RegistryReply r = f.registry.handle(RegistryRequest.split(s.lock(), s.entryId(), 0, f.now.get(), 3, RegistryFixture.RANDOM));
    assertThat(r.secrets()).hasSize(3);
    long sum = r.secrets().stream().mapToLong(x -> x.energy().milliwattHours()).sum();
    assertThat(sum).isEqualTo(10_000);
    assertThat(r.secrets().get(0).energy().milliwattHours()).isEqualTo(3_334);
    for (IssuedSecrets part : r.secrets()) {
      EnergyEntry e = f.registry.entry(part.entryId()).orElseThrow();
      assertThat(e.parent()).contains(s.entryId());
      assertThat(e.status()).isEqualTo(EntryStatus.ACTIVE);
    }
    assertThat(f.registry.entry(s.entryId()).map(EnergyEntry::status)).isEqualTo(Optional.of(EntryStatus.SPLIT));
    // The chain of eq. 10: each part hashes from the previous one; the parts differ.
    assertThat(r.secrets().get(0).ownership()).isNotEqualTo(r.secrets().get(1).ownership());
  }

  @Test
  void everyErrorCodeRoundTrips() throws Exception {
    for (RegistryError e : RegistryError.values()) {
      assertThat(RegistryError.fromCode(e.code())).isEqualTo(e);
      assertThat(new RegistryException(e, "x").error()).isEqualTo(e);
    }
    assertThatThrownBy(() -> RegistryError.fromCode(0)).isInstanceOf(RegistryException.class);
  }
}
