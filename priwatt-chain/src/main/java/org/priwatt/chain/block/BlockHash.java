package org.priwatt.chain.block;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.chain.block.internal.Uint256;
import org.priwatt.crypto.Sha256Hash;

/**
 * The double SHA-256 of an 80-byte block header: a block's identity.
 *
 * <p>A newtype over {@link Sha256Hash} so a block hash cannot be passed where a txid or Merkle
 * node is expected. Bytes are kept in natural (digest output) order, as they appear inside a
 * serialized header's prevBlock field; {@link #toString()} shows Bitcoin's byte-reversed display
 * form ({@code 000000000019d6...} for the genesis block). For proof of work the hash is read as a
 * little-endian 256-bit number ({@link #toBigInteger()}).
 */
public final class BlockHash implements Comparable<BlockHash> {
  /** The all-zero hash: the genesis block's prevBlock. */
  public static final BlockHash ZERO = new BlockHash(Sha256Hash.ZERO);

  private final Sha256Hash hash;

  private BlockHash(Sha256Hash hash) {
    this.hash = hash;
  }

  /**
   * Wraps a SHA-256d digest in natural byte order.
   *
   * @throws NullPointerException if {@code hash} is null
   */
  public static BlockHash of(Sha256Hash hash) {
    return new BlockHash(Objects.requireNonNull(hash, "hash"));
  }

  /**
   * Wraps a copy of 32 natural-order bytes (as found in a header's prevBlock field).
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static BlockHash wrap(byte[] bytes) {
    return new BlockHash(Sha256Hash.fromBytes(bytes));
  }

  /**
   * Parses the 64-digit display form shown by explorers and Bitcoin Core's RPC (reversed bytes).
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static BlockHash fromHex(String hex) {
    return new BlockHash(Sha256Hash.fromReversedHex(hex));
  }

  /** Returns the underlying digest (natural byte order). */
  public Sha256Hash hash() {
    return hash;
  }

  /** Returns a copy of the natural-order bytes. */
  public byte[] toBytes() {
    return hash.toBytes();
  }

  /** Copies the natural-order bytes into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    hash.copyTo(dest, offset);
  }

  /** Returns the hash read as an unsigned little-endian 256-bit number, for target checks. */
  public BigInteger toBigInteger() {
    return Uint256.fromLittleEndian(hash.toBytes());
  }

  /** Returns the display (byte-reversed) hex. */
  public String toHex() {
    return hash.toReversedHex();
  }

  /** Orders by numeric value (as in proof-of-work comparisons). */
  @Override
  public int compareTo(BlockHash o) {
    return Uint256.compareLittleEndian(hash.toBytes(), o.hash.toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHash && hash.equals(((BlockHash) o).hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  /** Returns the display (byte-reversed) hex, as Bitcoin shows block hashes. */
  @Override
  public String toString() {
    return toHex();
  }
}
