package org.priwatt.chain;

import org.priwatt.crypto.Sha256Hash;

/**
 * A transaction id: the double SHA-256 of the legacy serialization. Stored in natural (digest)
 * byte order, as it appears inside serialized outpoints; displayed byte-reversed, as Bitcoin
 * shows txids (see {@link HashId}).
 */
public final class TxId extends HashId<TxId> {
  /** The all-zero id, used by the null outpoint of a coinbase input. */
  public static final TxId ZERO = new TxId(Sha256Hash.ZERO);

  private TxId(Sha256Hash hash) {
    super(hash);
  }

  /**
   * Wraps a digest given in natural byte order.
   *
   * @throws NullPointerException if {@code hash} is null
   */
  public static TxId of(Sha256Hash hash) {
    return new TxId(hash);
  }

  /**
   * Wraps a copy of 32 bytes in natural (serialized) order.
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
}
