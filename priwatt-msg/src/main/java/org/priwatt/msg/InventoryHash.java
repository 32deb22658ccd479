package org.priwatt.msg;

import java.util.Arrays;
import org.priwatt.crypto.FixedBytes;
import org.priwatt.crypto.Hashes;

/**
 * The identifier of an object on the network: the first 32 bytes of SHA-512(SHA-512(object)),
 * nonce included (PyBitmessage {@code calculateInventoryHash}). Used in inv/getdata and as the key
 * of the object store. Immutable; equality, order and hex ({@code toString}) come from {@link
 * FixedBytes}.
 */
public final class InventoryHash extends FixedBytes<InventoryHash> {
  /** Length of an inventory vector in bytes. */
  public static final int LENGTH = 32;

  private InventoryHash(byte[] bytes) {
    super(bytes);
  }

  /**
   * Wraps a copy of 32 bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   * @throws NullPointerException if {@code bytes} is null
   */
  public static InventoryHash fromBytes(byte[] bytes) {
    return new InventoryHash(copyOfLength(bytes, LENGTH, "inventory hash"));
  }

  /** Computes the inventory hash of a complete encoded object. */
  public static InventoryHash of(byte[] encodedObject) {
    return new InventoryHash(Arrays.copyOf(Hashes.sha512d(encodedObject), LENGTH));
  }
}
