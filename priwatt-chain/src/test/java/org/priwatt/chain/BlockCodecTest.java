package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteWriter;

/** Block codec round trips, truncation, bounded allocation, and differential tests vs bitcoinj. */
class BlockCodecTest {
  private static Block randomBlock(RandomTransactions gen) {
    int n = 1 + gen.random().nextInt(8);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(gen.transaction(3, 3));
    }
    byte[] prev = new byte[32];
    gen.random().nextBytes(prev);
    BlockHeader template = BlockHeader.of(gen.random().nextInt(), BlockHash.fromBytes(prev),
        org.priwatt.crypto.Sha256Hash.ZERO, Integer.toUnsignedLong(gen.random().nextInt()),
        gen.random().nextInt(), gen.random().nextInt());
    return Block.assemble(template, txs);
  }

  @Test
  void randomBlocksSerializeAndHashLikeBitcoinj() throws Exception {
    RandomTransactions gen = new RandomTransactions(0xb10c_0001L);
    for (int i = 0; i < 400; i++) {
      Block block = randomBlock(gen);
      byte[] bytes = block.serialize();
      assertThat(bytes).hasSize(block.size());
      org.bitcoinj.core.Block theirs = org.bitcoinj.core.Block.read(ByteBuffer.wrap(bytes));
      assertThat(Hex.encode(theirs.serialize())).isEqualTo(Hex.encode(bytes));
      assertThat(theirs.getHash().toString()).isEqualTo(block.hash().toString());
      Sha256Hash theirRoot = theirs.getMerkleRoot();
      assertThat(theirRoot.toString()).isEqualTo(block.header().merkleRoot().toReversedHex());
      assertThat(block.merkleRootMatches()).isTrue();
      assertThat(Block.parse(bytes)).isEqualTo(block);
    }
  }

  @Test
  void everyTruncationIsATypedError() throws Exception {
    Block block = randomBlock(new RandomTransactions(7));
    byte[] bytes = block.serialize();
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] part = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> Block.parse(part))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isIn(ChainError.TRUNCATED,
                  ChainError.LENGTH_OUT_OF_RANGE));
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> Block.parse(longer)).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(ChainError.TRAILING_BYTES));
  }

  @Test
  void hostileTransactionCountDoesNotAllocate() {
    ByteWriter w = ByteWriter.littleEndian();
    w.bytes(ChainParameters.REGTEST.genesis().header().serialize());
    w.compactSize(0x01ff_ffffL);
    byte[] bytes = w.toByteArray();
    assertThatThrownBy(() -> Block.parse(bytes)).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(ChainError.LENGTH_OUT_OF_RANGE));
    assertThatThrownBy(() -> Block.parse(new byte[Block.MAX_SIZE + 1]))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.OVERSIZED));
  }

  @Test
  void withHeaderKeepsTransactionsAndMutationIsDetected() {
    RandomTransactions gen = new RandomTransactions(9);
    Block block = randomBlock(gen);
    Block renonced = block.withHeader(block.header().withNonce(42));
    assertThat(renonced.transactions()).isEqualTo(block.transactions());
    assertThat(renonced.hash()).isNotEqualTo(block.hash());
    List<Transaction> three = List.of(gen.transaction(1, 1), gen.transaction(1, 1),
        gen.transaction(1, 1));
    List<Transaction> mutated = new ArrayList<>(three);
    mutated.add(three.get(2));
    Block honest = Block.assemble(block.header(), three);
    Block evil = Block.of(honest.header(), mutated);
    assertThat(evil.computedMerkleRoot().root()).isEqualTo(honest.header().merkleRoot());
    assertThat(evil.computedMerkleRoot().mutated()).isTrue();
    assertThat(honest.computedMerkleRoot().mutated()).isFalse();
  }
}
