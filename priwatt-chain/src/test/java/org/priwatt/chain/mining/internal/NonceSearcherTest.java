package org.priwatt.chain.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.crypto.Sha256Hash;

class NonceSearcherTest {
  /** Target about 2^240: one header in 65,536 qualifies, a few milliseconds of hashing. */
  private static final int MEDIUM_BITS = 0x1f00ffff;

  private static BlockHeader template(int bits) {
    return BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.of(new byte[] {1, 2, 3}),
        1_700_000_000L, bits, 0);
  }

  @Test
  void findsAHeaderMeetingItsTargetWithSeveralThreads() throws Exception {
    try (NonceSearcher searcher = NonceSearcher.create(2)) {
      BlockHeader t = template(MEDIUM_BITS);
      Optional<BlockHeader> found = searcher.search(t, TemplateRoller.giveUp());
      assertThat(found).isPresent();
      BlockHeader h = found.get();
      assertThat(h.meetsOwnTarget()).isTrue();
      assertThat(h.withNonce(0)).isEqualTo(t);
    }
  }

  @Test
  void rollsTheTimeWhenTheNonceRangeIsExhausted() throws Exception {
    BlockHeader t = template(MEDIUM_BITS);
    try (NonceSearcher searcher = NonceSearcher.create(2, 512)) {
      NonceSearch search = searcher.start(t, TemplateRoller.rollTime(t.time() + 100_000));
      BlockHeader h = search.await(60, TimeUnit.SECONDS).orElseThrow();
      assertThat(h.meetsOwnTarget()).isTrue();
      assertThat(Integer.toUnsignedLong(h.nonce())).isLessThan(512);
      assertThat(search.templates()).isEqualTo((int) (h.time() - t.time()) + 1);
      // Every earlier time had no qualifying nonce below 512.
      HeaderHasher earlier = HeaderHasher.forTemplate(h.withTime(h.time() - 1));
      if (h.time() > t.time()) {
        assertThat(earlier.scan(0, 512, () -> false)).isEmpty();
      }
      assertThat(search.isDone()).isTrue();
    }
  }

  @Test
  void rollsTheExtraNonceThroughTheMerkleRoot() throws Exception {
    BlockHeader t = template(MEDIUM_BITS);
    try (NonceSearcher searcher = NonceSearcher.create(2, 256)) {
      NonceSearch search = searcher.start(t, TemplateRoller.rollExtraNonce(1,
          extra -> extra > 100_000 ? null : Sha256Hash.of(Long.toString(extra).getBytes())));
      BlockHeader h = search.future().get(60, TimeUnit.SECONDS).orElseThrow();
      assertThat(h.meetsOwnTarget()).isTrue();
      assertThat(h.time()).isEqualTo(t.time());
      long extra = search.templates() - 1;
      assertThat(h.merkleRoot()).isEqualTo(extra == 0
          ? t.merkleRoot() : Sha256Hash.of(Long.toString(extra).getBytes()));
    }
    try (NonceSearcher searcher = NonceSearcher.create(1, 16)) {
      NonceSearch search = searcher.start(template(0x1d00ffff), TemplateRoller.rollExtraNonce(0,
          extra -> extra < 2 ? Sha256Hash.of(new byte[] {(byte) extra}) : null));
      assertThat(search.await(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(search.templates()).isEqualTo(3);
    }
  }

  @Test
  void givesUpWhenTheRollerHasNoMoreTemplates() throws Exception {
    BlockHeader hard = template(0x1d00ffff);
    try (NonceSearcher searcher = NonceSearcher.create(2, 64)) {
      NonceSearch search = searcher.start(hard, TemplateRoller.rollTime(hard.time() + 3));
      assertThat(search.await(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(search.templates()).isEqualTo(4);
      assertThat(search.hashes()).isEqualTo(4 * 64);
    }
  }

  @Test
  void stopEndsARunningSearch() throws Exception {
    try (NonceSearcher searcher = NonceSearcher.create(2)) {
      NonceSearch search = searcher.start(template(0x1d00ffff), TemplateRoller.giveUp());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (search.hashes() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(search.hashes()).isPositive();
      search.stop();
      assertThat(search.await(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(search.isStopRequested()).isTrue();
      assertThat(search.isDone()).isTrue();
    }
  }

  @Test
  void closeStopsSearchesAndRefusesNewOnes() throws Exception {
    NonceSearcher searcher = NonceSearcher.create(1);
    NonceSearch search = searcher.start(template(0x1d00ffff), TemplateRoller.giveUp());
    searcher.close();
    assertThat(search.await(10, TimeUnit.SECONDS)).isEmpty();
    assertThatThrownBy(() -> searcher.start(template(MEDIUM_BITS), TemplateRoller.giveUp()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailingRollerFailsTheSearch() throws Exception {
    try (NonceSearcher searcher = NonceSearcher.create(1, 8)) {
      NonceSearch search = searcher.start(template(0x1d00ffff), exhausted -> {
        throw new IllegalStateException("no coinbase");
      });
      assertThatThrownBy(() -> search.await(10, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("no coinbase");
      NonceSearch bad = searcher.start(template(0x1d00ffff),
          exhausted -> Optional.of(template(0x04923456)));
      assertThatThrownBy(() -> bad.await(10, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> NonceSearcher.create(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NonceSearcher.create(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NonceSearcher.create(1, (1L << 32) + 1))
        .isInstanceOf(IllegalArgumentException.class);
    try (NonceSearcher searcher = NonceSearcher.create(1)) {
      assertThatThrownBy(() -> searcher.start(template(0x04923456), TemplateRoller.giveUp()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(searcher.threads()).isEqualTo(1);
    }
  }
}
