package org.priwatt.energy.trade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.CryptoError;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * A {@link SessionStore} in one file, sealed with the crypto module's {@link EncryptedKeyFile}
 * (scrypt-stretched key, AES-256-GCM with the header as associated data) and replaced atomically
 * on every save (temporary file, fsync, atomic rename, directory fsync), so a crash leaves the
 * previous or the new snapshot and a wrong key or an altered file is refused, never half-read.
 *
 * <p>The caller supplies the sealing key and the scrypt cost: with a human passphrase use {@link
 * ScryptParameters#DEFAULT}; with a random 32-byte key (e.g. from the party's wallet) a small cost
 * suffices, since there is nothing to guess, and keeps saving after each transition cheap.
 * Snapshots are bounded by {@link #MAX_SNAPSHOT} bytes, checked before reading.
 *
 * <p>Security: the key is copied and held until {@link #close()}; the file is created owner-only
 * where POSIX permissions exist. Thread-safe (one monitor).
 */
public final class SealedFileSessionStore implements SessionStore, AutoCloseable {
  /** Largest snapshot a file can hold (the sealed format's limit). */
  public static final int MAX_SNAPSHOT = EncryptedKeyFile.MAX_SECRET_LENGTH;

  private final Path file;
  private final SecretBytes key;
  private final ScryptParameters params;

  private SealedFileSessionStore(Path file, SecretBytes key, ScryptParameters params) {
    this.file = file;
    this.key = key;
    this.params = params;
  }

  /**
   * A store at {@code file} sealed under {@code key} (copied) with scrypt cost {@code params}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code key} is destroyed
   */
  public static SealedFileSessionStore of(Path file, SecretBytes key, ScryptParameters params) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(params, "params");
    byte[] k = Objects.requireNonNull(key, "key").copyBytes();
    try {
      return new SealedFileSessionStore(file, SecretBytes.copyOf(k), params);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** The file holding the sealed snapshot. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void save(byte[] snapshot) throws EnergyException {
    if (snapshot.length > MAX_SNAPSHOT) {
      throw new EnergyException(EnergyError.STORAGE,
          "snapshot of " + snapshot.length + " bytes exceeds " + MAX_SNAPSHOT);
    }
    try (SecretBytes plain = SecretBytes.copyOf(snapshot)) {
      EncryptedKeyFile.write(file, plain, key, params);
    } catch (CryptoException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot write session snapshot " + file, e);
    }
  }

  @Override
  public synchronized Optional<byte[]> load() throws EnergyException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (SecretBytes plain = EncryptedKeyFile.read(file, key)) {
      return Optional.of(plain.copyBytes());
    } catch (CryptoException e) {
      EnergyError error = e.error() == CryptoError.IO_FAILURE ? EnergyError.STORAGE : EnergyError.SNAPSHOT_UNREADABLE;
      throw new EnergyException(error, "cannot open session snapshot " + file + ": " + e.error(), e);
    }
  }

  /** Destroys the held key; later saves and loads throw {@link IllegalStateException}. */
  @Override
  public void close() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "SealedFileSessionStore{" + file + "}";
  }
}
