package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.Ledgers;
import org.priwatt.energy.Samples;

/**
 * Crash recovery: the log cut anywhere inside its last record, or with any byte of it damaged,
 * replays to the state before that record and the registry goes on; and a DSO process killed
 * with SIGKILL while it appends keeps every change it acknowledged.
 */
class RegistryCrashTest extends RegistryFixture {
  private DsoRegistry openCopy(byte[] bytes, String name) throws Exception {
    return open(writePrivate(log.resolveSibling(name), bytes));
  }

  @Test
  void truncatingTheLastRecordAtEveryOffsetRecoversThePreviousState() throws Exception {
    Seller s = inject();
    Locked l = lock(s);
    int eventsBefore = registry.events().size();
    now.set(l.expiry() + 1);
    ok(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM),
        RegistryReply.Unlocked.class);
    List<EnergyEntry> afterUnlock = registry.entries();
    long start = Files.size(log);
    // The last record: a split with 3 parts.
    ok(RegistryRequest.Split.create(s.secrets().lock(), s.entry(), 2, now.get(), 3, Samples.RANDOM),
        RegistryReply.Issued.class);
    List<EnergyEntry> complete = registry.entries();
    byte[] full = Files.readAllBytes(log);
    assertThat(complete).isNotEqualTo(afterUnlock);
    for (int cut = (int) start; cut < full.length; cut++) {
      try (DsoRegistry r = openCopy(Arrays.copyOf(full, cut), "cut-" + cut + ".wal")) {
        assertThat(r.entries()).as("cut at %d", cut).isEqualTo(afterUnlock);
        assertThat(r.events()).hasSize(eventsBefore + 1);
        assertThat(r.recoveredTailBytes()).isEqualTo(cut - start);
      }
      assertThat(Files.size(log.resolveSibling("cut-" + cut + ".wal"))).isEqualTo(start);
    }
    try (DsoRegistry r = openCopy(full, "full.wal")) {
      assertThat(r.entries()).isEqualTo(complete);
      assertThat(r.recoveredTailBytes()).isZero();
    }
  }

  @Test
  void aDamagedLastRecordIsDroppedAndAppendingContinues() throws Exception {
    Seller s = inject(EnergyAmount.ofWattHours(1_000));
    long start = Files.size(log);
    lock(s);
    byte[] full = Files.readAllBytes(log);
    for (int i = (int) start; i < full.length; i++) {
      byte[] damaged = full.clone();
      damaged[i] ^= 0x40;
      String name = "flip-" + i + ".wal";
      DsoRegistry reopened;
      try {
        reopened = openCopy(damaged, name);
      } catch (EnergyException e) {
        // Only a flip that shortens the length field may refuse: the bytes left after the
        // shorter record are something an interrupted append never leaves.
        assertThat(i - start).as("refused flip at %d: %s", i, e.getMessage()).isLessThan(4);
        assertThat(e.failure()).isEqualTo(org.priwatt.energy.EnergyError.CORRUPT_LOG);
        continue;
      }
      try (DsoRegistry r = reopened) {
        assertThat(r.entry(s.entry()).orElseThrow().status()).as("flip at %d", i).isEqualTo(EntryStatus.ACTIVE);
        // The registry keeps working after the truncation: the lock can be redone and survives a reopen.
        RegistryReply again = r.handle(RegistryRequest.Lock.create(s.secrets().lock(), s.entry(), 0, now.get(),
            escrowFor(s, Samples.key()), PRICE, FEE, Samples.RANDOM), QUARTER);
        assertThat(again).isInstanceOf(RegistryReply.LockGranted.class);
      }
      try (DsoRegistry r = open(log.resolveSibling(name))) {
        assertThat(r.entry(s.entry()).orElseThrow().status()).isEqualTo(EntryStatus.LOCKED);
        assertThat(r.recoveredTailBytes()).isZero();
      }
    }
  }

  @Test
  void stateSurvivesACleanRestart() throws Exception {
    Seller s = inject(EnergyAmount.ofWattHours(2_000));
    lock(s);
    List<EnergyEntry> entries = registry.entries();
    restart();
    assertThat(registry.entries()).isEqualTo(entries);
    assertThat(registry.events()).hasSize(2);
    assertThat(registry.events().get(0)).isInstanceOf(RegistryEvent.Injected.class);
    assertThat(registry.events().get(1)).isInstanceOf(RegistryEvent.Locked.class);
    // The lock secret survived: a request proven with it is accepted after the restart.
    now.addAndGet(LOCK_SECONDS + 1);
    ok(RegistryRequest.Unlock.create(s.secrets().lock(), s.entry(), 1, now.get(), Samples.RANDOM),
        RegistryReply.Unlocked.class);
  }

  // ------------------------------------------------------------------ kill -9

  /**
   * The DSO process of {@link #aDsoKilledWhileAppendingKeepsEveryAcknowledgedInjection}: injects
   * into the registry at {@code args[0]} until killed (at most a minute), printing each entry id
   * once {@link DsoRegistry#inject} has returned, i.e. once the change is acknowledged.
   */
  static final class Dso {
    public static void main(String[] args) throws Exception {
      EcKey owner = Samples.key();
      try (DsoRegistry r = DsoRegistry.builder().log(Path.of(args[0])).dsoKey(Samples.key())
          .ledger(Ledgers.nothingPaid()).open()) {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (int i = 1; System.nanoTime() < end; i++) {
          IssuedSecrets s = r.inject(new EnergyInjection(owner.publicKey(), Samples.identity().address(),
              EnergyAmount.ofMilliwattHours(i), Samples.T0 + i));
          System.out.println(s.entryId());
          System.out.flush();
        }
      }
    }
  }

  @Test
  void aDsoKilledWhileAppendingKeepsEveryAcknowledgedInjection() throws Exception {
    Path file = log.resolveSibling("killed.wal");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path err = log.resolveSibling("child.err");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Dso.class.getName(),
        file.toString()).redirectError(err.toFile()).start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.US_ASCII))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        acknowledged.add(line);
      }
      // SIGKILL in the middle of the appends that follow.
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } catch (IOException e) {
      child.destroyForcibly();
      throw e;
    }
    assertThat(acknowledged).as(() -> "injections the child DSO acknowledged; its stderr: " + read(err)).hasSize(40);
    int recovered;
    try (DsoRegistry r = open(file)) {
      List<String> ids = r.entries().stream().map(e -> e.id().toString()).toList();
      assertThat(ids).startsWith(acknowledged.toArray(String[]::new));
      assertThat(r.events()).hasSameSizeAs(ids);
      recovered = ids.size();
      // The repaired log takes appends and keeps them.
      r.inject(new EnergyInjection(Samples.key().publicKey(), Samples.identity().address(), ENERGY, now.get()));
    }
    try (DsoRegistry r = open(file)) {
      assertThat(r.entries()).hasSize(recovered + 1);
      assertThat(r.recoveredTailBytes()).isZero();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
