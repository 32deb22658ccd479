package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;
import org.priwatt.script.ChannelScript;

/**
 * The registry's payment-channel operations (Case 2) on a REGTEST ledger: the channel lock splits
 * an entry into parts locked to the client, the testimony states it, only the client claims a part
 * (with its λ and her key, before expiry, idempotently), an unfunded lock lapses at its funding
 * deadline, a funded one at its expiry height, and then the parts are their owner's again.
 */
class DsoRegistryChannelTest extends RegistryFixture {
  private static final Amount CAPACITY = Amount.ofSat(100_000);
  private static final int PARTS = 10;

  /** A channel lock granted on a seller's entry, with the client's key and the parts' secrets. */
  record Channel(Seller seller, EcKey client, ChannelId id, ChannelScript script, long expiry,
      List<IssuedSecrets> parts) {}

  private Channel lockChannel(Seller s, int parts, long refundIn, long expiryAfterRefund) {
    EcKey client = Samples.key();
    ChannelId id = ChannelId.random(Samples.RANDOM);
    long refund = world.ledger().height() + refundIn;
    ChannelScript script = ChannelScript.of(Samples.key().publicKey(), client.publicKey(), refund);
    RegistryReply.Issued issued = ok(request(s, id, script, parts, refund + expiryAfterRefund),
        RegistryReply.Issued.class);
    return new Channel(s, client, id, script, refund + expiryAfterRefund, issued.secrets());
  }

  private RegistryRequest.ChannelLock request(Seller s, ChannelId id, ChannelScript script, int parts, long expiry) {
    return RegistryRequest.ChannelLock.create(s.secrets().lock(), s.entry(), entry(s.entry()).nextSequence(), now.get(),
        id, script, CAPACITY, parts, expiry, Samples.RANDOM);
  }

  private RegistryRequest.ChannelTransfer claim(Channel c, int part, EcKey signer) {
    return RegistryRequest.ChannelTransfer.create(c.parts().get(part).ownership(), signer, c.id(),
        Samples.identity().address(), now.get(), Samples.RANDOM);
  }

  private void fund(Channel c) throws Exception {
    pay(c.script().scriptPubKey(), CAPACITY, Optional.empty(), true);
  }

  private RegistryReply.ChannelTestimony testify(Channel c) {
    return ok(RegistryRequest.TestifyChannel.create(c.seller().entry(), c.id(), c.client().publicKey(), now.get(),
        Samples.RANDOM), RegistryReply.ChannelTestimony.class);
  }

