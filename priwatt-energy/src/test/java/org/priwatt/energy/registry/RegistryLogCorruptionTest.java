package org.priwatt.energy.registry;

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
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.Samples;

/**
 * Damage anywhere in the DSO's write-ahead log except a torn last append refuses to open with
 * {@link EnergyError#CORRUPT_LOG}, names the damaged record and its offset, and leaves the file
 * byte for byte as it was (issue 11, item 2: a flip in record 1 used to truncate the log there
 * and roll back a renewal, so the old lock secret was accepted again).
 */
class RegistryLogCorruptionTest extends RegistryFixture {
  private static final int[] MASKS = {0x01, 0x80};

  /** The log as the registry wrote it. */
  private byte[] bytes;
  /** Start offset of each record, then the file length: record k is {@code [starts[k], starts[k+1])}. */
  private int[] starts;
  private Seller a;
  /** Entry a's lock secret before its first renewal (record 1). */
  private EnergySecret aFirstLock;
  /** The registry's entries after records 0..n-2, i.e. without the last record. */
  private List<EnergyEntry> withoutLast;
  private List<EnergyEntry> complete;

  private EnergySecret renew(EnergySecret z, Seller s, long sequence) {
    return ok(RegistryRequest.Renew.create(z, s.entry(), sequence, now.get(), Samples.RANDOM),
        RegistryReply.Issued.class).secrets().get(0).lock();
  }

  /** Ten records through the real registry: injections, renewals, locks, an unlock, a split. */
  @BeforeEach
  void writeHistory() throws Exception {
    List<Integer> offsets = new ArrayList<>();
    offsets.add((int) Files.size(log));
    a = inject();
    offsets.add((int) Files.size(log));
    aFirstLock = a.secrets().lock();
    EnergySecret z1 = renew(aFirstLock, a, 0);
    offsets.add((int) Files.size(log));
    Locked first = lock(a, z1);
    offsets.add((int) Files.size(log));
    now.set(first.expiry() + 1);
    ok(RegistryRequest.Unlock.create(z1, a.entry(), 2, now.get(), Samples.RANDOM), RegistryReply.Unlocked.class);
    offsets.add((int) Files.size(log));
    Seller b = inject(EnergyAmount.ofWattHours(2_000));
    offsets.add((int) Files.size(log));
    ok(RegistryRequest.Split.create(b.secrets().lock(), b.entry(), 0, now.get(), 3, Samples.RANDOM),
        RegistryReply.Issued.class);
    offsets.add((int) Files.size(log));
    EnergySecret z2 = renew(z1, a, 3);
    offsets.add((int) Files.size(log));
    lock(a, z2);
    offsets.add((int) Files.size(log));
    Seller c = inject(EnergyAmount.ofWattHours(1_000));
    offsets.add((int) Files.size(log));
    withoutLast = registry.entries();
    renew(c.secrets().lock(), c, 0);
    offsets.add((int) Files.size(log));
    complete = registry.entries();
    registry.close();
    bytes = Files.readAllBytes(log);
    starts = offsets.stream().mapToInt(Integer::intValue).toArray();
    assertThat(starts).hasSize(11);
    assertThat(starts[10]).isEqualTo(bytes.length);
    registry = open(log);
  }

  private int records() {
    return starts.length - 1;
  }

  private Path writeCopy(String name, byte[] content) throws Exception {
    return writePrivate(log.resolveSibling(name), content);
  }

