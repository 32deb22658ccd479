package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.Sha256Hash;

class MerkleTreeTest {
  /** Mainnet block 100000: four txids and the header's Merkle root (display hex). */
  private static final List<Sha256Hash> BLOCK_100000 = List.of(
      Sha256Hash.fromReversedHex("8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87"),
      Sha256Hash.fromReversedHex("fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4"),
      Sha256Hash.fromReversedHex("6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4"),
      Sha256Hash.fromReversedHex("e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d"));
  private static final Sha256Hash ROOT_100000 =
      Sha256Hash.fromReversedHex("f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766");

  private static List<Sha256Hash> randomLeaves(Random rnd, int n) {
    List<Sha256Hash> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      leaves.add(Sha256Hash.fromBytes(b));
    }
    return leaves;
  }

  @Test
  void rootOfMainnetBlock100000() {
    MerkleRoot r = MerkleTree.computeRoot(BLOCK_100000);
    assertThat(r.root()).isEqualTo(ROOT_100000);
    assertThat(r.mutated()).isFalse();
  }

  @Test
  void singleLeafIsItsOwnRootAndEmptyIsZero() {
    BlockHeader genesis = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    assertThat(MerkleTree.computeRoot(List.of(genesis.merkleRoot())).root())
        .isEqualTo(genesis.merkleRoot());
    assertThat(MerkleTree.computeRoot(List.of())).isEqualTo(new MerkleRoot(Sha256Hash.ZERO, false));
  }

  @Test
  void detectsCve2012_2459Duplication() {
    Random rnd = new Random(3);
    for (int n = 2; n <= 12; n++) {
      List<Sha256Hash> leaves = randomLeaves(rnd, n);
      MerkleRoot honest = MerkleTree.computeRoot(leaves);
      assertThat(honest.mutated()).isFalse();
      if (n % 2 == 1) {
        // Appending a copy of the odd last leaf gives the same root, flagged as mutated.
        List<Sha256Hash> mutated = new ArrayList<>(leaves);
        mutated.add(leaves.get(n - 1));
        MerkleRoot m = MerkleTree.computeRoot(mutated);
        assertThat(m.root()).isEqualTo(honest.root());
        assertThat(m.mutated()).isTrue();
      }
    }
    // Core's example shape: [a b c d e f] and [a b c d e f e f] share a root; only the second
    // is mutated (duplicate pair one level up).
    List<Sha256Hash> six = randomLeaves(rnd, 6);
    List<Sha256Hash> eight = new ArrayList<>(six);
    eight.addAll(six.subList(4, 6));
    MerkleRoot m = MerkleTree.computeRoot(eight);
    assertThat(m.root()).isEqualTo(MerkleTree.computeRoot(six).root());
    assertThat(m.mutated()).isTrue();
  }

  @Test
  void branchesProveEveryLeafOfRandomTrees() {
    Random rnd = new Random(5);
    for (int n = 1; n <= 33; n++) {
      List<Sha256Hash> leaves = randomLeaves(rnd, n);
      Sha256Hash root = MerkleTree.computeRoot(leaves).root();
      for (int i = 0; i < n; i++) {
        MerkleBranch b = MerkleBranch.create(leaves, i);
        assertThat(b.index()).isEqualTo(i);
        assertThat(b.depth()).isEqualTo(MerkleBranch.depthFor(n));
        assertThat(b.rootFor(leaves.get(i))).isEqualTo(root);
        assertThat(b.verify(leaves.get(i), root)).isTrue();
        assertThat(b.verify(leaves.get(i), root, n)).isTrue();
        assertThat(b.verify(leaves.get((i + 1) % n), root)).isEqualTo(n == 1);
        assertThat(b.verify(leaves.get(i), root, n + n)).isEqualTo(MerkleBranch.depthFor(2L * n) == b.depth());
      }
    }
  }

  @Test
  void branchForMainnetBlock100000() {
    MerkleBranch b = MerkleBranch.create(BLOCK_100000, 2);
    assertThat(b.siblings()).containsExactly(BLOCK_100000.get(3),
        MerkleTree.hashPair(BLOCK_100000.get(0), BLOCK_100000.get(1)));
    assertThat(b.verify(BLOCK_100000.get(2), ROOT_100000, 4)).isTrue();
    MerkleBranch wrongIndex = MerkleBranch.of(b.siblings(), 3);
    assertThat(wrongIndex.verify(BLOCK_100000.get(2), ROOT_100000)).isFalse();
    // An inner node presented as a leaf of a shallower tree fails the depth check.
    MerkleBranch inner = MerkleBranch.of(List.of(b.siblings().get(1)), 1);
    Sha256Hash node = MerkleTree.hashPair(BLOCK_100000.get(2), BLOCK_100000.get(3));
    assertThat(inner.verify(node, ROOT_100000)).isTrue();
    assertThat(inner.verify(node, ROOT_100000, 4)).isFalse();
  }

  @Test
  void branchEncodingRoundTripsAndRejectsEveryTruncation() throws Exception {
    Random rnd = new Random(9);
    List<Sha256Hash> leaves = randomLeaves(rnd, 13);
    for (int i = 0; i < leaves.size(); i++) {
      MerkleBranch b = MerkleBranch.create(leaves, i);
      byte[] enc = b.serialize();
      assertThat(MerkleBranch.parse(enc)).isEqualTo(b);
      for (int len = 0; len < enc.length; len++) {
        byte[] cut = Arrays.copyOf(enc, len);
        assertThatThrownBy(() -> MerkleBranch.parse(cut))
            .isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.failure()).isEqualTo(BlockError.MERKLE_BRANCH_MALFORMED));
      }
      byte[] longer = Arrays.copyOf(enc, enc.length + 1);
      assertThatThrownBy(() -> MerkleBranch.parse(longer))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(BlockError.MERKLE_BRANCH_MALFORMED));
    }
  }

  @Test
  void branchDecodingBoundsDepthAndIndex() {
    // Depth 255 is refused before any hash is read.
    byte[] deep = {0, 0, 0, 0, (byte) 255};
    assertThatThrownBy(() -> MerkleBranch.parse(deep))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.MERKLE_BRANCH_TOO_DEEP));
    byte[] badIndex = new byte[5 + 32];
    badIndex[0] = 2; // index 2 with depth 1
    badIndex[4] = 1;
    assertThatThrownBy(() -> MerkleBranch.parse(badIndex))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.MERKLE_BRANCH_MALFORMED));
    assertThatThrownBy(() -> MerkleBranch.of(List.of(Sha256Hash.ZERO), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleBranch.create(BLOCK_100000, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleBranch.create(BLOCK_100000, 0).verify(Sha256Hash.ZERO,
        Sha256Hash.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
