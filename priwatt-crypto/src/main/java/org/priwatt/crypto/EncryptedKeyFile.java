package org.priwatt.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Passphrase-sealed storage of a secret such as a private key or a BIP 32 seed (paper, R11): the
 * passphrase is stretched with scrypt and the secret encrypted with AES-256-GCM.
 *
 * <p>File format, version 1 (all integers big-endian):
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "PWKF" (50 57 4b 46)
 *      4     1  format version, 0x01
 *      5     1  KDF id, 0x01 = scrypt
 *      6     1  scrypt log2(N)
 *      7     1  scrypt r
 *      8     1  scrypt p
 *      9    16  scrypt salt (random)
 *     25    12  AES-GCM nonce (random)
 *     37     2  secret length L, at most {@link #MAX_SECRET_LENGTH}
 *     39  L+16  AES-256-GCM ciphertext of the secret followed by the 128-bit tag
 * </pre>
 *
 * The 39 header bytes are the GCM associated data, so changing any of them (for example lowering
 * the scrypt cost) makes decryption fail. The AES key is scrypt(passphrase, salt, N, r, p) with
 * a 32-byte output; a fresh salt and nonce are drawn for every seal, so a key is never used twice.
 *
 * <p>Errors: a wrong passphrase and an altered file cannot be told apart and both raise {@link
 * CryptoError#DECRYPTION_FAILED}; no plaintext is ever returned unless the tag verifies.
 * Security: intermediate keys and plaintext buffers are zeroed after use.
 */
public final class EncryptedKeyFile {
  /** Largest secret that can be sealed: the most the 2-byte length field holds (session snapshots can be tens of kilobytes). */
  public static final int MAX_SECRET_LENGTH = 65_535;
  /** Length of the authenticated header. */
  public static final int HEADER_LENGTH = 39;
  /** Length of the GCM authentication tag. */
  public static final int TAG_LENGTH = 16;
  /** Largest file {@link #read} and {@link #open} accept. */
  public static final int MAX_FILE_SIZE = HEADER_LENGTH + MAX_SECRET_LENGTH + TAG_LENGTH;

  private static final byte[] MAGIC = {'P', 'W', 'K', 'F'};
  private static final int VERSION = 1;
  private static final int KDF_SCRYPT = 1;
  private static final int SALT_LENGTH = 16;
  private static final int NONCE_LENGTH = 12;
  private static final int SALT_OFFSET = 9;
  private static final int NONCE_OFFSET = SALT_OFFSET + SALT_LENGTH;
  private static final int LENGTH_OFFSET = NONCE_OFFSET + NONCE_LENGTH;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EncryptedKeyFile() {}

  /** Seals {@code secret} with {@link ScryptParameters#DEFAULT}; see {@link #seal(SecretBytes, SecretBytes, ScryptParameters, SecureRandom)}. */
  public static byte[] seal(SecretBytes secret, SecretBytes passphrase) {
    return seal(secret, passphrase, ScryptParameters.DEFAULT, RANDOM);
  }

  /**
   * Encrypts {@code secret} under {@code passphrase} into the version 1 format.
   *
   * @param passphrase any bytes, typically {@link SecretBytes#fromPassphrase(char[])}
   * @param random source of the salt and nonce
   * @return the complete file content
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code secret} is longer than {@link #MAX_SECRET_LENGTH}
   * @throws IllegalStateException if {@code secret} or {@code passphrase} is destroyed
   */
  public static byte[] seal(
      SecretBytes secret, SecretBytes passphrase, ScryptParameters params, SecureRandom random) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    if (secret.length() > MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "secret of " + secret.length() + " bytes exceeds " + MAX_SECRET_LENGTH);
    }
    byte[] header = header(params, random, secret.length());
    byte[] plaintext = secret.copyBytes();
    byte[] key = deriveKey(passphrase, header, params);
    try {
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, header).doFinal(plaintext);
      byte[] file = Arrays.copyOf(header, HEADER_LENGTH + sealed.length);
      System.arraycopy(sealed, 0, file, HEADER_LENGTH, sealed.length);
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts a sealed file's content, accepting scrypt costs up to {@link ScryptLimits#DEFAULT};
   * see {@link #open(byte[], SecretBytes, ScryptLimits)}.
   */
  public static SecretBytes open(byte[] file, SecretBytes passphrase) throws CryptoException {
    return open(file, passphrase, ScryptLimits.DEFAULT);
  }

  /**
   * Decrypts a sealed file's content. The scrypt cost the file names is checked against {@code
   * limits} before any key derivation, since it can only be authenticated afterwards.
   *
   * @param limits the largest scrypt cost to pay for this file
   * @return the secret; destroy it when done
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code passphrase} is destroyed
   * @throws CryptoException {@link CryptoError#INPUT_TOO_LARGE} if longer than {@link
   *     #MAX_FILE_SIZE}; {@link CryptoError#UNSUPPORTED_FORMAT} for a wrong magic, an unknown
   *     version or KDF, or scrypt parameters {@link ScryptParameters} cannot represent; {@link
   *     CryptoError#SCRYPT_COST_TOO_HIGH} if the scrypt cost exceeds {@code limits}; {@link
   *     CryptoError#CORRUPT_DATA} if truncated, extended or a field is out of range; {@link
   *     CryptoError#DECRYPTION_FAILED} if the passphrase is wrong or the content was altered
   */
  public static SecretBytes open(byte[] file, SecretBytes passphrase, ScryptLimits limits)
      throws CryptoException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(limits, "limits");
    ScryptParameters params = parseHeader(file, limits);
    byte[] header = Arrays.copyOf(file, HEADER_LENGTH);
    byte[] key = deriveKey(passphrase, header, params);
    byte[] plaintext = null;
    try {
      plaintext = gcm(Cipher.DECRYPT_MODE, key, header)
          .doFinal(file, HEADER_LENGTH, file.length - HEADER_LENGTH);
      return SecretBytes.copyOf(plaintext);
    } catch (AEADBadTagException e) {
      throw new CryptoException(
          CryptoError.DECRYPTION_FAILED, "wrong passphrase or altered key file");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * Seals {@code secret} and atomically replaces {@code path} with the result through {@link
   * AtomicFiles}: a crash leaves either the previous file or the new one, and temporaries left by
   * an earlier crash are removed first (see {@link #seal(SecretBytes, SecretBytes,
   * ScryptParameters, SecureRandom)} for the arguments).
   *
   * @throws CryptoException {@link CryptoError#IO_FAILURE} if writing fails
   */
  public static void write(
      Path path, SecretBytes secret, SecretBytes passphrase, ScryptParameters params)
      throws CryptoException {
    Objects.requireNonNull(path, "path");
    byte[] file = seal(secret, passphrase, params, RANDOM);
    try {
      AtomicFiles.write(path, file);
    } catch (IOException e) {
      throw new CryptoException(CryptoError.IO_FAILURE, "cannot write key file " + path, e);
    }
  }

  /**
   * Reads and opens a key file, accepting scrypt costs up to {@link ScryptLimits#DEFAULT}; see
   * {@link #read(Path, SecretBytes, ScryptLimits)}.
   */
  public static SecretBytes read(Path path, SecretBytes passphrase) throws CryptoException {
    return read(path, passphrase, ScryptLimits.DEFAULT);
  }

  /**
   * Reads and opens a key file. Its size is checked before its content is read. Temporary files
   * that a crash during an earlier {@link #write} left beside it are removed first (see {@link
   * AtomicFiles#removeStaleTemporaries}).
   *
   * @throws CryptoException {@link CryptoError#IO_FAILURE} if it cannot be read, otherwise as
   *     {@link #open(byte[], SecretBytes, ScryptLimits)}
   */
  public static SecretBytes read(Path path, SecretBytes passphrase, ScryptLimits limits)
      throws CryptoException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(limits, "limits");
    AtomicFiles.removeStaleTemporaries(path); // a leftover holds a sealed copy
    byte[] file;
    try {
      if (Files.size(path) > MAX_FILE_SIZE) {
        throw tooLarge();
      }
      try (InputStream in = Files.newInputStream(path)) {
        file = in.readNBytes(MAX_FILE_SIZE + 1); // the file may have grown since size()
      }
    } catch (IOException e) {
      throw new CryptoException(CryptoError.IO_FAILURE, "cannot read key file " + path, e);
    }
    return open(file, passphrase, limits);
  }

  private static byte[] header(ScryptParameters params, SecureRandom random, int secretLength) {
    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    return ByteBuffer.allocate(HEADER_LENGTH)
        .put(MAGIC)
        .put((byte) VERSION)
        .put((byte) KDF_SCRYPT)
        .put((byte) params.log2N())
        .put((byte) params.r())
        .put((byte) params.p())
        .put(salt)
        .put(nonce)
        .putShort((short) secretLength)
        .array();
  }

  /**
   * Validates everything but the ciphertext, in file order, so truncation is always CORRUPT_DATA;
   * the scrypt cost is checked against {@code limits} on the raw bytes, before anything else is
   * built or derived.
   */
  private static ScryptParameters parseHeader(byte[] file, ScryptLimits limits)
      throws CryptoException {
    if (file.length > MAX_FILE_SIZE) {
      throw tooLarge();
    }
    int magicBytes = Math.min(file.length, MAGIC.length);
    if (!Arrays.equals(file, 0, magicBytes, MAGIC, 0, magicBytes)) {
      throw new CryptoException(CryptoError.UNSUPPORTED_FORMAT, "not a PriWatt key file");
    }
    requireLength(file, MAGIC.length + 1);
    if (file[4] != VERSION) {
      throw new CryptoException(
          CryptoError.UNSUPPORTED_FORMAT, "unknown key file version " + (file[4] & 0xff));
    }
    requireLength(file, 6);
    if (file[5] != KDF_SCRYPT) {
      throw new CryptoException(CryptoError.UNSUPPORTED_FORMAT, "unknown KDF " + (file[5] & 0xff));
    }
    requireLength(file, HEADER_LENGTH);
    int log2N = file[6] & 0xff;
    int r = file[7] & 0xff;
    int p = file[8] & 0xff;
    if (log2N == 0 || r == 0 || p == 0) {
      throw new CryptoException(CryptoError.CORRUPT_DATA, "zero scrypt parameter");
    }
    String problem = ScryptParameters.check(log2N, r, p);
    if (problem != null) {
      throw new CryptoException(CryptoError.UNSUPPORTED_FORMAT, problem);
    }
    limits.check(log2N, r, p);
    int secretLength = ((file[LENGTH_OFFSET] & 0xff) << 8) | (file[LENGTH_OFFSET + 1] & 0xff);
    if (secretLength > MAX_SECRET_LENGTH) {
      throw new CryptoException(CryptoError.CORRUPT_DATA, "secret length " + secretLength);
    }
    int expected = HEADER_LENGTH + secretLength + TAG_LENGTH;
    if (file.length != expected) {
      throw new CryptoException(
          CryptoError.CORRUPT_DATA, "key file is " + file.length + " bytes, expected " + expected);
    }
    return ScryptParameters.of(log2N, r, p, limits);
  }

  private static void requireLength(byte[] file, int length) throws CryptoException {
    if (file.length < length) {
      throw new CryptoException(CryptoError.CORRUPT_DATA, "key file truncated at " + file.length);
    }
  }

  private static CryptoException tooLarge() {
    return new CryptoException(
        CryptoError.INPUT_TOO_LARGE, "key file larger than " + MAX_FILE_SIZE + " bytes");
  }

  private static byte[] deriveKey(SecretBytes passphrase, byte[] header, ScryptParameters params) {
    byte[] pass = passphrase.copyBytes();
    try {
      byte[] salt = Arrays.copyOfRange(header, SALT_OFFSET, SALT_OFFSET + SALT_LENGTH);
      return SCrypt.generate(pass, salt, 1 << params.log2N(), params.r(), params.p(), 32);
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }

  private static Cipher gcm(int mode, byte[] key, byte[] header) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] nonce = Arrays.copyOfRange(header, NONCE_OFFSET, NONCE_OFFSET + NONCE_LENGTH);
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    cipher.updateAAD(header);
    return cipher;
  }
}
