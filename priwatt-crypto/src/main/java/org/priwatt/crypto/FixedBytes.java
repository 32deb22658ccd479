package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one implementation of the SDK's fixed-length byte values (digests and identifiers such as
 * {@link Sha256Hash} and msg's {@code InventoryHash}), so each stays its own type (an inventory
 * hash cannot be passed where a SHA-256 digest is expected) without repeating the plumbing:
 * immutable bytes, equal when of the same class with the same bytes, ordered as unsigned bytes
 * from the first, hashed once, shown as lower-case hex.
 *
 * <p>Subclasses are immutable final classes with static factories ({@code fromBytes}, {@code
 * fromHex}, ...) that hand the constructor an array nobody else holds. Thread-safe.
 *
 * @param <T> the concrete type, so {@link #compareTo} compares like with like
 */
public abstract class FixedBytes<T extends FixedBytes<T>> implements Comparable<T> {
  private final byte[] bytes;
  private final int hash;

  /**
   * Takes ownership of {@code bytes}: the caller must not keep or change the array.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  protected FixedBytes(byte[] bytes) {
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * A copy of {@code bytes} after checking it is {@code length} long: the argument check of a
   * {@code fromBytes} factory.
   *
   * @throws NullPointerException if {@code bytes} is null
   * @throws IllegalArgumentException if {@code bytes} is not {@code length} long; the message
   *     names {@code what}
   */
  protected static byte[] copyOfLength(byte[] bytes, int length, String what) {
    if (Objects.requireNonNull(bytes, "bytes").length != length) {
      throw new IllegalArgumentException(
          what + " must be " + length + " bytes, got " + bytes.length);
    }
    return bytes.clone();
  }

  /** The number of bytes. */
  public final int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public final byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * The byte at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not below {@link #length()}
   */
  public final byte byteAt(int index) {
    return bytes[index];
  }

  /**
   * Copies the bytes into {@code dest} at {@code offset}, without allocating.
   *
   * @throws IndexOutOfBoundsException if they do not fit there
   */
  public final void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, bytes.length);
  }

  /** The bytes as lower-case hex. */
  public final String toHex() {
    return Hex.encode(bytes);
  }

  /** Equal when {@code o} is of the same class and holds the same bytes. */
  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes<?>) o).bytes);
  }

  @Override
  public final int hashCode() {
    return hash;
  }

  /** Orders by the bytes, unsigned, first byte most significant. */
  @Override
  public final int compareTo(T o) {
    return Arrays.compareUnsigned(bytes, ((FixedBytes<?>) o).bytes);
  }

  /** The hex of {@link #toHex()}. */
  @Override
  public String toString() {
    return toHex();
  }
}
