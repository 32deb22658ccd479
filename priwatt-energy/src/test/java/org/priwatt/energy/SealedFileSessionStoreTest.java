package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;

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

  static RegistryError errorOf(ThrowingLoad load) {
    try {
      load.run();
    } catch (RegistryException e) {
      return e.error();
    }
    throw new AssertionError("no error");
  }

  interface ThrowingLoad {
    void run() throws RegistryException;
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
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(s.file());
    }
  }

  @Test
  void fileNeverHoldsThePlaintext() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    String file = Hex.encode(Files.readAllBytes(s.file()));
    assertThat(file).doesNotContain(Hex.encode(Arrays.copyOfRange(snapshot, 0, 8)));
    assertThat(s.toString()).doesNotContain(Hex.encode(key.copyBytes()));
  }

  @Test
  void wrongKeyAlteredOrTruncatedFileIsUnreadable() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    assertThat(errorOf(() -> store(SecretBytes.random(32, RANDOM)).load())).isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
    byte[] sealed = Files.readAllBytes(s.file());
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      Files.write(s.file(), altered);
      assertThat(errorOf(s::load)).as("bit flipped at %d", i).isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
    }
    for (int cut = 0; cut < sealed.length; cut++) {
      Files.write(s.file(), Arrays.copyOf(sealed, cut));
      assertThat(errorOf(s::load)).as("cut at %d", cut).isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
    }
  }

  @Test
  void oversizedSnapshotIsRefusedAndThePreviousOneStays() throws Exception {
    SealedFileSessionStore s = store(key);
    s.save(snapshot);
    assertThat(errorOf(() -> s.save(new byte[SealedFileSessionStore.MAX_SNAPSHOT + 1])))
        .isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
    assertThat(s.load()).hasValueSatisfying(b -> assertThat(b).isEqualTo(snapshot));
  }

  @Test
  void hugeFileIsRefusedBeforeReading() throws Exception {
    SealedFileSessionStore s = store(key);
    Files.write(s.file(), new byte[64 * 1024 * 1024 + 7]);
    assertThat(errorOf(s::load)).isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
  }

  @Test
  void unwritableLocationIsAStorageError() throws Exception {
    SealedFileSessionStore s = SealedFileSessionStore.of(dir.resolve("missing").resolve("s.session"), key, FAST);
    assertThat(errorOf(() -> s.save(snapshot))).isEqualTo(RegistryError.STORAGE);
  }

  @Test
  void closedStoreRefusesUse() {
    SealedFileSessionStore s = store(key);
    s.close();
    assertThatThrownBy(() -> s.save(snapshot)).isInstanceOf(IllegalStateException.class);
  }
}
