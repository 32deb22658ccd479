package org.priwatt.msg;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;

/**
 * The identifier of an object on the network: the first 32 bytes of SHA-512(SHA-512(object)),
 * nonce included (PyBitmessage {@code calculateInventoryHash}). Used in inv/getdata and as the key
 * of the object store. Immutable; toString is hex.
 */
public final class InventoryHash implements Comparable<InventoryHash> {
  /** Length of an inventory vector in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;
  private final int hash;

  private InventoryHash(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * Wraps 32 bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static InventoryHash fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("inventory hash must be 32 bytes");
    }
    return new InventoryHash(bytes.clone());
  }

  /** Computes the inventory hash of a complete encoded object. */
  public static InventoryHash of(byte[] encodedObject) {
    return new InventoryHash(Arrays.copyOf(Hashes.sha512d(encodedObject), LENGTH));
  }

  /** Returns a copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InventoryHash h && Arrays.equals(h.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(InventoryHash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
