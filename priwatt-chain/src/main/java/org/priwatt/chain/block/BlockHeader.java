package org.priwatt.chain.block;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * An immutable Bitcoin-format block header: the 80 bytes that proof of work commits to.
 *
 * <p>Wire layout, all integers little-endian: version (int32), prevBlock (32 bytes, natural hash
 * order), merkleRoot (32 bytes), time (uint32 seconds since the Unix epoch), bits (compact
 * target), nonce (uint32). The hash (double SHA-256 of those 80 bytes) is computed once, at
 * construction, so a header can be shared freely between threads and used as a map key.
 *
 * <p>To vary the nonce or time while mining use {@link #withNonce(int)}/{@link #withTime(long)},
 * or {@link HeaderHasher} to avoid building a header per attempt. A run of headers (a block, a
 * {@code headers} message) is read with {@link #CODEC} from one {@link ByteReader}.
 */
public final class BlockHeader {
  /** Serialized size in bytes. */
  public static final int SIZE = 80;
  /** Largest representable time: the field is an unsigned 32-bit number of seconds. */
  public static final long MAX_TIME = 0xffff_ffffL;
  /** The header codec: exactly {@value #SIZE} bytes, little-endian. */
  public static final Codec<BlockHeader> CODEC = new HeaderCodec();

  private final int version;
  private final BlockHash prevBlock;
  private final Sha256Hash merkleRoot;
  private final long time;
  private final int bits;
  private final int nonce;
  private final BlockHash hash;

  private BlockHeader(
      int version, BlockHash prevBlock, Sha256Hash merkleRoot, long time, int bits, int nonce) {
    this.version = version;
    this.prevBlock = prevBlock;
    this.merkleRoot = merkleRoot;
    this.time = time;
    this.bits = bits;
    this.nonce = nonce;
    this.hash = BlockHash.of(Sha256Hash.twiceOf(serialize()));
  }

  /**
   * Builds a header from its fields.
   *
   * @param version block version (signed, as in Bitcoin)
   * @param prevBlock hash of the parent header; {@link BlockHash#ZERO} for a genesis block
   * @param merkleRoot Merkle root of the block's transaction ids
   * @param time seconds since the Unix epoch, {@code 0..}{@value #MAX_TIME}
   * @param bits compact target ({@code nBits}), stored as given
   * @param nonce the 32-bit nonce (its bit pattern; Bitcoin treats it as unsigned)
   * @throws NullPointerException if a hash is null
   * @throws IllegalArgumentException if {@code time} is outside the uint32 range
   */
  public static BlockHeader of(
      int version, BlockHash prevBlock, Sha256Hash merkleRoot, long time, int bits, int nonce) {
    Objects.requireNonNull(prevBlock, "prevBlock");
    Objects.requireNonNull(merkleRoot, "merkleRoot");
    if (time < 0 || time > MAX_TIME) {
      throw new IllegalArgumentException("time must be a uint32, got " + time);
    }
    return new BlockHeader(version, prevBlock, merkleRoot, time, bits, nonce);
  }

  /**
   * Decodes exactly {@value #SIZE} bytes.
   *
   * @throws ChainException {@link BlockError#HEADER_LENGTH} if {@code bytes} is not 80 bytes
   */
  public static BlockHeader parse(byte[] bytes) throws ChainException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new ChainException(
          BlockError.HEADER_LENGTH, "header must be " + SIZE + " bytes, got " + bytes.length);
    }
    try {
      return CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      // Unreachable for exactly 80 bytes (every bit pattern is a header); kept typed.
      throw new ChainException(e);
    }
  }

  /**
   * Decodes a header from 160 hex digits (either case).
   *
   * @throws ChainException {@link ChainError#INVALID_HEX} if {@code hex} is not hex, {@link
   *     BlockError#HEADER_LENGTH} if it is not 80 bytes
   */
  public static BlockHeader parseHex(String hex) throws ChainException {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * SIZE) {
      throw new ChainException(BlockError.HEADER_LENGTH,
          "header must be " + 2 * SIZE + " hex digits, got " + hex.length());
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new ChainException(ChainError.INVALID_HEX, "not a hex string", e);
    }
    return parse(bytes);
  }

  /** Returns the 80-byte serialization. */
  public byte[] serialize() {
    ByteWriter w = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, SIZE);
    CODEC.encode(this, w);
    return w.toByteArray();
  }

  /** Returns the header's hash, computed once at construction. */
  public BlockHash hash() {
    return hash;
  }

  /** Returns the block version. */
  public int version() {
    return version;
  }

  /** Returns the parent block's hash. */
  public BlockHash prevBlock() {
    return prevBlock;
  }

  /** Returns the Merkle root of the block's transactions. */
  public Sha256Hash merkleRoot() {
    return merkleRoot;
  }

  /** Returns the timestamp, seconds since the Unix epoch, in {@code 0..}{@value #MAX_TIME}. */
  public long time() {
    return time;
  }

  /** Returns the raw compact target ({@code nBits}). */
  public int bits() {
    return bits;
  }

  /** Returns the compact target decoded with Core's flags. */
  public CompactTarget compactTarget() {
    return CompactTarget.ofBits(bits);
  }

  /** Returns the nonce's 32-bit pattern; see {@link Integer#toUnsignedLong(int)}. */
  public int nonce() {
    return nonce;
  }

  /** Returns a copy with another nonce. */
  public BlockHeader withNonce(int newNonce) {
    return new BlockHeader(version, prevBlock, merkleRoot, time, bits, newNonce);
  }

  /**
   * Returns a copy with another time.
   *
   * @throws IllegalArgumentException if {@code newTime} is outside the uint32 range
   */
  public BlockHeader withTime(long newTime) {
    return of(version, prevBlock, merkleRoot, newTime, bits, nonce);
  }

  /** Returns a copy with another Merkle root (after changing the coinbase's extra nonce). */
  public BlockHeader withMerkleRoot(Sha256Hash newRoot) {
    return of(version, prevBlock, newRoot, time, bits, nonce);
  }

  /**
   * Returns whether the hash meets the header's own target and that target is valid (not
   * negative, overflowing or zero). Does not check a network's proof-of-work limit ({@link
   * DifficultyParameters#powLimit()}), which the chain state checks.
   */
  public boolean meetsOwnTarget() {
    return compactTarget().isMetBy(hash);
  }

  /** Returns the chain work this header adds, 2^256 / (target + 1). */
  public ChainWork work() {
    return ChainWork.ofBlock(compactTarget());
  }

  private static final class HeaderCodec implements Codec<BlockHeader> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int maxSize() {
      return SIZE;
    }

    @Override
    public void encode(BlockHeader h, ByteWriter out) {
      out.i32(h.version).bytes(h.prevBlock.toBytes()).bytes(h.merkleRoot.toBytes())
          .u32(h.time).i32(h.bits).i32(h.nonce);
    }

    @Override
    public BlockHeader decode(ByteReader in) throws DecodeException {
      int version = in.i32();
      BlockHash prev = BlockHash.fromBytes(in.bytes(Sha256Hash.LENGTH));
      Sha256Hash merkle = Sha256Hash.fromBytes(in.bytes(Sha256Hash.LENGTH));
      return new BlockHeader(version, prev, merkle, in.u32(), in.i32(), in.i32());
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BlockHeader)) {
      return false;
    }
    BlockHeader h = (BlockHeader) o;
    return version == h.version && time == h.time && bits == h.bits && nonce == h.nonce
        && prevBlock.equals(h.prevBlock) && merkleRoot.equals(h.merkleRoot);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "BlockHeader{hash=" + hash + ", version=" + version + ", prevBlock=" + prevBlock
        + ", merkleRoot=" + merkleRoot.toReversedHex() + ", time=" + time + ", bits="
        + CompactTarget.ofBits(bits) + ", nonce=" + Integer.toUnsignedString(nonce) + "}";
  }
}
