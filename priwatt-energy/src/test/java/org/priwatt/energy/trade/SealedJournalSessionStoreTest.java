package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.energy.CodecChecks.failureOf;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;

/**
 * The sealed journal: the last snapshot survives a reopen and a rewrite of the full journal, a
 * frame torn by a crash leaves the one before it, a wrong key or a damaged start is unreadable,
 * the file holds no plaintext and only its owner may read it.
 */
class SealedJournalSessionStoreTest {
  static final ScryptParameters CHEAP = ScryptParameters.of(1, 1, 1);
  static final SecureRandom RANDOM = new SecureRandom();
  /** A small journal so a test fills it. */
  static final int CAPACITY = 2 * 65_600 + 1_000;

  @TempDir Path dir;
  final SecretBytes key = SecretBytes.random(32, RANDOM);

  SealedJournalSessionStore open(SecretBytes k) throws Exception {
    return SealedJournalSessionStore.open(dir.resolve("s.journal"), k, CHEAP, CAPACITY);
  }

  static byte[] snapshot(int i) {
    return ("snapshot " + i + " with a secret 0123456789abcdef").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theLastSnapshotSurvivesAReopenAndEveryRewrite() throws Exception {
    try (SealedJournalSessionStore s = open(key)) {
      assertThat(s.load()).isEmpty();
      for (int i = 0; i < 3_000; i++) {
        s.save(snapshot(i));
      }
      assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(2_999)));
      byte[] largest = new byte[SealedJournalSessionStore.MAX_SNAPSHOT];
      RANDOM.nextBytes(largest);
      s.save(largest);
      s.save(largest);
      assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(largest));
      s.save(snapshot(7));
    }
    try (SealedJournalSessionStore again = open(key)) {
      assertThat(again.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(7)));
      again.save(snapshot(8));
    }
    try (SealedJournalSessionStore again = open(key)) {
      assertThat(again.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(8)));
    }
    assertThat(Files.size(dir.resolve("s.journal"))).isEqualTo(CAPACITY);
  }

  @Test
  void aFrameTornByACrashLeavesTheOneBefore() throws Exception {
    Path file = dir.resolve("s.journal");
    long end;
    try (SealedJournalSessionStore s = open(key)) {
      s.save(snapshot(1));
      s.save(snapshot(2));
    }
    byte[] before = Files.readAllBytes(file);
    end = endOfFrames(before);
    try (SealedJournalSessionStore s = open(key)) {
      s.save(snapshot(3));
    }
    byte[] after = Files.readAllBytes(file);
    long frameEnd = endOfFrames(after);
    // Every cut of the third frame (a crash while it was being written) gives snapshot 2.
    for (long cut = end; cut < frameEnd; cut += 7) {
      byte[] torn = Arrays.copyOf(after, after.length);
      Arrays.fill(torn, (int) cut, (int) frameEnd, (byte) 0);
      Files.write(file, torn);
      try (SealedJournalSessionStore s = open(key)) {
        assertThat(s.load()).as("cut at %d", cut).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(2)));
        s.save(snapshot(4));
      }
      try (SealedJournalSessionStore s = open(key)) {
        assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(4)));
      }
    }
    // Garbage after the last frame ends the journal too.
    byte[] garbage = after.clone();
    byte[] noise = new byte[64];
    RANDOM.nextBytes(noise);
    System.arraycopy(noise, 0, garbage, (int) frameEnd, noise.length);
    Files.write(file, garbage);
    try (SealedJournalSessionStore s = open(key)) {
      assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot(3)));
    }
  }

  @Test
  void aWrongKeyOrADamagedStartIsUnreadable() throws Exception {
    try (SealedJournalSessionStore s = open(key)) {
      s.save(snapshot(1));
    }
    assertThat(failureOf(() -> open(SecretBytes.random(32, RANDOM)))).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    Path file = dir.resolve("s.journal");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(8 + 4 + 50);
      int b = f.read();
      f.seek(8 + 4 + 50);
      f.write(b ^ 1);
    }
    assertThat(failureOf(() -> open(key))).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    Files.write(file, "not a journal at all".getBytes(StandardCharsets.UTF_8));
    assertThat(failureOf(() -> open(key))).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
  }

  @Test
  void theFileHoldsNoPlaintextAndOnlyItsOwnerMayReadIt() throws Exception {
    try (SealedJournalSessionStore s = open(key)) {
      s.save(snapshot(1));
      assertThat(failureOf(() -> s.save(new byte[SealedJournalSessionStore.MAX_SNAPSHOT + 1])))
          .isEqualTo(EnergyError.STORAGE);
    }
    Path file = dir.resolve("s.journal");
    assertThat(Hex.encode(Files.readAllBytes(file))).doesNotContain(Hex.encode("0123456789abcdef".getBytes(
        StandardCharsets.UTF_8)));
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }

  /** The offset after the last non-empty frame of a journal's bytes. */
  private static long endOfFrames(byte[] journal) {
    int pos = 8;
    while (pos + 4 <= journal.length) {
      int n = java.nio.ByteBuffer.wrap(journal, pos, 4).getInt();
      if (n <= 0) {
        break;
      }
      pos += 4 + n;
    }
    return pos;
  }
}
