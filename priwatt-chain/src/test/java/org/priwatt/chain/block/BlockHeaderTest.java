package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.consensus.internal.HeaderValidator;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

class BlockHeaderTest {

  static Stream<MainnetHeaders.Row> mainnet() {
    return Stream.concat(MainnetHeaders.FIRST_BLOCKS.stream(),
        Stream.of(MainnetHeaders.BLOCK_32255, MainnetHeaders.BLOCK_32256));
  }

  @ParameterizedTest
  @MethodSource("mainnet")
  void mainnetHeaderParsesHashesAndMeetsItsTarget(MainnetHeaders.Row row) throws Exception {
    BlockHeader h = BlockHeader.parseHex(row.headerHex());
    assertThat(h.hash()).isEqualTo(BlockHash.fromHex(row.hash()));
    assertThat(h.hash().toString()).isEqualTo(row.hash());
    assertThat(Hex.encode(h.serialize())).isEqualTo(row.headerHex());
    assertThat(h.version()).isEqualTo(1);
    assertThat(h.meetsOwnTarget()).isTrue();
    HeaderValidator.of(DifficultyParameters.BITCOIN).checkProofOfWork(h);
  }

  @Test
  void genesisFieldsAreTheWellKnownOnes() {
    BlockHeader g = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    assertThat(g.prevBlock()).isEqualTo(BlockHash.ZERO);
    assertThat(g.merkleRoot().toReversedHex())
        .isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    assertThat(g.time()).isEqualTo(1231006505L);
    assertThat(g.bits()).isEqualTo(0x1d00ffff);
    assertThat(Integer.toUnsignedLong(g.nonce())).isEqualTo(2083236893L);
    assertThat(g.toString()).contains(g.hash().toString()).contains("0x1d00ffff");
  }

  @Test
  void firstBlocksLinkToTheirParentsAndAccumulateWork() {
    ChainWork work = ChainWork.ZERO;
    BlockHeader parent = null;
    for (MainnetHeaders.Row row : MainnetHeaders.FIRST_BLOCKS) {
      BlockHeader h = MainnetHeaders.header(row);
      if (parent != null) {
        assertThat(h.prevBlock()).isEqualTo(parent.hash());
        assertThat(h.time()).isGreaterThan(parent.time());
      }
      work = work.add(h.work());
      parent = h;
    }
    // Each 0x1d00ffff block adds 0x100010001; Core reports chainwork 0xb000b000b at height 10.
    assertThat(work.toHex()).isEqualTo(String.format("%064x", 0xb000b000bL));
    assertThat(MainnetHeaders.header(MainnetHeaders.BLOCK_32256).prevBlock())
        .isEqualTo(MainnetHeaders.header(MainnetHeaders.BLOCK_32255).hash());
  }

  @Test
  void everyTruncationIsATypedError() {
    byte[] full = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(1)).serialize();
    for (int len = 0; len < BlockHeader.SIZE; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> BlockHeader.parse(cut))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(BlockError.HEADER_LENGTH));
      ByteReader in = ByteReader.littleEndian(cut);
      assertThatThrownBy(() -> BlockHeader.CODEC.decode(in))
          .isInstanceOfSatisfying(DecodeException.class,
              e -> assertThat(e.error()).isEqualTo(DecodeError.TRUNCATED));
    }
    assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(full, 81)))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.HEADER_LENGTH));
  }

  @Test
  void readsConsecutiveHeadersFromOneReader() throws Exception {
    BlockHeader a = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(1));
    BlockHeader b = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(2));
    ByteWriter w = ByteWriter.littleEndian();
    BlockHeader.CODEC.encode(a, w);
    BlockHeader.CODEC.encode(b, w);
    ByteReader in = ByteReader.littleEndian(w.toByteArray());
    assertThat(BlockHeader.CODEC.decode(in)).isEqualTo(a);
    assertThat(BlockHeader.CODEC.decode(in)).isEqualTo(b);
    assertThat(in.remaining()).isZero();
    assertThat(BlockHeader.CODEC.encode(a)).isEqualTo(a.serialize()).hasSize(BlockHeader.SIZE);
  }

  @Test
  void randomHeadersRoundTrip() throws Exception {
    Random rnd = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] prev = new byte[32];
      byte[] merkle = new byte[32];
      rnd.nextBytes(prev);
      rnd.nextBytes(merkle);
      long time = rnd.nextLong() & BlockHeader.MAX_TIME;
      BlockHeader h = BlockHeader.of(rnd.nextInt(), BlockHash.fromBytes(prev), Sha256Hash.fromBytes(merkle),
          time, rnd.nextInt(), rnd.nextInt());
      BlockHeader back = BlockHeader.parse(h.serialize());
      assertThat(back).isEqualTo(h);
      assertThat(back.hash()).isEqualTo(h.hash());
      assertThat(back.time()).isEqualTo(time);
      assertThat(h.hash().hash()).isEqualTo(Sha256Hash.twiceOf(h.serialize()));
    }
  }

  @Test
  void timeIsAUint32() {
    BlockHeader g = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    assertThat(g.withTime(BlockHeader.MAX_TIME).time()).isEqualTo(0xffffffffL);
    assertThat(g.withTime(BlockHeader.MAX_TIME).serialize()[71]).isEqualTo((byte) 0xff);
    assertThatThrownBy(() -> g.withTime(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.withTime(1L << 32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withersChangeOnlyTheirFieldAndTheHash() {
    BlockHeader g = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    BlockHeader n = g.withNonce(g.nonce() + 1);
    assertThat(n.nonce()).isEqualTo(g.nonce() + 1);
    assertThat(n.hash()).isNotEqualTo(g.hash());
    assertThat(n.meetsOwnTarget()).isFalse();
    assertThat(n.withNonce(g.nonce())).isEqualTo(g);
    BlockHeader m = g.withMerkleRoot(Sha256Hash.ZERO);
    assertThat(m.merkleRoot()).isEqualTo(Sha256Hash.ZERO);
    assertThat(m.time()).isEqualTo(g.time());
  }

  @Test
  void blockHashOrdersNumerically() {
    BlockHash small = BlockHash.fromHex("00000000000000000000000000000000000000000000000000000000000000ff");
    BlockHash big = BlockHash.fromHex("0100000000000000000000000000000000000000000000000000000000000000");
    assertThat(small.compareTo(big)).isNegative();
    assertThat(small.toBigInteger()).isEqualTo(BigInteger.valueOf(255));
    assertThat(big.toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(248));
    assertThat(small.toBytes()[0]).isEqualTo((byte) 0xff);
  }
}
