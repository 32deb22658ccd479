package org.priwatt.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * Hash functions used across PriWatt: SHA-1, SHA-256, double SHA-256, SHA-512, RIPEMD-160,
 * HASH160 and HMAC-SHA256/512.
 *
 * <p>SHA-1/2 go through the JDK's {@link MessageDigest}, which HotSpot backs with the CPU's SHA
 * instructions; RIPEMD-160, which the JDK lacks, comes from Bouncy Castle. Digest objects are not
 * thread-safe, so each thread keeps its own instances: the hot path allocates only its result.
 * All methods are thread-safe.
 */
public final class Hashes {
  private static final ThreadLocal<Digests> DIGESTS = ThreadLocal.withInitial(Digests::new);

  private Hashes() {}

  /** Per-thread digest instances; never shared between threads. */
  private static final class Digests {
    final MessageDigest sha1 = newDigest("SHA-1");
    final MessageDigest sha256 = newDigest("SHA-256");
    final MessageDigest sha512 = newDigest("SHA-512");
    final RIPEMD160Digest ripemd160 = new RIPEMD160Digest();
  }

  private static MessageDigest newDigest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks mandatory digest " + name, e);
    }
  }

  /** Returns SHA-256 of {@code data}. */
  public static byte[] sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  /** Returns SHA-256 of {@code data[offset, offset + length)}. */
  public static byte[] sha256(byte[] data, int offset, int length) {
    MessageDigest d = DIGESTS.get().sha256;
    d.update(data, offset, length);
    return d.digest();
  }

  /** Returns SHA-256 of the concatenation of {@code parts}, without copying them together. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest d = DIGESTS.get().sha256;
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  /** Returns SHA-256(SHA-256(data)), Bitcoin's hash for transactions, blocks and checksums. */
  public static byte[] sha256d(byte[] data) {
    return sha256d(data, 0, data.length);
  }

  /** Returns SHA-256(SHA-256(data[offset, offset + length))). */
  public static byte[] sha256d(byte[] data, int offset, int length) {
    MessageDigest d = DIGESTS.get().sha256;
    d.update(data, offset, length);
    byte[] first = d.digest();
    d.update(first);
    return d.digest();
  }

  /** Returns SHA-1 of {@code data}; only for Bitcoin script's OP_SHA1. */
  public static byte[] sha1(byte[] data) {
    MessageDigest d = DIGESTS.get().sha1;
    return d.digest(data);
  }

  /** Returns SHA-512 of {@code data}. */
  public static byte[] sha512(byte[] data) {
    return sha512(data, 0, data.length);
  }

  /** Returns SHA-512 of {@code data[offset, offset + length)}. */
  public static byte[] sha512(byte[] data, int offset, int length) {
    MessageDigest d = DIGESTS.get().sha512;
    d.update(data, offset, length);
    return d.digest();
  }

  /** Returns SHA-512 of the concatenation of {@code parts}. */
  public static byte[] sha512(byte[]... parts) {
    MessageDigest d = DIGESTS.get().sha512;
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  /** Returns SHA-512(SHA-512(data)), Bitmessage's object hash. */
  public static byte[] sha512d(byte[] data) {
    MessageDigest d = DIGESTS.get().sha512;
    byte[] first = d.digest(data);
    return d.digest(first);
  }

  /** Returns RIPEMD-160 of {@code data}. */
  public static byte[] ripemd160(byte[] data) {
    RIPEMD160Digest d = DIGESTS.get().ripemd160;
    d.update(data, 0, data.length);
    byte[] out = new byte[20];
    d.doFinal(out, 0);
    return out;
  }

  /** Returns RIPEMD-160(SHA-256(data)), Bitcoin's HASH160 for addresses. */
  public static byte[] hash160(byte[] data) {
    return ripemd160(sha256(data));
  }

  /** Returns HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    return hmac("HmacSHA256", key, data);
  }

  /** Returns HMAC-SHA512 of {@code data} under {@code key}. */
  public static byte[] hmacSha512(byte[] key, byte[] data) {
    return hmac("HmacSHA512", key, data);
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      // SecretKeySpec refuses an empty key; HMAC zero-pads keys, so one zero byte is equivalent.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }
}
