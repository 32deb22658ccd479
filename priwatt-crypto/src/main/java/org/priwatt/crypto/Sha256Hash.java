package org.priwatt.crypto;

import java.util.Objects;

/**
 * An immutable 32-byte SHA-256 digest.
 *
 * <p>Bytes are kept in natural (digest output) order. Bitcoin displays transaction and block
 * hashes byte-reversed; {@link #toReversedHex()} and {@link #fromReversedHex(String)} give that
 * form, {@link #toString()} the natural one. Chain-level newtypes ({@code TxId}, {@code BlockHash})
 * wrap this type and display reversed. Equality, order and hex come from {@link FixedBytes}.
 */
public final class Sha256Hash extends FixedBytes<Sha256Hash> {
  /** Length of a SHA-256 digest in bytes. */
  public static final int LENGTH = 32;
  /** The all-zero hash (Bitcoin's null prevout and genesis parent). */
  public static final Sha256Hash ZERO = new Sha256Hash(new byte[LENGTH]);

  private Sha256Hash(byte[] bytes) {
    super(bytes);
  }

  /**
   * Wraps a copy of {@code bytes} (natural order).
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Sha256Hash fromBytes(byte[] bytes) {
    return new Sha256Hash(copyOfLength(bytes, LENGTH, "SHA-256 hash"));
  }

  /**
   * Wraps a copy of {@code bytes} given in reversed (display) order.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Sha256Hash fromReversedBytes(byte[] reversed) {
    byte[] b = copyOfLength(reversed, LENGTH, "SHA-256 hash");
    reverse(b);
    return new Sha256Hash(b);
  }

  /**
   * Parses 64 hex digits in natural order.
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static Sha256Hash fromHex(String hex) {
    return new Sha256Hash(checkedHex(hex));
  }

  /**
   * Parses 64 hex digits in Bitcoin's reversed display order.
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static Sha256Hash fromReversedHex(String hex) {
    byte[] b = checkedHex(hex);
    reverse(b);
    return new Sha256Hash(b);
  }

  /** Hashes {@code data} once with SHA-256. */
  public static Sha256Hash of(byte[] data) {
    return new Sha256Hash(Hashes.sha256(data));
  }

  /** Hashes {@code data} twice with SHA-256. */
  public static Sha256Hash twiceOf(byte[] data) {
    return new Sha256Hash(Hashes.sha256d(data));
  }

  /** Hashes {@code data[offset, offset+length)} twice with SHA-256. */
  public static Sha256Hash twiceOf(byte[] data, int offset, int length) {
    return new Sha256Hash(Hashes.sha256d(data, offset, length));
  }

  private static byte[] checkedHex(String hex) {
    if (Objects.requireNonNull(hex, "hex").length() != 2 * LENGTH) {
      throw new IllegalArgumentException("SHA-256 hash must be 64 hex digits, got " + hex.length());
    }
    return Hex.decode(hex);
  }

  private static void reverse(byte[] b) {
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
  }

  /** Returns a copy of the bytes in reversed (display) order. */
  public byte[] toReversedBytes() {
    byte[] b = toBytes();
    reverse(b);
    return b;
  }

  /** Returns the reversed hex string Bitcoin shows for txids and block hashes. */
  public String toReversedHex() {
    return Hex.encode(toReversedBytes());
  }
}
