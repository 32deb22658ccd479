package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.params.ChainParameters;

/**
 * Headers-first sync on the chain state: headers indexed before their blocks, blocks arriving in
 * any order and connecting once their ancestors are stored, the locator and the answer to a
 * peer's getheaders.
 */
class HeadersFirstTest {
  private final ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);
  private ChainState state;

  @BeforeEach
  void open() throws Exception {
    state = fx.openMemory();
  }

  @AfterEach
  void close() {
    state.close();
  }

  private List<Block> chain(int n, long seed) {
    Branch b = new Branch(fx, seed, fx.params.genesis().header(), 0, Map.of());
    for (int i = 0; i < n; i++) {
      b.next(0);
    }
    return b.blocks;
  }

  private static List<BlockHeader> headers(List<Block> blocks) {
    return blocks.stream().map(Block::header).toList();
  }

  @Test
  void headersAreIndexedBeforeTheirBlocksAndBlocksConnectInAnyOrder() throws Exception {
    List<Block> blocks = chain(6, 1);
    BlockIndexEntry last = state.acceptHeaders(headers(blocks));
    assertThat(last.height()).isEqualTo(6);
    assertThat(state.bestHeader().hash()).isEqualTo(blocks.get(5).hash());
    assertThat(state.height()).isZero();
    assertThat(state.hasBlock(blocks.get(0).hash())).isFalse();
    assertThat(state.blocksToDownload(1024, 100)).extracting(BlockIndexEntry::height)
        .containsExactly(1, 2, 3, 4, 5, 6);

    // The last blocks first: stored, waiting for their ancestors (before headers-first, a block
    // whose header was known came back DUPLICATE and was never stored).
    for (int i = 5; i >= 1; i--) {
      assertThat(state.submitBlock(blocks.get(i))).isEqualTo(BlockAcceptance.STORED);
      assertThat(state.hasBlock(blocks.get(i).hash())).isTrue();
    }
    assertThat(state.height()).isZero();
    assertThat(state.blocksToDownload(1024, 100)).extracting(BlockIndexEntry::height)
        .containsExactly(1);
    assertThat(state.submitBlock(blocks.get(0))).isEqualTo(BlockAcceptance.CONNECTED);
    assertThat(state.height()).isEqualTo(6);
    assertThat(state.tip().hash()).isEqualTo(blocks.get(5).hash());
    assertThat(state.blocksToDownload(1024, 100)).isEmpty();
    assertThat(state.submitBlock(blocks.get(3))).isEqualTo(BlockAcceptance.DUPLICATE);
  }

  @Test
  void theDownloadWindowAndCountAreBounded() throws Exception {
    List<Block> blocks = chain(20, 2);
    state.acceptHeaders(headers(blocks));
    assertThat(state.blocksToDownload(5, 100)).extracting(BlockIndexEntry::height)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(state.blocksToDownload(100, 3)).extracting(BlockIndexEntry::height)
        .containsExactly(1, 2, 3);
    state.submitBlock(blocks.get(0));
    state.submitBlock(blocks.get(1));
    assertThat(state.blocksToDownload(2, 100)).extracting(BlockIndexEntry::height)
        .containsExactly(3, 4);
  }

  @Test
  void knownHeadersAreSkippedAndTheResultIsTheLast() throws Exception {
    List<Block> blocks = chain(4, 3);
    state.acceptHeaders(headers(blocks.subList(0, 2)));
    BlockIndexEntry last = state.acceptHeaders(headers(blocks));
    assertThat(last.hash()).isEqualTo(blocks.get(3).hash());
    assertThat(state.acceptHeaders(List.of(blocks.get(1).header())).height()).isEqualTo(2);
  }

  @Test
  void badHeadersAreRefusedWithTheirRule() throws Exception {
    List<Block> blocks = chain(3, 4);
    BlockHeader first = blocks.get(0).header();
    BlockHeader easier = BlockHeader.of(first.version(), first.prevBlock(), first.merkleRoot(), first.time(),
        0x1d00ffff, first.nonce());
    assertThat(failure(() -> state.acceptHeaders(List.of(easier)))).isEqualTo(BlockError.BAD_DIFF_BITS);
    assertThat(failure(() -> state.acceptHeaders(List.of(blocks.get(1).header()))))
        .isEqualTo(BlockError.PREV_BLOCK_NOT_FOUND);
    BlockHeader tooNew = ChainFixture.mine(Block.of(first.withTime(ChainFixture.NOW + 3 * 3600), List.of()))
        .header();
    assertThat(failure(() -> state.acceptHeaders(List.of(tooNew)))).isEqualTo(BlockError.TIME_TOO_NEW);
    assertThat(state.entry(easier.hash())).isEmpty();
    assertThatThrownBy(() -> state.acceptHeaders(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headersOnAnInvalidBlockAreRefused() throws Exception {
    List<Block> blocks = chain(2, 5);
    Block bad = fx.block(fx.params.genesis().header(), 1, List.of(), fx.params.subsidyAt(1).sat() + 1,
        b -> b);
    state.acceptHeaders(List.of(bad.header()));
    assertThatThrownBy(() -> state.submitBlock(bad)).isInstanceOf(ChainException.class);
    assertThat(state.isInvalid(bad.hash())).isTrue();
    Block child = fx.block(bad.header(), 2, List.of());
    assertThat(failure(() -> state.acceptHeaders(List.of(child.header()))))
        .isEqualTo(BlockError.INVALID_ANCESTOR);
    assertThat(failure(() -> state.acceptHeaders(List.of(bad.header())))).isEqualTo(BlockError.KNOWN_INVALID);
    assertThat(state.bestHeader().hash()).isEqualTo(state.tip().hash());
    state.acceptHeaders(headers(blocks));
    assertThat(state.bestHeader().hash()).isEqualTo(blocks.get(1).hash());
  }

  @Test
  void theLocatorIsDenseThenExponentialAndEndsAtGenesis() throws Exception {
    List<Block> blocks = chain(100, 6);
    state.acceptHeaders(headers(blocks));
    List<BlockHash> loc = state.locator(state.bestHeader().hash());
    List<Integer> heights = new ArrayList<>();
    for (BlockHash h : loc) {
      heights.add(state.entry(h).orElseThrow().height());
    }
    assertThat(heights).containsExactly(100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 87, 83, 75, 59, 27, 0);
    assertThat(state.locator(fx.params.genesisHash())).containsExactly(fx.params.genesisHash());
    assertThatThrownBy(() -> state.locator(BlockHash.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void getheadersIsAnsweredFromTheForkWithTheBestChain() throws Exception {
    List<Block> blocks = chain(10, 7);
    for (Block b : blocks) {
      state.submitBlock(b);
    }
    List<BlockHash> peerAt4 = List.of(blocks.get(3).hash(), blocks.get(2).hash(), fx.params.genesisHash());
    assertThat(state.headersAfter(peerAt4, BlockHash.ZERO, 2000)).containsExactlyElementsOf(
        headers(blocks.subList(4, 10)));
    assertThat(state.headersAfter(peerAt4, blocks.get(6).hash(), 2000)).containsExactlyElementsOf(
        headers(blocks.subList(4, 7)));
    assertThat(state.headersAfter(peerAt4, BlockHash.ZERO, 3)).containsExactlyElementsOf(
        headers(blocks.subList(4, 7)));
    // A locator of unknown hashes falls back to the genesis block.
    assertThat(state.headersAfter(List.of(BlockHash.ZERO), BlockHash.ZERO, 2000)).hasSize(10);
    // A peer on a side branch: its locator meets the best chain at the fork.
    Block side = fx.block(blocks.get(4).header(), 6, List.of());
    state.submitBlock(side);
    assertThat(state.headersAfter(List.of(side.hash(), blocks.get(4).hash()), BlockHash.ZERO, 2000))
        .containsExactlyElementsOf(headers(blocks.subList(5, 10)));
    // A peer ahead of us: nothing to send.
    assertThat(state.headersAfter(List.of(blocks.get(9).hash()), BlockHash.ZERO, 2000)).isEmpty();
    assertThat(state.headersAfter(List.of(), blocks.get(2).hash(), 2000)).containsExactly(blocks.get(2).header());
    assertThat(state.headersAfter(List.of(), BlockHash.ZERO, 2000)).isEmpty();
  }

  @Test
  void aPeerLocatorAheadOfTheTipMeetsItAtTheTip() throws Exception {
    List<Block> blocks = chain(5, 8);
    state.submitBlock(blocks.get(0));
    state.submitBlock(blocks.get(1));
    state.acceptHeaders(headers(blocks));
    assertThat(state.headersAfter(List.of(blocks.get(4).hash()), BlockHash.ZERO, 2000)).isEmpty();
  }

  private static Object failure(ThrowingRunnable r) {
    try {
      r.run();
    } catch (ChainException e) {
      return e.failure();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no failure");
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