  @Test
  void aChannelLockSplitsTheEntryAndLocksEveryPartToTheClient() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, PARTS, 10, 6);

    assertThat(entry(s.entry()).status()).isEqualTo(EntryStatus.SPLIT);
    assertThat(c.parts()).hasSize(PARTS);
    assertThat(c.parts().stream().mapToLong(p -> p.energy().milliwattHours()).sum())
        .isEqualTo(ENERGY.milliwattHours());
    for (IssuedSecrets p : c.parts()) {
      EnergyEntry e = entry(p.entryId());
      assertThat(e.status()).isEqualTo(EntryStatus.CHANNEL_LOCKED);
      assertThat(e.parent()).contains(s.entry());
      assertThat(e.owner()).isEqualTo(s.key().publicKey().withCompression(true));
      assertThat(e.channelLock().orElseThrow().client()).isEqualTo(c.client().publicKey().withCompression(true));
      assertThat(p.certificate().verify(world.dsoKey().publicKey())).isTrue();
    }
    assertThat(registry.events()).last().isInstanceOf(RegistryEvent.ChannelLocked.class);

    RegistryReply.ChannelTestimony t = testify(c);
    assertThat(t.holds()).isTrue();
    PartLock lock = t.lock().orElseThrow();
    assertThat(lock.script()).isEqualTo(c.script());
    assertThat(lock.capacity()).isEqualTo(CAPACITY);
    assertThat(lock.expiryHeight()).isEqualTo(c.expiry());
    assertThat(lock.fundingDeadline()).isEqualTo(now.get() + LOCK_SECONDS);
    assertThat(t.parts()).extracting(RegistryReply.PartView::entry)
        .containsExactlyElementsOf(c.parts().stream().map(IssuedSecrets::entryId).toList());

    // Nobody else learns the lock: another client key or another channel id.
    assertThat(ok(RegistryRequest.TestifyChannel.create(s.entry(), c.id(), Samples.key().publicKey(), now.get(),
        Samples.RANDOM), RegistryReply.ChannelTestimony.class).lock()).isEmpty();
    assertThat(ok(RegistryRequest.TestifyChannel.create(s.entry(), ChannelId.random(Samples.RANDOM),
        c.client().publicKey(), now.get(), Samples.RANDOM), RegistryReply.ChannelTestimony.class).holds()).isFalse();
  }

  @Test
  void aPartCanBeClaimedOnlyByTheClientWithItsSecretBeforeExpiry() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, PARTS, 10, 6);
    fund(c);

    assertThat(refused(claim(c, 0, Samples.key()))).isEqualTo(RegistryError.BAD_SIGNATURE);
    RegistryRequest.ChannelTransfer good = claim(c, 0, c.client());
    RegistryRequest.ChannelTransfer otherChannel = RegistryRequest.ChannelTransfer.create(c.parts().get(0).ownership(),
        c.client(), ChannelId.random(Samples.RANDOM), Samples.identity().address(), now.get(), Samples.RANDOM);
    assertThat(refused(otherChannel)).isEqualTo(RegistryError.UNKNOWN_LOCK);
    // A proof made with the part's lock secret instead of its ownership secret.
    RegistryRequest.ChannelTransfer zProof = RegistryRequest.ChannelTransfer.create(c.parts().get(0).lock(), c.client(),
        c.id(), good.clientMsg(), now.get(), Samples.RANDOM);
    RegistryRequest.ChannelTransfer wrongSecret = new RegistryRequest.ChannelTransfer(zProof.id(), good.entry(),
        zProof.timestamp(), c.id(), good.clientMsg(), zProof.mac(), zProof.signature());
    assertThat(refused(wrongSecret)).isEqualTo(RegistryError.BAD_PROOF);

    IssuedSecrets got = ok(good, RegistryReply.Issued.class).secrets().get(0);
    assertThat(got.certificate().owner()).isEqualTo(c.client().publicKey().withCompression(true));
    assertThat(got.energy()).isEqualTo(c.parts().get(0).energy());
    assertThat(entry(c.parts().get(0).entryId()).status()).isEqualTo(EntryStatus.TRANSFERRED);
    assertThat(entry(got.entryId()).parent()).contains(c.parts().get(0).entryId());
    assertThat(registry.events()).last().isInstanceOf(RegistryEvent.ChannelTransferred.class);
    assertThat(refused(good)).as("the very request again").isEqualTo(RegistryError.REPLAYED);
    // The client lost the reply: a new claim of the same part answers the same secrets.
    IssuedSecrets again = ok(claim(c, 0, c.client()), RegistryReply.Issued.class).secrets().get(0);
    assertThat(again.ownership()).isEqualTo(got.ownership());
    assertThat(again.lock()).isEqualTo(got.lock());
    assertThat(testify(c).holds()).as("a claimed part keeps the lock intact").isTrue();

    // The seller holds each part's z, but cannot use a part locked to the channel.
    IssuedSecrets part2 = c.parts().get(1);
    EcKey buyer = Samples.key();
    assertThat(refused(RegistryRequest.Lock.create(part2.lock(), part2.entryId(), 0, now.get(),
        org.priwatt.script.EscrowKeys.of(world.dsoKey().publicKey(), s.key().publicKey(), buyer.publicKey()), PRICE,
        FEE, Samples.RANDOM))).isEqualTo(RegistryError.LOCKED);
    assertThat(refused(RegistryRequest.Split.create(part2.lock(), part2.entryId(), 0, now.get(), 2, Samples.RANDOM)))
        .isEqualTo(RegistryError.LOCKED);
    assertThat(refused(RegistryRequest.Renew.create(part2.lock(), part2.entryId(), 0, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.NOT_ACTIVE);
  }

  @Test
  void anUnfundedLockLapsesAtItsFundingDeadlineAndThePartsAreTheOwnersAgain() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, 4, 10, 6);
    now.addAndGet(LOCK_SECONDS);
    assertThat(testify(c).holds()).as("at the deadline").isTrue();
    now.addAndGet(1);
    assertThat(testify(c).holds()).isFalse();
    assertThat(refused(claim(c, 0, c.client()))).isEqualTo(RegistryError.LOCK_EXPIRED);
    IssuedSecrets part = c.parts().get(0);
    Seller owner = new Seller(s.key(), s.msg(), part);
    lock(owner);
    assertThat(entry(part.entryId()).status()).isEqualTo(EntryStatus.LOCKED);
  }

  @Test
  void aFundedLockHoldsUntilItsExpiryHeightThenUnclaimedPartsReturn() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, 3, 2, 1);
    fund(c);
    now.addAndGet(10 * LOCK_SECONDS);
    ok(claim(c, 0, c.client()), RegistryReply.Issued.class);
    while (world.ledger().height() < c.expiry()) {
      world.mine(1);
    }
    ok(claim(c, 1, c.client()), RegistryReply.Issued.class);
    world.mine(1);
    assertThat(refused(claim(c, 2, c.client()))).isEqualTo(RegistryError.LOCK_EXPIRED);
    IssuedSecrets unclaimed = c.parts().get(2);
    ok(RegistryRequest.Split.create(unclaimed.lock(), unclaimed.entryId(), 0, now.get(), 2, Samples.RANDOM),
        RegistryReply.Issued.class);
    assertThat(entry(c.parts().get(0).entryId()).status()).isEqualTo(EntryStatus.TRANSFERRED);
  }

  @Test
  void channelLockTermsAreChecked() throws Exception {
    Seller s = inject(EnergyAmount.ofMilliwattHours(5));
    EcKey client = Samples.key();
    long tip = world.ledger().height();
    ChannelId id = ChannelId.random(Samples.RANDOM);
    ChannelScript past = ChannelScript.of(Samples.key().publicKey(), client.publicKey(), tip);
    assertThat(refused(request(s, id, past, 2, tip + 10))).isEqualTo(RegistryError.BAD_CHANNEL);
    ChannelScript ok = ChannelScript.of(Samples.key().publicKey(), client.publicKey(), tip + 5);
    assertThat(refused(request(s, id, ok, 2, tip + 5))).as("expiry at the refund height").isEqualTo(RegistryError.BAD_CHANNEL);
    assertThat(refused(request(s, id, ok, 2, tip + DsoRegistry.MAX_CHANNEL_LOCK_BLOCKS + 1))).isEqualTo(RegistryError.BAD_CHANNEL);
    assertThat(refused(request(s, id, ok, 6, tip + 10))).as("6 parts of 5 mWh").isEqualTo(RegistryError.BAD_SPLIT);
    assertThat(refused(RegistryRequest.ChannelLock.create(Samples.secret(), s.entry(), 0, now.get(), id, ok, CAPACITY, 2,
        tip + 10, Samples.RANDOM))).isEqualTo(RegistryError.BAD_PROOF);
    assertThat(refused(RegistryRequest.ChannelLock.create(s.secrets().lock(), s.entry(), 1, now.get(), id, ok, CAPACITY,
        2, tip + 10, Samples.RANDOM))).isEqualTo(RegistryError.OUT_OF_ORDER);

    RegistryReply.Issued first = ok(request(s, id, ok, 5, tip + 10), RegistryReply.Issued.class);
    // The seller lost the reply: the same lock again (new id, old sequence) answers the same parts.
    RegistryReply.Issued again = ok(RegistryRequest.ChannelLock.create(s.secrets().lock(), s.entry(), 0, now.get(), id,
        ok, CAPACITY, 5, tip + 10, Samples.RANDOM), RegistryReply.Issued.class);
    assertThat(again.secrets()).extracting(IssuedSecrets::entryId)
        .containsExactlyElementsOf(first.secrets().stream().map(IssuedSecrets::entryId).toList());
    assertThat(refused(request(s, ChannelId.random(Samples.RANDOM), ok, 5, tip + 10))).isEqualTo(RegistryError.NOT_ACTIVE);

    Seller locked = inject();
    lock(locked);
    assertThat(refused(request(locked, id, ok, 2, tip + 10))).isEqualTo(RegistryError.LOCKED);
  }

  @Test
  void channelLocksAndClaimsSurviveARestart() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, 2, 10, 6);
    fund(c);
    IssuedSecrets got = ok(claim(c, 1, c.client()), RegistryReply.Issued.class).secrets().get(0);
    List<EnergyEntry> before = registry.entries();
    restart();
    assertThat(registry.entries()).isEqualTo(before);
    assertThat(testify(c).parts()).extracting(RegistryReply.PartView::status)
        .containsExactly(EntryStatus.CHANNEL_LOCKED, EntryStatus.TRANSFERRED);
    ok(claim(c, 0, c.client()), RegistryReply.Issued.class);
    EntryId mine = got.entryId();
    assertThat(entry(mine).owner()).isEqualTo(c.client().publicKey().withCompression(true));
  }

  @Test
  void aClaimWithAForeignSignatureOrBrokenMacChangesNothing() throws Exception {
    Seller s = inject();
    Channel c = lockChannel(s, 2, 10, 6);
    fund(c);
    RegistryRequest.ChannelTransfer good = claim(c, 0, c.client());
    RegistryRequest.ChannelTransfer noSig = new RegistryRequest.ChannelTransfer(good.id(), good.entry(),
        good.timestamp(), good.channel(), good.clientMsg(), good.mac(), ByteString.of(new byte[64]));
    int events = registry.events().size();
    assertThat(refused(noSig)).isEqualTo(RegistryError.BAD_SIGNATURE);
    assertThat(registry.events()).hasSize(events);
    assertThat(entry(good.entry()).status()).isEqualTo(EntryStatus.CHANNEL_LOCKED);
  }
}
