package org.priwatt.chain.block;

import java.util.Objects;
import org.priwatt.crypto.Sha256Hash;

/**
 * A Merkle root as computed from a list of leaves ({@link Block#computedMerkleRoot()}): the root
 * and whether the leaf list shows the CVE-2012-2459 mutation.
 *
 * <p>{@code mutated} is true when some level holds two identical adjacent nodes at a pairing
 * position. Bitcoin pairs the last node of an odd level with itself, so a list ending in a
 * duplicated run yields the same root as the list without the duplicates; a block whose
 * transaction list is mutated this way must be rejected as invalid without marking its header
 * invalid, because the honest version of the block has the same header.
 *
 * @param root the Merkle root (the all-zero hash for an empty list, as Core)
 * @param mutated whether a duplicate pair was found (Core's {@code mutated} out-parameter)
 */
public record MerkleRoot(Sha256Hash root, boolean mutated) {
  /** Checks that {@code root} is present. */
  public MerkleRoot {
    Objects.requireNonNull(root, "root");
  }
}
