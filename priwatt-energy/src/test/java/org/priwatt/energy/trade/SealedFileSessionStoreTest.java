package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.energy.CodecChecks.failureOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;

/** The sealed, atomically replaced snapshot file: round trip, confidentiality and refusals. */
class SealedFileSessionStoreTest {
  static final ScryptParameters FAST = ScryptParameters.of(4, 8, 1);
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  final SecretBytes key = SecretBytes.random(32, RANDOM);
  final byte[] snapshot = "PWSS snapshot with a secret 0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  SealedFileSessionStore store(SecretBytes k) {
    return SealedFileSessionStore.of(dir.resolve("s.session"), k, FAST);
  }

  @Test
  void nothingSavedLoadsEmpty() throws Exception {
    assertThat(store(key).load()).isEmpty();
  }

  @Test
  void roundTripsAndReplacesWithoutLeavingTemporaryFiles() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    s.save(Arrays.copyOf(snapshot, 10));
    assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(Arrays.copyOf(snapshot, 10)));
    byte[] largest = new byte[SealedFileSessionStore.MAX_SNAPSHOT];
    RANDOM.nextBytes(largest);
    s.save(largest);
    assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(largest));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(s.file());
    }
  }

  @Test
  void theFileNeverHoldsThePlaintextAndOnlyItsOwnerMayReadIt() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    String file = Hex.encode(Files.readAllBytes(s.file()));
    assertThat(file).doesNotContain(Hex.encode(Arrays.copyOfRange(snapshot, 0, 8)));
    assertThat(s.toString()).doesNotContain(Hex.encode(key.copyBytes()));
    if (s.file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.file()))).isEqualTo("rw-------");
    }
  }

  @Test
  void aWrongKeyOrAnAlteredOrTruncatedFileIsUnreadable() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    assertThat(failureOf(() -> store(SecretBytes.random(32, RANDOM)).load())).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    byte[] sealed = Files.readAllBytes(s.file());
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      Files.write(s.file(), altered);
      assertThat(failureOf(s::load)).as("bit flipped at %d", i).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    }
    for (int cut = 0; cut < sealed.length; cut++) {
      Files.write(s.file(), Arrays.copyOf(sealed, cut));
      assertThat(failureOf(s::load)).as("cut at %d", cut).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    }
  }

  @Test
  void anOversizedSnapshotIsAStorageFailureAndThePreviousOneStays() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    assertThat(failureOf(() -> s.save(new byte[SealedFileSessionStore.MAX_SNAPSHOT + 1])))
        .isEqualTo(EnergyError.STORAGE);
    assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot));
  }

  @Test
  void anOversizedFileIsRefusedBeforeReading() throws Exception {
    SealedFileSessionStore s = store(key);
    Files.write(s.file(), new byte[EncryptedKeyFile.MAX_FILE_SIZE + 1]);
    assertThat(failureOf(s::load)).isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
  }

  @Test
  void anUnwritableOrUnreadableLocationIsAStorageFailure() throws Exception {
    SealedFileSessionStore s = SealedFileSessionStore.of(dir.resolve("missing").resolve("s.session"), key, FAST);
    assertThat(failureOf(() -> s.save(snapshot))).isEqualTo(EnergyError.STORAGE);
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    assertThat(failureOf(() -> SealedFileSessionStore.of(directory, key, FAST).load())).isEqualTo(EnergyError.STORAGE);
  }

  @Test
  void theStoreKeepsItsOwnCopyOfTheKeyUntilClosed() throws Exception {
    SecretBytes k = SecretBytes.random(32, RANDOM);
    SealedFileSessionStore s = store(k);
    k.destroy();
    s.save(snapshot);
    assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot));
    s.close();
    assertThatThrownBy(() -> s.save(snapshot)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::load).isInstanceOf(IllegalStateException.class);
  }
}
