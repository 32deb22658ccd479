package org.priwatt.energy;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.SecretBytes;

/**
 * A 32-byte energy secret issued by the DSO: an ownership secret bλ / aλ or a lock secret bz / az
 * (paper eq. 6, 9, 10).
 *
 * <p>Security: the content never appears in {@link #toString()} or logs; {@link #equals} runs in
 * constant time; {@link #destroy()} zeroes it. Holders prove knowledge with {@link #mac(byte[])}
 * (HMAC-SHA256 keyed by the secret, RFC 2104) instead of sending it. Thread-safe.
 */
public final class EnergySecret {
  /** Length of every energy secret in bytes. */
  public static final int LENGTH = 32;

  private final SecretBytes bytes;

  private EnergySecret(SecretBytes bytes) {
    this.bytes = bytes;
  }

  /**
   * A secret holding a copy of {@code secret32}; the caller should clear its array afterwards.
   *
   * @throws IllegalArgumentException if the length is not {@value #LENGTH}
   */
  public static EnergySecret fromBytes(byte[] secret32) {
    Objects.requireNonNull(secret32, "secret32");
    if (secret32.length != LENGTH) {
      throw new IllegalArgumentException("energy secret must be 32 bytes, got " + secret32.length);
    }
    return new EnergySecret(SecretBytes.copyOf(secret32));
  }

  /** A secret holding {@code digest}, whose array is cleared: for derivations that own their output. */
  public static EnergySecret adopt(byte[] digest) {
    try {
      return fromBytes(digest);
    } finally {
      Arrays.fill(digest, (byte) 0);
    }
  }

  /**
   * A copy of the secret bytes; the caller should clear it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] copyBytes() {
    return bytes.copyBytes();
  }

  /**
   * HMAC-SHA256 of {@code data} keyed by this secret: the proof of knowledge used in registry
   * requests.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] mac(byte[] data) {
    byte[] key = bytes.copyBytes();
    try {
      return Hashes.hmacSha256(key, data);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The public identifier of the registry entry this ownership secret controls. */
  public EntryId entryId() {
    return EntryId.of(this);
  }

  /** Zeroes the secret; every accessor throws afterwards. Idempotent. */
  public void destroy() {
    bytes.destroy();
  }

  /** True once destroyed. */
  public boolean isDestroyed() {
    return bytes.isDestroyed();
  }

  /** Constant-time comparison of the contents. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EnergySecret && bytes.equals(((EnergySecret) o).bytes);
  }

  /** Constant (depends on nothing secret). */
  @Override
  public int hashCode() {
    return LENGTH;
  }

  /** Never shows the content. */
  @Override
  public String toString() {
    return "EnergySecret[redacted]";
  }
}
