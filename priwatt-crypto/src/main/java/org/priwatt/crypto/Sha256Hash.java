package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 32-byte SHA-256 digest.
 *
 * <p>Bytes are kept in natural (digest output) order. Bitcoin displays transaction and block
 * hashes byte-reversed; {@link #toReversedHex()} and {@link #fromReversedHex(String)} give that
 * form, {@link #toString()} the natural one. Chain-level newtypes ({@code TxId}, {@code BlockHash})
 * wrap this type and display reversed.
 */
public final class Sha256Hash implements Comparable<Sha256Hash> {
  /** Length of a SHA-256 digest in bytes. */
  public static final int LENGTH = 32;
  /** The all-zero hash (Bitcoin's null prevout and genesis parent). */
  public static final Sha256Hash ZERO = new Sha256Hash(new byte[LENGTH]);

  private final byte[] bytes;
  private final int hash;

  private Sha256Hash(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * Wraps a copy of {@code bytes} (natural order).
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Sha256Hash wrap(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("SHA-256 hash must be 32 bytes, got " + bytes.length);
    }
    return new Sha256Hash(bytes.clone());
  }

  /** Wraps a copy of {@code bytes} given in reversed (display) order. */
  public static Sha256Hash wrapReversed(byte[] reversed) {
    Sha256Hash h = wrap(reversed);
    reverse(h.bytes);
    return new Sha256Hash(h.bytes);
  }

  /** Parses 64 hex digits in natural order. */
  public static Sha256Hash fromHex(String hex) {
    return new Sha256Hash(checkedHex(hex));
  }

  /** Parses 64 hex digits in Bitcoin's reversed display order. */
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
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
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

  /** Returns a copy of the bytes in natural order. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Returns a copy of the bytes in reversed (display) order. */
  public byte[] toReversedBytes() {
    byte[] b = bytes.clone();
    reverse(b);
    return b;
  }

  /** Copies the natural-order bytes into {@code dest} at {@code offset}, without allocating. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, LENGTH);
  }

  /** Returns the byte at {@code index} in natural order. */
  public byte byteAt(int index) {
    return bytes[index];
  }

  /** Returns the natural-order hex string. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** Returns the reversed hex string Bitcoin shows for txids and block hashes. */
  public String toReversedHex() {
    return Hex.encode(toReversedBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256Hash && Arrays.equals(bytes, ((Sha256Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Orders by natural-order bytes, unsigned. */
  @Override
  public int compareTo(Sha256Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Returns the natural-order hex. */
  @Override
  public String toString() {
    return toHex();
  }
}
