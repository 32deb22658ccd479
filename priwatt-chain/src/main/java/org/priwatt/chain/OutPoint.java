package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * A reference to one output of a previous transaction: its txid and the output's index, an
 * unsigned 32-bit number. Serialized as 32 txid bytes (natural order) and a little-endian index.
 */
public final class OutPoint {
  /** The index value of the null outpoint. */
  public static final long NULL_INDEX = 0xffffffffL;
  /** The null outpoint (zero txid, index 0xffffffff) that a coinbase input spends. */
  public static final OutPoint NULL = new OutPoint(TxId.ZERO, NULL_INDEX);
  /** Serialized size in bytes. */
  public static final int SIZE = 36;
  /** The outpoint codec. */
  public static final Codec<OutPoint> CODEC = new OutPointCodec();

  private final TxId txId;
  private final long index;

  private OutPoint(TxId txId, long index) {
    this.txId = txId;
    this.index = index;
  }

  /**
   * Returns the outpoint naming output {@code index} of transaction {@code txId}.
   *
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, 2^32)}
   */
  public static OutPoint of(TxId txId, long index) {
    Objects.requireNonNull(txId, "txId");
    if (index < 0 || index > NULL_INDEX) {
      throw new IllegalArgumentException("outpoint index out of uint32 range: " + index);
    }
    return new OutPoint(txId, index);
  }

  /** The id of the transaction holding the output. */
  public TxId txId() {
    return txId;
  }

  /** The output index, in {@code [0, 2^32)}. */
  public long index() {
    return index;
  }

  /** Whether this is the null outpoint (Core's {@code COutPoint::IsNull}). */
  public boolean isNull() {
    return index == NULL_INDEX && txId.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutPoint
        && ((OutPoint) o).index == index
        && ((OutPoint) o).txId.equals(txId);
  }

  @Override
  public int hashCode() {
    return txId.hashCode() * 31 + Long.hashCode(index);
  }

  /** Returns {@code txid:index} with the txid in display order. */
  @Override
  public String toString() {
    return txId + ":" + index;
  }

  private static final class OutPointCodec implements Codec<OutPoint> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(OutPoint value, ByteWriter out) {
      out.bytes(value.txId.toBytes());
      out.u32(value.index);
    }

    @Override
    public OutPoint decode(ByteReader in) throws DecodeException {
      byte[] id = in.bytes(32);
      return new OutPoint(TxId.fromBytes(id), in.u32());
    }

    @Override
    public int maxSize() {
      return SIZE;
    }
  }
}
