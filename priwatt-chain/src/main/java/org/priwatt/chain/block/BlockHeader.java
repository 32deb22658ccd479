package org.priwatt.chain.block;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;

/**
 * An immutable Bitcoin-format block header: the 80 bytes that proof of work commits to.
 *
 * <p>Wire layout, all integers little-endian: version (int32), prevBlock (32 bytes, natural hash
 * order), merkleRoot (32 bytes), time (uint32 seconds since the Unix epoch), bits (compact
 * target), nonce (uint32). The hash (double SHA-256 of those 80 bytes) is computed once, at
 * construction, so a header can be shared freely between threads and used as a map key.
 *
 * <p>To vary the nonce or time while mining use {@link #withNonce(int)}/{@link #withTime(long)},
 * or {@link HeaderHasher} to avoid building a header per attempt.
 */
public final class BlockHeader {
  /** Serialized size in bytes. */
  public static final int SIZE = 80;
  /** Largest representable time: the field is an unsigned 32-bit number of seconds. */
  public static final long MAX_TIME = 0xffff_ffffL;

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
    return read(ByteBuffer.wrap(bytes));
  }

  /**
   * Decodes a header from 160 hex digits.
   *
   * @throws IllegalArgumentException if {@code hex} is not hex
   * @throws ChainException {@link BlockError#HEADER_LENGTH} if it is not 80 bytes
   */
  public static BlockHeader fromHex(String hex) throws ChainException {
    return parse(Hex.decode(Objects.requireNonNull(hex, "hex")));
  }

  /**
   * Reads one header from {@code buffer}'s position, advancing it by {@value #SIZE}. The
   * buffer's byte order is ignored (the format is little-endian) and left unchanged.
   *
   * @throws ChainException {@link BlockError#HEADER_TRUNCATED} if fewer than 80 bytes remain;
   *     the position is then unchanged
   */
  public static BlockHeader read(ByteBuffer buffer) throws ChainException {
    if (buffer.remaining() < SIZE) {
      throw new ChainException(
          BlockError.HEADER_TRUNCATED, "need " + SIZE + " bytes, have " + buffer.remaining());
    }
    ByteBuffer le = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    try {
      int version = le.getInt();
      byte[] prev = new byte[Sha256Hash.LENGTH];
      le.get(prev);
      byte[] merkle = new byte[Sha256Hash.LENGTH];
      le.get(merkle);
      long time = Integer.toUnsignedLong(le.getInt());
      int bits = le.getInt();
      int nonce = le.getInt();
      buffer.position(buffer.position() + SIZE);
      return new BlockHeader(
          version, BlockHash.wrap(prev), Sha256Hash.fromBytes(merkle), time, bits, nonce);
    } catch (BufferUnderflowException e) {
      // Unreachable after the remaining() check; kept so a bug surfaces as a typed error.
      throw new ChainException(BlockError.HEADER_TRUNCATED, "buffer ended inside header");
    }
  }

  /** Returns the 80-byte serialization. */
  public byte[] serialize() {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    writeTo(b);
    return b.array();
  }

  /**
   * Writes the 80-byte serialization at {@code buffer}'s position, advancing it.
   *
   * @throws java.nio.BufferOverflowException if fewer than 80 bytes remain
   */
  public void writeTo(ByteBuffer buffer) {
    ByteOrder order = buffer.order();
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    try {
      buffer.putInt(version);
      buffer.put(prevBlock.toBytes());
      buffer.put(merkleRoot.toBytes());
      buffer.putInt((int) time);
      buffer.putInt(bits);
      buffer.putInt(nonce);
    } finally {
      buffer.order(order);
    }
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
   * negative, overflowing or zero). Does not check a network's proof-of-work limit: see {@link
   * HeaderValidator#checkProofOfWork(BlockHeader)}.
   */
  public boolean meetsOwnTarget() {
    return compactTarget().isMetBy(hash);
  }

  /** Returns the chain work this header adds, 2^256 / (target + 1). */
  public ChainWork work() {
    return ChainWork.ofBlock(compactTarget());
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
