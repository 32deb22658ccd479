package org.priwatt.node.role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * The meter keys that authenticate a prosumer node's readings to its DSO. A prosumer keeps its
 * secp256k1 meter key in {@code roles/meter.seed} of its data directory, sealed under the wallet
 * passphrase like the role seed, and publishes the public half in {@value #KEY_FILE}; the DSO
 * accepts readings only from meter keys an operator registered ({@code --meter} or one hex key a
 * line in {@code roles/}{@value #METERS_FILE}). A launcher that starts both (as {@code priwatt
 * testnet} does) creates each prosumer's key with {@link #create} before the DSO starts, so it can
 * register them. Stateless; thread-safe.
 */
public final class MeterKeys {
  /** The sealed meter key, in the data directory's {@code roles} directory. */
  public static final String SEED_FILE = "meter.seed";
  /** The prosumer's public meter key beside its node files: key {@code meter-key}. */
  public static final String KEY_FILE = "meter.properties";
  /** The DSO's registered meter keys in its {@code roles} directory: one hex key a line, {@code #} comments. */
  public static final String METERS_FILE = "meters.txt";
  /** Most meter keys a DSO registers (a bound on {@value #METERS_FILE} and {@code --meter}). */
  public static final int MAX_METERS = 10_000;
  /** Most bytes {@value #METERS_FILE} may hold (comments included). */
  public static final int MAX_METERS_FILE_BYTES = 1 << 20;
  /** The role seed's scrypt cost: the key is sealed under a human passphrase. */
  private static final ScryptParameters SEED_COST = ScryptParameters.of(14, 8, 1);

  private MeterKeys() {}

  /**
   * The public meter key of the prosumer node with data directory {@code dataDir}, creating and
   * sealing the key first if the node has none yet.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if the sealed key cannot be read (wrong
   *     passphrase, damaged file) or written
   */
  public static EcPublicKey create(Path dataDir, String passphrase, SecureRandom random) throws EnergyException {
    EcKey k = open(dataDir, passphrase, random);
    try {
      return k.publicKey().withCompression(true);
    } finally {
      k.destroy();
    }
  }

  /**
   * The meter key of the node with data directory {@code dataDir}, created and sealed under
   * {@code passphrase} if absent. The caller destroys it.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} as {@link #create}
   */
  public static EcKey open(Path dataDir, String passphrase, SecureRandom random) throws EnergyException {
    Objects.requireNonNull(random, "random");
    Path file = dataDir.resolve("roles").resolve(SEED_FILE);
    try (SecretBytes pass = SecretBytes.copyOf(passphrase.getBytes(StandardCharsets.UTF_8))) {
      if (Files.exists(file)) {
        try (SecretBytes secret = EncryptedKeyFile.read(file, pass)) {
          byte[] k = secret.copyBytes();
          try {
            return EcKey.fromPrivate(k, true);
          } finally {
            java.util.Arrays.fill(k, (byte) 0);
          }
        }
      }
      Files.createDirectories(file.getParent());
      EcKey k = EcKey.generate(random);
      byte[] priv = k.privateKeyBytes();
      try (SecretBytes secret = SecretBytes.copyOf(priv)) {
        EncryptedKeyFile.write(file, secret, pass, SEED_COST);
      } finally {
        java.util.Arrays.fill(priv, (byte) 0);
      }
      return k;
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot write roles/" + SEED_FILE + ": " + e.getMessage(), e);
    } catch (CryptoException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot open roles/" + SEED_FILE + ": " + e.error(), e);
    }
  }

  /**
   * Writes {@value #KEY_FILE} into {@code dir}: the public meter key an operator registers at the DSO.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if it cannot be written
   */
  public static void writeKeyFile(Path dir, EcPublicKey meterKey) throws EnergyException {
    String text = "# The meter key of this prosumer node: register it at the DSO with --meter or in its roles/"
        + METERS_FILE + "\n" + "meter-key=" + Hex.encode(meterKey.withCompression(true).encoded()) + "\n";
    try {
      AtomicFiles.write(dir.resolve(KEY_FILE), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot write " + KEY_FILE + ": " + e.getMessage(), e);
    }
  }

  /**
   * The meter keys registered in {@code file} ({@value #METERS_FILE}); none if it does not exist.
   *
   * @throws EnergyException as {@link #parse}, {@link EnergyError#OVERSIZED} for a file over
   *     {@value #MAX_METERS_FILE_BYTES} bytes, {@link EnergyError#STORAGE} if it cannot be read
   */
  public static Set<EcPublicKey> read(Path file) throws EnergyException {
    try {
      if (!Files.exists(file)) {
        return Set.of();
      }
      if (Files.size(file) > MAX_METERS_FILE_BYTES) {
        throw new EnergyException(EnergyError.OVERSIZED, file + " is larger than " + MAX_METERS_FILE_BYTES + " bytes");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Malformed UTF-8 included (CharacterCodingException).
      throw new EnergyException(EnergyError.STORAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The meter keys in {@code text}: one hex public key (compressed, or uncompressed and then
   * compressed) a line; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws EnergyException {@link EnergyError#MALFORMED} naming the first line that is not a
   *     public key, {@link EnergyError#OVERSIZED} for more than {@value #MAX_METERS} keys or
   *     {@value #MAX_METERS_FILE_BYTES} characters
   */
  public static Set<EcPublicKey> parse(String text) throws EnergyException {
    if (text.length() > MAX_METERS_FILE_BYTES) {
      throw new EnergyException(EnergyError.OVERSIZED, "meter list longer than " + MAX_METERS_FILE_BYTES);
    }
    Set<EcPublicKey> out = new LinkedHashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.add(parseKey(line, "line " + (i + 1)));
      if (out.size() > MAX_METERS) {
        throw new EnergyException(EnergyError.OVERSIZED, "more than " + MAX_METERS + " meter keys");
      }
    }
    return Set.copyOf(out);
  }

  /**
   * One hex meter key ({@code --meter}), compressed.
   *
   * @throws EnergyException {@link EnergyError#MALFORMED} if it is not a public key in hex
   */
  public static EcPublicKey parseKey(String hex, String where) throws EnergyException {
    try {
      return EcPublicKey.decode(Hex.decode(hex.strip())).withCompression(true);
    } catch (IllegalArgumentException | CryptoException e) {
      throw new EnergyException(EnergyError.MALFORMED, where + ": not a hex public key (" + e.getMessage() + ")");
    }
  }
}
