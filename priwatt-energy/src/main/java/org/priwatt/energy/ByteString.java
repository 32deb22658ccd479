package org.priwatt.energy;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * An immutable string of bytes that is not secret (a signature, a MAC, a serialized transaction,
 * a message body), so records that carry one get value equality and a readable {@code toString}
 * for free. Secrets never go here: they live in {@link EnergySecret}.
 */
public final class ByteString {
  /** The empty string. */
  public static final ByteString EMPTY = new ByteString(new byte[0]);
  private static final int SHOWN = 16;

  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static ByteString of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** Whether it holds no byte. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteString b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex, shortened after {@value #SHOWN} bytes with the total length. */
  @Override
  public String toString() {
    if (bytes.length <= SHOWN) {
      return Hex.encode(bytes);
    }
    return Hex.encode(Arrays.copyOf(bytes, SHOWN)) + "...(" + bytes.length + " bytes)";
  }

  /** Whether {@code other} holds the same bytes as {@code bytes}. */
  public boolean contentEquals(byte[] other) {
    return Arrays.equals(bytes, Objects.requireNonNull(other, "other"));
  }
}
