package org.priwatt.chain.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Sha256Hash;

/**
 * Bitcoin's transaction Merkle tree: leaves are txids in natural byte order, each inner node is
 * SHA-256d of its two children concatenated, and a level with an odd number of nodes pairs its
 * last node with itself (Core's {@code ComputeMerkleRoot}).
 */
final class MerkleTree {
  private MerkleTree() {}

  /**
   * Computes the root of {@code leaves} and detects CVE-2012-2459 mutation.
   *
   * @param leaves txids (or other 32-byte leaves) in block order; not modified
   * @return the root and mutation flag; the zero hash for an empty list
   * @throws NullPointerException if the list or an element is null
   */
  static MerkleRoot computeRoot(List<Sha256Hash> leaves) {
    Objects.requireNonNull(leaves, "leaves");
    List<Sha256Hash> level = new ArrayList<>(leaves);
    for (Sha256Hash leaf : level) {
      Objects.requireNonNull(leaf, "leaf");
    }
    if (level.isEmpty()) {
      return new MerkleRoot(Sha256Hash.ZERO, false);
    }
    boolean mutated = false;
    while (level.size() > 1) {
      for (int i = 0; i + 1 < level.size(); i += 2) {
        if (level.get(i).equals(level.get(i + 1))) {
          mutated = true;
        }
      }
      level = parentLevel(level);
    }
    return new MerkleRoot(level.get(0), mutated);
  }

  /** Hashes pairs of {@code level}, pairing an odd last node with itself. */
  static List<Sha256Hash> parentLevel(List<Sha256Hash> level) {
    List<Sha256Hash> parents = new ArrayList<>((level.size() + 1) / 2);
    for (int i = 0; i < level.size(); i += 2) {
      Sha256Hash left = level.get(i);
      Sha256Hash right = i + 1 < level.size() ? level.get(i + 1) : left;
      parents.add(hashPair(left, right));
    }
    return parents;
  }

  /** Returns SHA-256d(left || right), one inner node. */
  static Sha256Hash hashPair(Sha256Hash left, Sha256Hash right) {
    byte[] buf = new byte[2 * Sha256Hash.LENGTH];
    left.copyTo(buf, 0);
    right.copyTo(buf, Sha256Hash.LENGTH);
    return Sha256Hash.fromBytes(Hashes.sha256d(buf));
  }
}
