package org.priwatt.chain.block;

import java.math.BigInteger;
import org.priwatt.chain.HashId;
import org.priwatt.chain.block.internal.Uint256;
import org.priwatt.crypto.Sha256Hash;

/**
 * The double SHA-256 of an 80-byte block header: a block's identity.
 *
 * <p>A newtype over {@link Sha256Hash} (see {@link HashId}) so a block hash cannot be passed where
 * a txid or Merkle node is expected. Bytes are kept in natural (digest output) order, as they
 * appear inside a serialized header's prevBlock field; {@link #toString()} shows Bitcoin's
 * byte-reversed display form ({@code 000000000019d6...} for the genesis block). For proof of work
 * the hash is read as a little-endian 256-bit number ({@link #toBigInteger()}), which is also the
 * order of {@link #compareTo}.
 */
public final class BlockHash extends HashId<BlockHash> {
  /** The all-zero hash: the genesis block's prevBlock. */
  public static final BlockHash ZERO = new BlockHash(Sha256Hash.ZERO);

  private BlockHash(Sha256Hash hash) {
    super(hash);
  }

  /**
   * Wraps a SHA-256d digest in natural byte order.
   *
   * @throws NullPointerException if {@code hash} is null
   */
  public static BlockHash of(Sha256Hash hash) {
    return new BlockHash(hash);
  }

  /**
   * Wraps a copy of 32 natural-order bytes (as found in a header's prevBlock field).
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static BlockHash fromBytes(byte[] bytes) {
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

  /** Returns the hash read as an unsigned little-endian 256-bit number, for target checks. */
  public BigInteger toBigInteger() {
    return Uint256.fromLittleEndian(hash().toBytes());
  }
}
