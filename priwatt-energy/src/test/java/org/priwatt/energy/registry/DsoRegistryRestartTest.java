package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.priwatt.energy.CodecChecks.failureOf;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.script.ChannelScript;

/**
 * The registry is the fold of its log: after a restart every entry, every event (secrets
 * included), the replay protection, the retired lock secrets, the sales and the decisions are
 * exactly as before; and the log, which holds every secret, is refused if others may read it.
 */
class DsoRegistryRestartTest extends RegistryFixture {
  @Test
  void everyStateAndEveryEventKindSurvivesARestart() throws Exception {
    // Sold after an unlock, a relock and a renewal.
    Seller sold = inject();
    Locked expired = lock(sold);
    now.set(expired.expiry() + 1);
    RegistryRequest.Unlock unlock = RegistryRequest.Unlock.create(sold.secrets().lock(), sold.entry(), 1, now.get(),
        Samples.RANDOM);
    ok(unlock, RegistryReply.Unlocked.class);
    EnergySecret z2 = ok(RegistryRequest.Renew.create(sold.secrets().lock(), sold.entry(), 2, now.get(),
        Samples.RANDOM), RegistryReply.Issued.class).secrets().get(0).lock();
    Locked saleLock = lock(sold, z2);
    Payment saleFunding = fund(saleLock);
    RegistryReply.Transferred sale = ok(transfer(sold, saleLock, saleFunding), RegistryReply.Transferred.class);
    // Split, frozen by a decision, refunded by a decision, and locked.
    Seller split = inject();
    List<IssuedSecrets> parts = ok(RegistryRequest.Split.create(split.secrets().lock(), split.entry(), 0, now.get(), 3,
        Samples.RANDOM), RegistryReply.Issued.class).secrets();
    Seller frozen = inject();
    Locked frozenLock = lock(frozen);
    Payment frozenFunding = fund(frozenLock);
    RegistryReply.Decision freeze = ok(buyerDispute(frozenLock, frozenFunding.outPoint()), RegistryReply.Decision.class);
    Seller refunded = inject();
    Locked refundLock = lock(refunded);
    Payment shortPay = pay(refundLock.terms().scriptPubKey(), PRICE.minus(Amount.ofSat(1)),
        Optional.of(refundLock.terms().commitment()), true);
    ok(sellerDispute(refunded, refundLock, shortPay.outPoint()), RegistryReply.Decision.class);
    Seller locked = inject();
    Locked liveLock = lock(locked);
    // Split for a payment channel, one part claimed by the client and one still locked to her.
    Seller channelled = inject();
    EcKey client = Samples.key();
    ChannelScript channel = ChannelScript.of(Samples.key().publicKey(), client.publicKey(),
        world.ledger().height() + 10);
    ChannelId channelId = ChannelId.random(Samples.RANDOM);
    List<IssuedSecrets> channelParts = ok(RegistryRequest.ChannelLock.create(channelled.secrets().lock(),
        channelled.entry(), 0, now.get(), channelId, channel, PRICE, 2, channel.refundHeight() + 6, Samples.RANDOM),
        RegistryReply.Issued.class).secrets();
    pay(channel.scriptPubKey(), PRICE, Optional.empty(), true);
    ok(RegistryRequest.ChannelTransfer.create(channelParts.get(0).ownership(), client, channelId,
        Samples.identity().address(), now.get(), Samples.RANDOM), RegistryReply.Issued.class);

    List<EnergyEntry> entries = registry.entries();
    List<RegistryEvent> events = registry.events();
    assertThat(events).extracting(e -> e.getClass().getSimpleName()).contains("Injected", "Locked", "Unlocked",
        "Renewed", "Transferred", "Split", "Decided", "ChannelLocked", "ChannelTransferred");
    Map<EntryId, EnergyEntry> byId = new HashMap<>();
    entries.forEach(e -> byId.put(e.id(), e));
    assertThat(byId.values()).extracting(EnergyEntry::status).contains(EntryStatus.values());

    restart();
    assertThat(registry.entries()).isEqualTo(entries);
    assertThat(registry.events()).isEqualTo(events);
    assertThat(registry.recoveredTailBytes()).isZero();
    assertThat(registry.releaseOf(sold.entry())).contains(sale.release());

    // What the fold rebuilt behaves as before: replays, retired secrets, sales, decisions.
    assertThat(refused(unlock)).isEqualTo(RegistryError.REPLAYED);
    assertThat(refused(RegistryRequest.Renew.create(sold.secrets().lock(), sold.entry(), 4, now.get(),
        Samples.RANDOM))).as("the lock secret retired by the renewal").isEqualTo(RegistryError.BAD_PROOF);
    assertThat(refused(transfer(sold, saleLock, saleFunding))).isEqualTo(RegistryError.NOT_ACTIVE);
    assertThat(ok(sellerDispute(sold, saleLock, saleFunding.outPoint()), RegistryReply.Release.class).transaction()
        .toByteArray()).isEqualTo(world.ledger().transaction(sale.release()).orElseThrow().serialize());
    RegistryReply.Decision again = ok(sellerDispute(frozen, frozenLock, frozenFunding.outPoint()),
        RegistryReply.Decision.class);
    assertThat(again.buyerShareBasisPoints()).isEqualTo(freeze.buyerShareBasisPoints());
    assertThat(again.dsoSignature()).isEqualTo(freeze.dsoSignature());
    assertThat(refused(transfer(refunded, refundLock, shortPay))).isEqualTo(RegistryError.PAYMENT_USED);
    assertThat(refused(RegistryRequest.Unlock.create(locked.secrets().lock(), locked.entry(), 1, now.get(),
        Samples.RANDOM))).isEqualTo(RegistryError.LOCK_NOT_EXPIRED);
    ok(transfer(locked, liveLock, fund(liveLock)), RegistryReply.Transferred.class);
    IssuedSecrets part = parts.get(1);
    ok(RegistryRequest.Renew.create(part.lock(), part.entryId(), 0, now.get(), Samples.RANDOM),
        RegistryReply.Issued.class);
    Seller resale = new Seller(saleLock.buyer(), Samples.identity().address(), sale.secrets());
    assertThat(entry(resale.entry()).owner()).isEqualTo(saleLock.buyer().publicKey().withCompression(true));
    lock(resale);

    // And the changes made after the restart survive the next one.
    List<RegistryEvent> more = registry.events();
    restart();
    assertThat(registry.events()).isEqualTo(more);
  }

