package org.priwatt.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECIES on secp256k1 in Bitmessage's wire format (pyelliptic {@code ECC.encrypt}), a sealed box:
 * anyone holding the recipient's public key can encrypt, only the private key decrypts, and the
 * sender stays anonymous (a fresh ephemeral key per message).
 *
 * <pre>
 *   IV (16) ‖ curve 0x02CA (2) ‖ len(X) (2) ‖ X ‖ len(Y) (2) ‖ Y ‖ ciphertext ‖ MAC (32)
 * </pre>
 * X and Y are the ephemeral public key's coordinates, big-endian without leading zero bytes as
 * OpenSSL writes them (the decoder accepts any length up to 32). The shared secret is the 32-byte
 * X coordinate of ephemeral·recipient; SHA-512 of it gives the AES-256 key (first 32 bytes) and
 * the HMAC key (last 32 bytes). The plaintext is AES-256-CBC encrypted with PKCS#7 padding, and
 * the MAC is HMAC-SHA256 over everything before it (IV, key and ciphertext: encrypt-then-MAC).
 *
 * <p>Security: {@link #decrypt} checks the MAC in constant time before touching the ciphertext
 * and reports every failure as an empty result, without exceptions on the expected path, because
 * a node trial-decrypts every message it sees against each of its keys and most attempts must
 * fail quickly and silently. Derived keys and the shared secret are zeroed after use (the JDK's
 * internal copies inside {@link SecretKeySpec} cannot be). Thread-safe.
 */
public final class Ecies {
  /** OpenSSL's curve id for secp256k1 (NID 714), written in every ciphertext. */
  public static final int CURVE_SECP256K1 = 0x02CA;
  /** Bytes of IV, MAC and the longest key header a ciphertext adds besides the encrypted body. */
  public static final int MAX_OVERHEAD = 16 + 2 + 2 + 32 + 2 + 32 + 32;
  private static final int IV_LENGTH = 16;
  private static final int MAC_LENGTH = 32;
  private static final int BLOCK = 16;
  private static final int MIN_LENGTH = IV_LENGTH + 6 + BLOCK + MAC_LENGTH;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> jce(() -> Mac.getInstance("HmacSHA256")));
  private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> jce(() -> Cipher.getInstance("AES/CBC/PKCS5Padding")));

  private Ecies() {}

  private interface JceFactory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T jce(JceFactory<T> f) {
    try {
      return f.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks a mandatory algorithm", e);
    }
  }

  /**
   * Encrypts {@code plaintext} to {@code recipient} with a fresh ephemeral key and IV.
   *
   * @throws NullPointerException if an argument is null
   */
  public static byte[] encrypt(EcPublicKey recipient, byte[] plaintext) {
    return encrypt(recipient, plaintext, RANDOM);
  }

  /**
   * Encrypts {@code plaintext} to {@code recipient}, drawing the ephemeral key and IV from
   * {@code random} (tests pass a seeded generator; production code uses the no-random overload).
   *
   * @throws NullPointerException if an argument is null
   */
  public static byte[] encrypt(EcPublicKey recipient, byte[] plaintext, SecureRandom random) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(plaintext, "plaintext");
    EcKey ephemeral = EcKey.generate(random);
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    byte[] shared = null;
    byte[] keys = null;
    try {
      shared = ephemeral.ecdhX(recipient);
      keys = Hashes.sha512(shared);
      Cipher aes = AES.get();
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(iv));
      byte[] body = aes.doFinal(plaintext);
      byte[] point = ephemeral.publicKey().uncompressedEncoding();
      byte[] x = stripZeros(Arrays.copyOfRange(point, 1, 33));
      byte[] y = stripZeros(Arrays.copyOfRange(point, 33, 65));
      int headerLength = IV_LENGTH + 2 + 2 + x.length + 2 + y.length;
      byte[] out = new byte[headerLength + body.length + MAC_LENGTH];
      System.arraycopy(iv, 0, out, 0, IV_LENGTH);
      int p = put16(out, IV_LENGTH, CURVE_SECP256K1);
      p = put16(out, p, x.length);
      System.arraycopy(x, 0, out, p, x.length);
      p = put16(out, p + x.length, y.length);
      System.arraycopy(y, 0, out, p, y.length);
      System.arraycopy(body, 0, out, headerLength, body.length);
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
      mac.update(out, 0, headerLength + body.length);
      mac.doFinal(out, headerLength + body.length);
      return out;
    } catch (GeneralSecurityException | CryptoException e) {
      // The recipient key is a validated curve point and the ephemeral scalar is in range.
      throw new IllegalStateException("ECIES encryption failed on valid input", e);
    } finally {
      ephemeral.destroy();
      wipe(shared);
      wipe(keys);
    }
  }

  /**
   * Decrypts {@code data} with {@code key}. Returns empty if the data is malformed, was not
   * encrypted to this key, or was altered (MAC mismatch); the three cannot be told apart.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code key} was destroyed
   */
  public static Optional<byte[]> decrypt(EcKey key, byte[] data) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    if (data.length < MIN_LENGTH) {
      return Optional.empty();
    }
    int p = IV_LENGTH;
    if (get16(data, p) != CURVE_SECP256K1) {
      return Optional.empty();
    }
    int xLen = get16(data, p + 2);
    if (xLen > 32 || p + 4 + xLen + 2 > data.length) {
      return Optional.empty();
    }
    int xOff = p + 4;
    int yLen = get16(data, xOff + xLen);
    int yOff = xOff + xLen + 2;
    int bodyOff = yOff + yLen;
    int bodyLen = data.length - MAC_LENGTH - bodyOff;
    if (yLen > 32 || bodyLen < BLOCK || bodyLen % BLOCK != 0) {
      return Optional.empty();
    }
    return open(key, ephemeralPoint(data, xOff, xLen, yOff, yLen), data, bodyOff, bodyLen);
  }

  private static Optional<byte[]> open(EcKey key, byte[] ephemeral, byte[] data, int bodyOff, int bodyLen) {
    byte[] shared = null;
    byte[] keys = null;
    byte[] expected = null;
    try {
      // Validates the untrusted point and multiplies in one backend call (no second parse).
      shared = key.ecdhXUntrusted(ephemeral);
      if (shared == null) {
        return Optional.empty();
      }
      keys = Hashes.sha512(shared);
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
      mac.update(data, 0, bodyOff + bodyLen);
      expected = mac.doFinal();
      if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, bodyOff + bodyLen, data.length))) {
        return Optional.empty();
      }
      Cipher aes = AES.get();
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(data, 0, IV_LENGTH));
      return Optional.of(aes.doFinal(data, bodyOff, bodyLen));
    } catch (GeneralSecurityException e) {
      // Bad padding under a valid MAC: the sender encrypted garbage. Reported like any failure.
      return Optional.empty();
    } finally {
      wipe(shared);
      wipe(keys);
      wipe(expected);
    }
  }

  /** The ephemeral key's 65-byte uncompressed encoding, not yet validated. */
  private static byte[] ephemeralPoint(byte[] data, int xOff, int xLen, int yOff, int yLen) {
    byte[] sec = new byte[65];
    sec[0] = 0x04;
    System.arraycopy(data, xOff, sec, 33 - xLen, xLen);
    System.arraycopy(data, yOff, sec, 65 - yLen, yLen);
    return sec;
  }

  private static byte[] stripZeros(byte[] b) {
    int i = 0;
    while (i < b.length - 1 && b[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(b, i, b.length);
  }

  private static int put16(byte[] out, int off, int v) {
    out[off] = (byte) (v >>> 8);
    out[off + 1] = (byte) v;
    return off + 2;
  }

  private static int get16(byte[] in, int off) {
    return ((in[off] & 0xff) << 8) | (in[off + 1] & 0xff);
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
