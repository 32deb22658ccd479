package org.priwatt.chain.block;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;

/**
 * A Merkle inclusion proof for one leaf: the sibling hashes from the leaf up to the root and the
 * leaf's position, enough for an SPV client holding only a block header to check that a
 * transaction is in the block (Core's {@code ComputeMerkleRootFromBranch}).
 *
 * <p>Security notes: a branch proves only that some 32-byte value sits at a leaf position of a
 * tree with the given root. Because a 64-byte transaction is indistinguishable from an inner
 * node, a verifier should also know the block's transaction count and check that the branch depth
 * matches it ({@link #verify(Sha256Hash, Sha256Hash, long)}); and a leaf that is its own sibling
 * may come from the odd-level duplication, not from a second copy of the transaction.
 *
 * <p>Encoding ({@link #serialize()}): index as uint32 little-endian, depth as one byte (at most
 * {@value #MAX_DEPTH}), then the siblings in natural byte order, leaf level first.
 */
public final class MerkleBranch {
  /** Largest depth accepted: a tree with 2^32 leaves, beyond any block. */
  public static final int MAX_DEPTH = 32;

  private final List<Sha256Hash> siblings;
  private final long index;

  private MerkleBranch(List<Sha256Hash> siblings, long index) {
    this.siblings = List.copyOf(siblings);
    this.index = index;
  }

  /**
   * Builds the branch for {@code leaves.get(index)}.
   *
   * @throws IllegalArgumentException if {@code index} is out of range
   */
  public static MerkleBranch create(List<Sha256Hash> leaves, int index) {
    Objects.requireNonNull(leaves, "leaves");
    if (index < 0 || index >= leaves.size()) {
      throw new IllegalArgumentException("index " + index + " outside " + leaves.size() + " leaves");
    }
    List<Sha256Hash> level = new ArrayList<>(leaves);
    List<Sha256Hash> path = new ArrayList<>();
    int pos = index;
    while (level.size() > 1) {
      int sibling = pos ^ 1;
      path.add(sibling < level.size() ? level.get(sibling) : level.get(pos));
      level = MerkleTree.parentLevel(level);
      pos >>= 1;
    }
    return new MerkleBranch(path, index);
  }

  /**
   * Wraps a branch received from elsewhere.
   *
   * @param siblings sibling hashes, leaf level first
   * @param index the leaf's position, {@code 0 <= index < 2^siblings.size()}
   * @throws IllegalArgumentException if the depth exceeds {@value #MAX_DEPTH} or the index does
   *     not fit the depth
   */
  public static MerkleBranch of(List<Sha256Hash> siblings, long index) {
    Objects.requireNonNull(siblings, "siblings");
    if (siblings.size() > MAX_DEPTH) {
      throw new IllegalArgumentException("branch deeper than " + MAX_DEPTH);
    }
    if (index < 0 || index >= (1L << siblings.size())) {
      throw new IllegalArgumentException("index " + index + " does not fit depth " + siblings.size());
    }
    return new MerkleBranch(siblings, index);
  }

  /**
   * Decodes the format of {@link #serialize()}.
   *
   * @throws ChainException {@link BlockError#MERKLE_BRANCH_TOO_DEEP} if the depth byte exceeds
   *     {@value #MAX_DEPTH} (checked before reading hashes), {@link
   *     BlockError#MERKLE_BRANCH_MALFORMED} if the bytes end early, carry trailing data or the
   *     index does not fit the depth
   */
  public static MerkleBranch parse(byte[] bytes) throws ChainException {
    ByteReader in = ByteReader.littleEndian(Objects.requireNonNull(bytes, "bytes"));
    try {
      long index = in.u32();
      int depth = in.u8();
      if (depth > MAX_DEPTH) {
        throw new ChainException(BlockError.MERKLE_BRANCH_TOO_DEEP, "depth " + depth);
      }
      if (in.remaining() != depth * Sha256Hash.LENGTH) {
        throw new ChainException(BlockError.MERKLE_BRANCH_MALFORMED,
            "depth " + depth + " needs " + depth * Sha256Hash.LENGTH + " bytes, have "
                + in.remaining());
      }
      if (index >= (1L << depth)) {
        throw new ChainException(BlockError.MERKLE_BRANCH_MALFORMED,
            "index " + index + " does not fit depth " + depth);
      }
      List<Sha256Hash> siblings = new ArrayList<>(depth);
      for (int i = 0; i < depth; i++) {
        siblings.add(Sha256Hash.fromBytes(in.bytes(Sha256Hash.LENGTH)));
      }
      return new MerkleBranch(siblings, index);
    } catch (DecodeException e) {
      throw new ChainException(BlockError.MERKLE_BRANCH_MALFORMED, e.getMessage(), e);
    }
  }

  /** Returns the encoding described in the class comment. */
  public byte[] serialize() {
    ByteWriter out = ByteWriter.of(ByteOrder.LITTLE_ENDIAN,
        5 + siblings.size() * Sha256Hash.LENGTH);
    out.u32(index).u8(siblings.size());
    for (Sha256Hash s : siblings) {
      out.bytes(s.toBytes());
    }
    return out.toByteArray();
  }

  /** Returns the sibling hashes, leaf level first (unmodifiable). */
  public List<Sha256Hash> siblings() {
    return siblings;
  }

  /** Returns the leaf's position in the block. */
  public long index() {
    return index;
  }

  /** Returns the number of levels, i.e. of siblings. */
  public int depth() {
    return siblings.size();
  }

  /** Returns the root obtained by hashing {@code leaf} up the branch. */
  public Sha256Hash rootFor(Sha256Hash leaf) {
    Objects.requireNonNull(leaf, "leaf");
    Sha256Hash node = leaf;
    long pos = index;
    for (Sha256Hash sibling : siblings) {
      node = (pos & 1) != 0 ? MerkleTree.hashPair(sibling, node) : MerkleTree.hashPair(node, sibling);
      pos >>>= 1;
    }
    return node;
  }

  /** Returns whether {@code leaf} at this branch's index leads to {@code root}. */
  public boolean verify(Sha256Hash leaf, Sha256Hash root) {
    return rootFor(leaf).equals(Objects.requireNonNull(root, "root"));
  }

  /**
   * Like {@link #verify(Sha256Hash, Sha256Hash)}, and also checks the branch is consistent with a
   * block of {@code leafCount} transactions: the index is below the count and the depth is that
   * of a tree with that many leaves, so an inner node cannot pass as a leaf.
   *
   * @throws IllegalArgumentException if {@code leafCount} is not positive
   */
  public boolean verify(Sha256Hash leaf, Sha256Hash root, long leafCount) {
    if (leafCount <= 0) {
      throw new IllegalArgumentException("leafCount must be positive: " + leafCount);
    }
    return index < leafCount && depth() == depthFor(leafCount) && verify(leaf, root);
  }

  /** Returns the tree depth for {@code leafCount} leaves: ceil(log2(leafCount)). */
  static int depthFor(long leafCount) {
    return leafCount <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(leafCount - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MerkleBranch && index == ((MerkleBranch) o).index
        && siblings.equals(((MerkleBranch) o).siblings);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + siblings.hashCode();
  }

  @Override
  public String toString() {
    return "MerkleBranch{index=" + index + ", depth=" + siblings.size() + "}";
  }
}