  @Test
  void aChangeThatCannotBeLoggedIsRefusedAndNotApplied() throws Exception {
    Seller s = inject();
    List<EnergyEntry> before = registry.entries();
    List<RegistryEvent> events = registry.events();
    // The log is closed under the registry (as when its disk fails): every append fails.
    registry.close();
    RegistryRequest.Lock lock = lockRequest(s, escrowFor(s, Samples.key()), PRICE, FEE);
    assertThat(refused(lock)).isEqualTo(RegistryError.UNAVAILABLE);
    assertThat(failureOf(this::inject)).isEqualTo(EnergyError.STORAGE);
    assertThat(registry.entries()).isEqualTo(before);
    assertThat(registry.events()).isEqualTo(events);
    registry = open(log);
    assertThat(registry.entries()).isEqualTo(before);
    // Nothing was recorded, so the request is not a replay: it goes through now.
    ok(lock, RegistryReply.LockGranted.class);
  }

  @Test
  void aNewLogIsOwnerOnlyAndAnExistingLogOthersMayReadIsRefused() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    inject();
    registry.close();
    byte[] before = Files.readAllBytes(log);
    for (String loose : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-------")) {
      Files.setPosixFilePermissions(log, PosixFilePermissions.fromString(loose));
      if (loose.equals("rw-------")) {
        registry = open(log);
        assertThat(registry.entries()).hasSize(1);
      } else {
        assertThat(failureOf(() -> open(log).close())).as(loose).isEqualTo(EnergyError.INSECURE_PERMISSIONS);
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
      }
    }
  }

  @Test
  void aLogThatCannotBeCreatedIsAStorageFailure(@TempDir Path dir) {
    assertThat(failureOf(() -> open(dir.resolve("missing").resolve("dso.wal")).close()))
        .isEqualTo(EnergyError.STORAGE);
  }
}
