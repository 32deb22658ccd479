package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.EcKey;

/** Crash recovery: the log cut anywhere inside its last record replays to the previous state. */
class RegistryCrashTest {
  @TempDir Path dir;

  private DsoRegistry openCopy(RegistryFixture f, byte[] bytes, String name) throws Exception {
    Path copy = dir.resolve(name);
    Files.write(copy, bytes);
    return DsoRegistry.builder().log(copy).dsoKey(f.dso.publicKey()).ledger(f.ledger).clock(f.now::get).open();
  }

  @Test
  void truncatingTheLastRecordAtEveryOffsetRecoversThePreviousState() throws Exception {
    try (RegistryFixture f = new RegistryFixture(dir)) {
      IssuedSecrets s = f.injectForBob(5_000);
      f.lock(s, 0, f.escrow(f.alice));
      List<EnergyEntry> before = f.registry.entries();
      int eventsBefore = f.registry.events().size();
      long start = Files.size(f.log);
      // The last record: a split with 3 parts (the longest event kind).
      f.registry.handle(RegistryRequest.unlock(s.lock(), s.entryId(), 1, f.now.get(), RegistryFixture.RANDOM));
      f.registry.handle(RegistryRequest.split(s.lock(), s.entryId(), 2, f.now.get(), 3, RegistryFixture.RANDOM));
      long mid = start;
      start = Files.size(f.log);
      List<EnergyEntry> afterUnlock;
      byte[] full = Files.readAllBytes(f.log);
      try (DsoRegistry r = openCopy(f, Arrays.copyOf(full, (int) start), "unlock-only.wal")) {
        afterUnlock = r.entries();
      }
      assertThat(afterUnlock).isNotEqualTo(before);
      assertThat(mid).isLessThan(start);
      List<EnergyEntry> complete = f.registry.entries();
      for (int cut = (int) start; cut < full.length; cut++) {
        try (DsoRegistry r = openCopy(f, Arrays.copyOf(full, cut), "cut-" + cut + ".wal")) {
          assertThat(r.entries()).as("cut at %d", cut).isEqualTo(afterUnlock);
          assertThat(r.events()).hasSize(eventsBefore + 1);
          assertThat(r.recoveredTailBytes()).isEqualTo(cut - start);
        }
        assertThat(Files.size(dir.resolve("cut-" + cut + ".wal"))).isEqualTo(start);
      }
      try (DsoRegistry r = openCopy(f, full, "full.wal")) {
        assertThat(r.entries()).isEqualTo(complete);
        assertThat(r.recoveredTailBytes()).isZero();
      }
    }
  }

  @Test
  void aDamagedLastRecordIsDroppedAndAppendingContinues() throws Exception {
    try (RegistryFixture f = new RegistryFixture(dir)) {
      IssuedSecrets s = f.injectForBob(1_000);
      long start = Files.size(f.log);
      f.lock(s, 0, f.escrow(f.alice));
      byte[] full = Files.readAllBytes(f.log);
      for (int i = (int) start; i < full.length; i++) {
        byte[] damaged = full.clone();
        damaged[i] ^= 0x40;
        DsoRegistry reopened;
        try {
          reopened = openCopy(f, damaged, "flip-" + i + ".wal");
        } catch (RegistryException e) {
          // Only a flip that shortens the length field may refuse: the bytes left after the
          // shorter record are something an interrupted append never leaves.
          assertThat(i - start).as("refused flip at %d: %s", i, e.getMessage()).isLessThan(4);
          assertThat(e.error()).isEqualTo(RegistryError.CORRUPT_LOG);
          continue;
        }
        try (DsoRegistry r = reopened) {
          assertThat(r.entry(s.entryId()).orElseThrow().status()).as("flip at %d", i).isEqualTo(EntryStatus.ACTIVE);
          // The registry keeps working after the truncation: the lock can be redone and survives a reopen.
          EcKey carol = EcKey.generate();
          RegistryReply again = r.handle(RegistryRequest.lock(s.lock(), s.entryId(), 0, f.now.get(),
              new EscrowLock(EscrowScripts.redeemScript(f.dso.publicKey(), f.bob.publicKey(), carol.publicKey()), RegistryFixture.PRICE),
              RegistryFixture.RANDOM));
          assertThat(again.isOk()).isTrue();
        }
        try (DsoRegistry r = DsoRegistry.builder().log(dir.resolve("flip-" + i + ".wal")).dsoKey(f.dso.publicKey())
            .ledger(f.ledger).clock(f.now::get).open()) {
          assertThat(r.entry(s.entryId()).orElseThrow().status()).isEqualTo(EntryStatus.LOCKED);
          assertThat(r.recoveredTailBytes()).isZero();
        }
      }
    }
  }

  @Test
  void stateSurvivesACleanRestart() throws Exception {
    try (RegistryFixture f = new RegistryFixture(dir)) {
      IssuedSecrets s = f.injectForBob(2_000);
      f.lock(s, 0, f.escrow(f.alice));
      List<EnergyEntry> entries = f.registry.entries();
      List<RegistryEvent> events = f.registry.events();
      f.reopen();
      assertThat(f.registry.entries()).isEqualTo(entries);
      assertThat(f.registry.events()).hasSameSizeAs(events);
      assertThat(f.registry.events().get(0)).isInstanceOf(RegistryEvent.Injected.class);
      assertThat(f.registry.events().get(1)).isInstanceOf(RegistryEvent.Locked.class);
      // The lock secret survived: a request proven with it is accepted after restart.
      assertThat(f.registry.handle(RegistryRequest.unlock(s.lock(), s.entryId(), 1, f.now.get(), RegistryFixture.RANDOM)).isOk()).isTrue();
    }
  }
}