  /**
   * Writes {@code content} to a copy, expects opening it to be refused, and checks that the
   * refusal left the copy byte for byte unchanged.
   */
  private EnergyException refusal(byte[] content) throws Exception {
    Path copy = writeCopy("copy.wal", content);
    EnergyException refused = null;
    try (DsoRegistry r = open(copy)) {
      // Falls through to the failure below, after closing.
      assertThat(r).isNotNull();
    } catch (EnergyException e) {
      refused = e;
    }
    String before = sha256(content);
    byte[] after = Files.readAllBytes(copy);
    String changed = before.equals(sha256(after)) ? "" : "; the file changed from " + content.length
        + " bytes (sha256 " + before + ") to " + after.length + " bytes (sha256 " + sha256(after) + ")";
    if (refused == null) {
      fail("a damaged log opened" + changed);
    }
    assertThat(changed).as("the file after the refused open").isEmpty();
    return refused;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static byte[] flip(byte[] b, int offset, int mask) {
    byte[] copy = b.clone();
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
    return Arrays.copyOfRange(bytes, from, to);
  }

  private void assertNamesRecord(EnergyException e, int record) {
    assertThat(e.failure()).as("%s", e.getMessage()).isEqualTo(EnergyError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record " + record + " at offset " + starts[record]);
  }

  @Test
  void everyByteFlipBeforeTheLastRecordRefusesToOpenNamingTheRecordAndLeavesTheFileUnchanged() throws Exception {
    List<String> opened = new ArrayList<>();
    int tried = 0;
    for (int k = 0; k < records() - 1; k++) {
      for (int offset = starts[k]; offset < starts[k + 1]; offset++) {
        // Every byte, the low and the high bit in turn (each try opens a registry).
        int mask = MASKS[offset % 2];
        tried++;
        EnergyException e;
        try {
          e = refusal(flip(bytes, offset, mask));
        } catch (AssertionError silent) {
          opened.add("record " + k + " offset " + offset + " ^" + mask + ": " + silent.getMessage());
          continue;
        }
        assertNamesRecord(e, k);
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
    for (int offset = starts[last]; offset < bytes.length; offset++) {
      for (int mask : MASKS) {
        byte[] damaged = flip(bytes, offset, mask);
        Path copy = writeCopy("last.wal", damaged);
        try (DsoRegistry r = open(copy)) {
          assertThat(r.entries()).as("flip at %d", offset).isEqualTo(withoutLast);
          assertThat(r.events()).hasSize(last);
          assertThat(r.recoveredTailBytes()).isEqualTo(bytes.length - starts[last]);
        } catch (EnergyException e) {
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
    assertNamesRecord(refusal(flip(bytes, middle, 0x01)), 1);
    // The intact log keeps the renewal: the old secret stays refused.
    assertThat(registry.entries()).isEqualTo(complete);
    long next = entry(a.entry()).nextSequence();
    assertThat(refused(RegistryRequest.Renew.create(aFirstLock, a.entry(), next, now.get(), Samples.RANDOM)))
        .isEqualTo(RegistryError.BAD_PROOF);
  }

  @Test
  void deletingAMiddleRecordIsRefused() throws Exception {
    // Without record 3 (a's unlock) every later event still applies, so only the log format can
    // notice the gap.
    assertNamesRecord(refusal(concat(slice(0, starts[3]), slice(starts[4], bytes.length))), 3);
  }

  @Test
  void swappingTwoRecordsIsRefused() throws Exception {
    // Records 3 (unlock a) and 4 (inject b) apply in either order.
    byte[] swapped = concat(slice(0, starts[3]), slice(starts[4], starts[5]), slice(starts[3], starts[4]),
        slice(starts[5], bytes.length));
    assertNamesRecord(refusal(swapped), 3);
  }

  @Test
  void aDamagedHeaderRefusesToOpen() throws Exception {
    for (int offset = 0; offset < starts[0]; offset++) {
      for (int mask : MASKS) {
        EnergyException e = refusal(flip(bytes, offset, mask));
        assertThat(e.failure()).as("flip at %d: %s", offset, e.getMessage())
            .isIn(EnergyError.CORRUPT_LOG, EnergyError.UNSUPPORTED_VERSION);
      }
    }
  }

  @Test
  void aLogOfTheFirstProtocolIsRefusedUntouched() throws Exception {
    byte[] v2 = bytes.clone();
    v2[7] = 2;
    assertThat(refusal(v2).failure()).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
    assertThat(refusal(org.priwatt.energy.registry.internal.LegacyLogs.version1(List.of(new byte[] {1, 2, 3})))
        .failure()).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
  }

  @Test
  void cuttingInsideTheLastRecordRepairsToThePreviousStateAndTheLogGoesOn() throws Exception {
    int last = records() - 1;
    for (int cut = starts[last]; cut < bytes.length; cut++) {
      Path copy = writeCopy("cut.wal", Arrays.copyOf(bytes, cut));
      try (DsoRegistry r = open(copy)) {
        assertThat(r.entries()).as("cut at %d", cut).isEqualTo(withoutLast);
        assertThat(r.recoveredTailBytes()).isEqualTo(cut - starts[last]);
      }
      assertThat(Files.size(copy)).isEqualTo(starts[last]);
    }
    // After a repair the next append continues the log and survives a reopen.
    Path copy = writeCopy("cut.wal", Arrays.copyOf(bytes, bytes.length - 1));
    IssuedSecrets d;
    try (DsoRegistry r = open(copy)) {
      d = r.inject(new EnergyInjection(Samples.key().publicKey(), a.msg(), EnergyAmount.ofWattHours(777), now.get()));
    }
    try (DsoRegistry r = open(copy)) {
      assertThat(r.entry(d.entryId())).isPresent();
      assertThat(r.events()).hasSize(last + 1);
      assertThat(r.recoveredTailBytes()).isZero();
    }
  }
}
