package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage anywhere in the DSO's write-ahead log except a torn last append refuses to open with
 * {@link RegistryError#CORRUPT_LOG}, names the damaged record and its offset, and leaves the file
 * byte for byte as it was (issue 11, item 2: a flip in record 1 used to truncate the log there
 * and roll back a renewal, so the old lock secret was accepted again).
 */
class RegistryLogCorruptionTest {
  private static final int[] MASKS = {0x01, 0x80};

  @TempDir Path dir;
  private RegistryFixture f;
  /** The log as the registry wrote it. */
  private byte[] log;
  /** Start offset of each record, then the file length: record k is {@code [starts[k], starts[k+1])}. */
  private int[] starts;
  private IssuedSecrets a;
  /** Entry a's lock secret before its first renewal (record 1). */
  private EnergySecret aFirstLock;
  /** The registry's entries after records 0..n-2, i.e. without the last record. */
  private List<EnergyEntry> withoutLast;
  private List<EnergyEntry> complete;

  /** Ten records through the real registry: injections, renewals, lock, unlock, a split. */
  @BeforeEach
  void writeHistory() throws Exception {
    f = new RegistryFixture(dir);
    List<Integer> offsets = new ArrayList<>();
    offsets.add((int) Files.size(f.log));
    a = f.injectForBob(5_000);
    offsets.add((int) Files.size(f.log));
    aFirstLock = a.lock();
    EnergySecret z1 = ok(RegistryRequest.renew(a.lock(), a.entryId(), 0, f.now.get(), RegistryFixture.RANDOM))
        .secrets().get(0).lock();
    offsets.add((int) Files.size(f.log));
    ok(RegistryRequest.lock(z1, a.entryId(), 1, f.now.get(), new EscrowLock(f.escrow(f.alice), RegistryFixture.PRICE),
        RegistryFixture.RANDOM));
    offsets.add((int) Files.size(f.log));
    ok(RegistryRequest.unlock(z1, a.entryId(), 2, f.now.get(), RegistryFixture.RANDOM));
    offsets.add((int) Files.size(f.log));
    IssuedSecrets b = f.injectForBob(2_000);
    offsets.add((int) Files.size(f.log));
    ok(RegistryRequest.split(b.lock(), b.entryId(), 0, f.now.get(), 3, RegistryFixture.RANDOM));
    offsets.add((int) Files.size(f.log));
    EnergySecret z2 = ok(RegistryRequest.renew(z1, a.entryId(), 3, f.now.get(), RegistryFixture.RANDOM))
        .secrets().get(0).lock();
    offsets.add((int) Files.size(f.log));
    ok(RegistryRequest.lock(z2, a.entryId(), 4, f.now.get(), new EscrowLock(f.escrow(f.eve), RegistryFixture.PRICE),
        RegistryFixture.RANDOM));
    offsets.add((int) Files.size(f.log));
    IssuedSecrets c = f.injectForBob(1_000);
    offsets.add((int) Files.size(f.log));
    withoutLast = f.registry.entries();
    ok(RegistryRequest.renew(c.lock(), c.entryId(), 0, f.now.get(), RegistryFixture.RANDOM));
    offsets.add((int) Files.size(f.log));
    complete = f.registry.entries();
    f.close();
    log = Files.readAllBytes(f.log);
    starts = offsets.stream().mapToInt(Integer::intValue).toArray();
    assertThat(starts).hasSize(11);
    assertThat(starts[10]).isEqualTo(log.length);
  }

  private RegistryReply ok(RegistryRequest request) {
    RegistryReply reply = f.registry.handle(request);
    assertThat(reply.isOk()).as("%s", reply).isTrue();
    return reply;
  }

  private int records() {
    return starts.length - 1;
  }

  private DsoRegistry open(Path file) throws RegistryException {
    return DsoRegistry.builder().log(file).dsoKey(f.dso.publicKey()).ledger(f.ledger).clock(f.now::get).open();
  }

  /**
   * Writes {@code bytes} to a copy, expects opening it to be refused, and checks that the refusal
   * left the copy byte for byte unchanged.
   */
  private RegistryException refusal(byte[] bytes) throws Exception {
    Path copy = dir.resolve("copy.wal");
    Files.write(copy, bytes);
    RegistryException refused = null;
    try (DsoRegistry r = open(copy)) {
      // Falls through to the failure below, after closing.
      assertThat(r).isNotNull();
    } catch (RegistryException e) {
      refused = e;
    }
    String before = sha256(bytes);
    byte[] after = Files.readAllBytes(copy);
    String changed = before.equals(sha256(after)) ? "" : "; the file changed from " + bytes.length + " bytes (sha256 "
        + before + ") to " + after.length + " bytes (sha256 " + sha256(after) + ")";
    if (refused == null) {
      fail("a damaged log opened" + changed);
    }
    assertThat(changed).as("the file after the refused open").isEmpty();
    return refused;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] flip(byte[] bytes, int offset, int mask) {
    byte[] copy = bytes.clone();
    copy[offset] ^= (byte) mask;
    return copy;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private byte[] slice(int from, int to) {
    return Arrays.copyOfRange(log, from, to);
  }

  private void assertNamesRecord(RegistryException e, int record) {
    assertThat(e.error()).as("%s", e.getMessage()).isEqualTo(RegistryError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record " + record + " at offset " + starts[record]);
  }

  @Test
  void everyByteFlipBeforeTheLastRecordRefusesToOpenNamingTheRecordAndLeavesTheFileUnchanged() throws Exception {
    List<String> opened = new ArrayList<>();
    int tried = 0;
    for (int k = 0; k < records() - 1; k++) {
      for (int offset = starts[k]; offset < starts[k + 1]; offset++) {
        for (int mask : MASKS) {
          tried++;
          RegistryException e;
          try {
            e = refusal(flip(log, offset, mask));
          } catch (AssertionError silent) {
            opened.add("record " + k + " offset " + offset + " ^" + mask + ": " + silent.getMessage());
            continue;
          }
          assertNamesRecord(e, k);
        }
      }
    }
    assertThat(tried).isGreaterThan(1_000);
    if (!opened.isEmpty()) {
      fail(opened.size() + " of " + tried + " flips opened, e.g. " + opened.subList(0, Math.min(3, opened.size())));
    }
  }

  @Test
  void aFlipInTheLastRecordIsRefusedOrDropsExactlyThatRecord() throws Exception {
    int last = records() - 1;
    for (int offset = starts[last]; offset < log.length; offset++) {
      for (int mask : MASKS) {
        byte[] damaged = flip(log, offset, mask);
        Path copy = dir.resolve("last.wal");
        Files.write(copy, damaged);
        try (DsoRegistry r = open(copy)) {
          assertThat(r.entries()).as("flip at %d", offset).isEqualTo(withoutLast);
          assertThat(r.events()).hasSize(last);
          assertThat(r.recoveredTailBytes()).isEqualTo(log.length - starts[last]);
        } catch (RegistryException e) {
          assertNamesRecord(e, last);
          assertThat(sha256(Files.readAllBytes(copy))).isEqualTo(sha256(damaged));
        }
      }
    }
  }

  @Test
  void aFlipInTheRenewalCannotBringBackTheOldLockSecret() throws Exception {
    // Record 1 is a's first renewal; on the old code a flip there truncated the log to record 0
    // and a request proven with the superseded lock secret was accepted again.
    int middle = (starts[1] + starts[2]) / 2;
    byte[] damaged = flip(log, middle, 0x01);
    assertNamesRecord(refusal(damaged), 1);
    // The intact log keeps the renewal: the old secret stays refused.
    try (DsoRegistry r = open(writeCopy("intact.wal", log))) {
      RegistryReply stale = r.handle(
          RegistryRequest.renew(aFirstLock, a.entryId(), 5, f.now.get(), RegistryFixture.RANDOM));
      assertThat(stale.error()).contains(RegistryError.BAD_PROOF);
      assertThat(r.entries()).isEqualTo(complete);
    }
  }

  private Path writeCopy(String name, byte[] bytes) throws Exception {
    Path copy = dir.resolve(name);
    Files.write(copy, bytes);
    return copy;
  }

  @Test
  void deletingAMiddleRecordIsRefused() throws Exception {
    // Without record 3 (a's unlock) every later event still applies, so only the log format can
    // notice the gap; on the old format the registry opened with a locked entry that was unlocked.
    byte[] deleted = concat(slice(0, starts[3]), slice(starts[4], log.length));
    assertNamesRecord(refusal(deleted), 3);
  }

  @Test
  void swappingTwoRecordsIsRefused() throws Exception {
    // Records 3 (unlock a) and 4 (inject b) apply in either order.
    byte[] swapped = concat(slice(0, starts[3]), slice(starts[4], starts[5]), slice(starts[3], starts[4]),
        slice(starts[5], log.length));
    assertNamesRecord(refusal(swapped), 3);
  }

  @Test
  void aDamagedHeaderRefusesToOpen() throws Exception {
    for (int offset = 0; offset < starts[0]; offset++) {
      for (int mask : MASKS) {
        RegistryException e = refusal(flip(log, offset, mask));
        assertThat(e.error()).as("flip at %d: %s", offset, e.getMessage())
            .isIn(RegistryError.CORRUPT_LOG, RegistryError.UNSUPPORTED_VERSION);
      }
    }
  }

  @Test
  void cuttingInsideTheLastRecordRepairsToThePreviousStateAndTheLogGoesOn() throws Exception {
    int last = records() - 1;
    for (int cut = starts[last]; cut < log.length; cut++) {
      Path copy = writeCopy("cut.wal", Arrays.copyOf(log, cut));
      try (DsoRegistry r = open(copy)) {
        assertThat(r.entries()).as("cut at %d", cut).isEqualTo(withoutLast);
        assertThat(r.recoveredTailBytes()).isEqualTo(cut - starts[last]);
      }
      assertThat(Files.size(copy)).isEqualTo(starts[last]);
    }
    // After a repair the next append continues the log and survives a reopen.
    Path copy = writeCopy("cut.wal", Arrays.copyOf(log, log.length - 1));
    IssuedSecrets d;
    try (DsoRegistry r = open(copy)) {
      d = r.inject(new EnergyInjection(f.bob.publicKey(), f.bobMsg, EnergyAmount.ofWattHours(777), f.now.get()));
    }
    try (DsoRegistry r = open(copy)) {
      assertThat(r.entry(d.entryId())).isPresent();
      assertThat(r.events()).hasSize(last + 1);
      assertThat(r.recoveredTailBytes()).isZero();
    }
  }
}
