package org.priwatt.chain;

import java.util.Objects;
import org.priwatt.crypto.Sha256Hash;

/**
 * The one implementation of the chain's 32-byte identifiers that are double SHA-256 digests
 * ({@link TxId}, {@link org.priwatt.chain.block.BlockHash}), so each is its own type (a txid
 * cannot be passed where a block hash is expected) without repeating the plumbing.
 *
 * <p>The bytes are kept in natural (digest output) order, as they appear inside serialized
 * outpoints and headers; {@link #toHex()} and {@link #toString()} show them byte-reversed, as
 * Bitcoin Core and block explorers do; ids compare as 256-bit little-endian numbers, which is
 * the order of their displayed hex (and, for a block hash, the proof-of-work order). Two ids are
 * equal when they are of the same type and hold the same digest.
 *
 * <p>Each subclass offers the same factories: {@code of(Sha256Hash)}, {@code fromBytes(byte[])}
 * (natural order) and {@code fromHex(String)} (display order), and a {@code ZERO} constant.
 * Immutable and thread-safe. Only {@link TxId} and {@link org.priwatt.chain.block.BlockHash}
 * extend it; the constructor is protected only because they live in different packages.
 *
 * @param <T> the concrete id type
 */
public abstract class HashId<T extends HashId<T>> implements Comparable<T> {
  private final Sha256Hash hash;

  /**
   * For the subclasses' factories.
   *
   * @throws NullPointerException if {@code hash} is null
   */
  protected HashId(Sha256Hash hash) {
    this.hash = Objects.requireNonNull(hash, "hash");
  }

  /** The digest, in natural byte order. */
  public final Sha256Hash hash() {
    return hash;
  }

  /** A copy of the natural-order bytes (as serialized). */
  public final byte[] toBytes() {
    return hash.toBytes();
  }

  /** Copies the natural-order bytes into {@code dest} at {@code offset}. */
  public final void copyTo(byte[] dest, int offset) {
    hash.copyTo(dest, offset);
  }

  /** Whether every byte is zero (the null outpoint's txid, the genesis block's parent). */
  public final boolean isZero() {
    return hash.equals(Sha256Hash.ZERO);
  }

  /** The 64-digit display form: the bytes reversed, lower-case hex. */
  public final String toHex() {
    return hash.toReversedHex();
  }

  /** Orders by value as a little-endian 256-bit number: the order of {@link #toHex()}. */
  @Override
  public final int compareTo(T o) {
    Sha256Hash other = o.hash();
    for (int i = Sha256Hash.LENGTH - 1; i >= 0; i--) {
      int c = Integer.compare(hash.byteAt(i) & 0xff, other.byteAt(i) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Equal when {@code o} is an id of the same type holding the same digest. */
  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((HashId<?>) o).hash.equals(hash);
  }

  @Override
  public final int hashCode() {
    return hash.hashCode();
  }

  /** The display form, as {@link #toHex()}. */
  @Override
  public final String toString() {
    return toHex();
  }
}
