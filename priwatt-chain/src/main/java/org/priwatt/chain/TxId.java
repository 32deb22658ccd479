package org.priwatt.chain;

import java.util.Objects;
import org.priwatt.crypto.Sha256Hash;

/**
 * A transaction id: the double SHA-256 of the legacy serialization. Stored in natural (digest)
 * byte order, as it appears inside serialized outpoints; displayed byte-reversed, as Bitcoin
 * shows txids.
 */
public final class TxId implements Comparable<TxId> {
  /** The all-zero id, used by the null outpoint of a coinbase input. */
  public static final TxId ZERO = new TxId(Sha256Hash.ZERO);

  private final Sha256Hash hash;

  private TxId(Sha256Hash hash) {
    this.hash = hash;
  }

  /** Wraps a digest given in natural byte order. */
  public static TxId of(Sha256Hash hash) {
    return new TxId(Objects.requireNonNull(hash, "hash"));
  }

  /**
   * Wraps 32 bytes in natural (serialized) order.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static TxId fromBytes(byte[] bytes) {
    return new TxId(Sha256Hash.fromBytes(bytes));
  }

  /**
   * Parses the reversed display hex a block explorer or {@code bitcoin-cli} shows.
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static TxId fromHex(String displayHex) {
    return new TxId(Sha256Hash.fromReversedHex(displayHex));
  }

  /** The digest in natural byte order. */
  public Sha256Hash hash() {
    return hash;
  }

  /** A copy of the natural-order bytes (as serialized in an outpoint). */
  public byte[] toBytes() {
    return hash.toBytes();
  }

  /** Whether this is the all-zero id. */
  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public int compareTo(TxId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxId && ((TxId) o).hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  /** Returns the reversed (display) hex. */
  @Override
  public String toString() {
    return hash.toReversedHex();
  }
}
