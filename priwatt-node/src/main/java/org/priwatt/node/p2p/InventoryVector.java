package org.priwatt.node.p2p;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.msg.InventoryHash;

/**
 * One inventory vector of inv, getdata and notfound: a type (uint32) and a 32-byte hash in
 * natural byte order. Types the node does not know are kept as received (and ignored), as
 * Bitcoin Core does.
 *
 * @param type {@link #MSG_TX}, {@link #MSG_BLOCK}, {@link #MSG_OBJECT} or another uint32 value
 * @param hash the hash: a txid, a block hash, or a Bitmessage inventory hash
 */
public record InventoryVector(long type, Sha256Hash hash) {
  /** A transaction, by txid. */
  public static final long MSG_TX = 1;
  /** A block, by block hash. */
  public static final long MSG_BLOCK = 2;
  /** A Bitmessage object, by inventory hash: PriWatt's own type ("PW", 1), unused by Bitcoin. */
  public static final long MSG_OBJECT = 0x50570001L;
  /** Encoded size, bytes. */
  public static final int SIZE = 36;
  /** The codec: {@value #SIZE} bytes. */
  public static final Codec<InventoryVector> CODEC = new VectorCodec();

  /**
   * Validates the type.
   *
   * @throws IllegalArgumentException if the type is not a uint32
   */
  public InventoryVector {
    Objects.requireNonNull(hash, "hash");
    if (type < 0 || type > 0xffff_ffffL) {
      throw new IllegalArgumentException("type " + type);
    }
  }

  /** The vector of a transaction. */
  public static InventoryVector tx(TxId id) {
    return new InventoryVector(MSG_TX, id.hash());
  }

  /** The vector of a block. */
  public static InventoryVector block(BlockHash hash) {
    return new InventoryVector(MSG_BLOCK, hash.hash());
  }

  /** The vector of a message object. */
  public static InventoryVector object(InventoryHash hash) {
    return new InventoryVector(MSG_OBJECT, Sha256Hash.fromBytes(hash.toBytes()));
  }

  /** The hash as a txid (meaningful for {@link #MSG_TX}). */
  public TxId txId() {
    return TxId.of(hash);
  }

  /** The hash as a block hash (meaningful for {@link #MSG_BLOCK}). */
  public BlockHash blockHash() {
    return BlockHash.of(hash);
  }

  /** The hash as an object's inventory hash (meaningful for {@link #MSG_OBJECT}). */
  public InventoryHash inventoryHash() {
    return InventoryHash.fromBytes(hash.toBytes());
  }

  @Override
  public String toString() {
    String kind = type == MSG_TX ? "tx" : type == MSG_BLOCK ? "block" : type == MSG_OBJECT ? "object"
        : "type" + type;
    return kind + ":" + (type == MSG_OBJECT ? hash.toString() : hash.toReversedHex());
  }

  private static final class VectorCodec implements Codec<InventoryVector> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int maxSize() {
      return SIZE;
    }

    @Override
    public void encode(InventoryVector v, ByteWriter out) {
      out.u32(v.type).bytes(v.hash.toBytes());
    }

    @Override
    public InventoryVector decode(ByteReader in) throws DecodeException {
      return new InventoryVector(in.u32(), Sha256Hash.fromBytes(in.bytes(Sha256Hash.LENGTH)));
    }
  }
}
