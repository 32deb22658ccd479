package org.priwatt.chain.block;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;

/**
 * An immutable block: an 80-byte {@link BlockHeader} followed by a CompactSize count and the
 * transactions in legacy serialization, exactly as Bitcoin lays it out on the wire and on disk.
 *
 * <p>The Merkle root of the transaction ids (with Core's CVE-2012-2459 mutation flag) and the
 * serialized size are computed once, at construction; the block's hash is its header's hash.
 * Construction does not validate anything: a decoded block may carry a wrong Merkle root, no
 * coinbase or invalid transactions; {@code BlockValidator} decides. Thread-safe.
 *
 * <p>Decoding is bounded: the input may not exceed {@link #MAX_SIZE} bytes and the transaction
 * count is checked against the bytes remaining before any list is allocated.
 */
public final class Block {
  /**
   * The largest block the decoder accepts, in bytes: Bitcoin Core's {@code
   * MAX_BLOCK_SERIALIZED_SIZE}. A network's own, usually smaller, limit is a validation rule.
   */
  public static final int MAX_SIZE = 4_000_000;
  /** The smallest serialized transaction: version, two empty counts, lock time. */
  private static final int MIN_TX_SIZE = 10;
  /**
   * The block codec (little-endian); its decode failures are {@link DecodeException}s, which
   * {@link #parse(byte[])} reports as {@link ChainException}s.
   */
  public static final Codec<Block> CODEC = new BlockCodec();

  private final BlockHeader header;
  private final List<Transaction> transactions;
  private final MerkleRoot merkleRoot;
  private final int size;

  private Block(BlockHeader header, List<Transaction> transactions) {
    this.header = header;
    this.transactions = transactions;
    List<Sha256Hash> ids = new ArrayList<>(transactions.size());
    long total = BlockHeader.SIZE + ByteWriter.compactSizeLength(transactions.size());
    for (Transaction tx : transactions) {
      ids.add(tx.txId().hash());
      total += tx.size();
    }
    this.merkleRoot = MerkleTree.computeRoot(ids);
    this.size = (int) Math.min(total, Integer.MAX_VALUE);
  }

  /**
   * Returns a block of {@code header} and {@code transactions} as given; the header's Merkle
   * root is not checked against the transactions (see {@link #computedMerkleRoot()}).
   *
   * @throws NullPointerException if an argument or a transaction is null
   */
  public static Block of(BlockHeader header, List<Transaction> transactions) {
    Objects.requireNonNull(header, "header");
    return new Block(header, List.copyOf(transactions));
  }

  /**
   * Returns a block whose header is {@code template} with its Merkle root replaced by the root
   * of {@code transactions}: how a miner assembles a block before searching for a nonce.
   *
   * @throws NullPointerException if an argument or a transaction is null
   */
  public static Block assemble(BlockHeader template, List<Transaction> transactions) {
    Objects.requireNonNull(template, "template");
    Block draft = new Block(template, List.copyOf(transactions));
    return draft.withHeader(template.withMerkleRoot(draft.merkleRoot.root()));
  }

  /**
   * Decodes a block that fills {@code bytes} exactly.
   *
   * @throws ChainException {@link ChainError#OVERSIZED} above {@link #MAX_SIZE}, {@link
   *     ChainError#TRUNCATED}, {@link ChainError#LENGTH_OUT_OF_RANGE}, {@link
   *     ChainError#NON_CANONICAL_COMPACT_SIZE} or {@link ChainError#TRAILING_BYTES}
   */
  public static Block parse(byte[] bytes) throws ChainException {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      throw new ChainException(e);
    }
  }

  /**
   * Returns this block's transactions under another header (a new nonce or time while
   * mining). The Merkle root is reused, not recomputed.
   */
  public Block withHeader(BlockHeader newHeader) {
    Objects.requireNonNull(newHeader, "newHeader");
    return new Block(newHeader, transactions, merkleRoot, size);
  }

  private Block(BlockHeader header, List<Transaction> txs, MerkleRoot root, int size) {
    this.header = header;
    this.transactions = txs;
    this.merkleRoot = root;
    this.size = size;
  }

  /** The header. */
  public BlockHeader header() {
    return header;
  }

  /** The block's hash: its header's hash. */
  public BlockHash hash() {
    return header.hash();
  }

  /** The transactions in block order, unmodifiable. */
  public List<Transaction> transactions() {
    return transactions;
  }

  /** The first transaction (the coinbase of a valid block), if there is one. */
  public Transaction coinbase() {
    if (transactions.isEmpty()) {
      throw new IllegalStateException("block has no transactions");
    }
    return transactions.get(0);
  }

  /**
   * The Merkle root of this block's txids as computed, with the CVE-2012-2459 mutation flag;
   * compare with {@code header().merkleRoot()}.
   */
  public MerkleRoot computedMerkleRoot() {
    return merkleRoot;
  }

  /** Whether the header's Merkle root equals the root of the transactions. */
  public boolean merkleRootMatches() {
    return merkleRoot.root().equals(header.merkleRoot());
  }

  /** The serialized size in bytes. */
  public int size() {
    return size;
  }

  /** Returns the serialization. */
  public byte[] serialize() {
    ByteWriter w = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, size);
    CODEC.encode(this, w);
    return w.toByteArray();
  }

  /** Returns the serialization as lower-case hex. */
  public String toHex() {
    return Hex.encode(serialize());
  }

  /** Equal when headers and transaction lists are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Block
        && ((Block) o).header.equals(header)
        && ((Block) o).transactions.equals(transactions);
  }

  @Override
  public int hashCode() {
    return header.hashCode();
  }

  @Override
  public String toString() {
    return "Block{hash=" + hash() + ", prev=" + header.prevBlock() + ", txs="
        + transactions.size() + ", size=" + size + "}";
  }

  private static final class BlockCodec implements Codec<Block> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(Block block, ByteWriter out) {
      BlockHeader.CODEC.encode(block.header, out);
      out.compactSize(block.transactions.size());
      for (Transaction tx : block.transactions) {
        Transaction.CODEC.encode(tx, out);
      }
    }

    @Override
    public Block decode(ByteReader in) throws DecodeException {
      int start = in.position();
      BlockHeader header = BlockHeader.CODEC.decode(in);
      int count = in.count(LengthPrefix.COMPACT_SIZE, Transaction.MAX_COUNT, MIN_TX_SIZE);
      List<Transaction> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        txs.add(Transaction.CODEC.decode(in));
      }
      if (in.position() - start > MAX_SIZE) {
        throw in.failure(DecodeError.OVERSIZED, "block exceeds " + MAX_SIZE);
      }
      return new Block(header, Collections.unmodifiableList(txs));
    }

    @Override
    public int maxSize() {
      return MAX_SIZE;
    }
  }
}
