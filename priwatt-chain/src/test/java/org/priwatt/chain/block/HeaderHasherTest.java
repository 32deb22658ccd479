package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Sha256Hash;

class HeaderHasherTest {

  /**
   * The build runs this class twice: with the JDK's compression opened (surefire's argLine) and
   * with {@code -Dpriwatt.sha256.intrinsic=false}, so both hashing paths meet the same checks.
   */
  @Test
  void usesTheDirectCompressionExactlyWhenGranted() {
    boolean disabled = "false".equals(System.getProperty("priwatt.sha256.intrinsic"));
    boolean opened = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .stream().anyMatch(a -> a.contains("java.base/sun.security.provider"));
    HeaderHasher hasher = HeaderHasher.forTemplate(MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0)));
    assertThat(hasher.usesDirectCompression()).isEqualTo(opened && !disabled);
  }

  @Test
  void midstateHashEqualsTheHeaderHashForRandomTemplatesAndNonces() {
    Random rnd = new Random(11);
    for (int i = 0; i < 50; i++) {
      byte[] prev = new byte[32];
      byte[] merkle = new byte[32];
      rnd.nextBytes(prev);
      rnd.nextBytes(merkle);
      BlockHeader t = BlockHeader.of(rnd.nextInt(), BlockHash.fromBytes(prev), Sha256Hash.fromBytes(merkle),
          rnd.nextInt() & 0xffffffffL, 0x1d00ffff, 0);
      HeaderHasher hasher = HeaderHasher.forTemplate(t);
      assertThat(hasher.usesMidstate()).isTrue();
      for (int j = 0; j < 20; j++) {
        int nonce = rnd.nextInt();
        assertThat(hasher.hash(nonce)).isEqualTo(t.withNonce(nonce).hash());
      }
    }
  }

  @Test
  void findsTheGenesisNonce() {
    BlockHeader genesis = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    HeaderHasher hasher = HeaderHasher.forTemplate(genesis.withNonce(0));
    long nonce = Integer.toUnsignedLong(genesis.nonce());
    assertThat(hasher.meetsTarget(genesis.nonce())).isTrue();
    assertThat(hasher.meetsTarget(genesis.nonce() + 1)).isFalse();
    assertThat(hasher.hash(genesis.nonce())).isEqualTo(genesis.hash());
    assertThat(hasher.scan(nonce - 3000, nonce + 3000, () -> false)).hasValue(nonce);
    assertThat(hasher.scan(nonce + 1, nonce + 3000, () -> false)).isEmpty();
  }

  @Test
  void everyMainnetHeaderIsFoundByItsOwnNonce() {
    for (MainnetHeaders.Row row : MainnetHeaders.FIRST_BLOCKS) {
      BlockHeader h = MainnetHeaders.header(row);
      HeaderHasher hasher = HeaderHasher.forTemplate(h);
      assertThat(hasher.meetsTarget(h.nonce())).as("height %d", row.height()).isTrue();
    }
  }

  @Test
  void scanStopsWhenAsked() {
    BlockHeader hard = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(1)).withNonce(0);
    HeaderHasher hasher = HeaderHasher.forTemplate(hard);
    int[] polls = {0};
    OptionalLong r = hasher.scan(0, 1L << 32, () -> ++polls[0] > 3);
    assertThat(r).isEmpty();
    assertThat(polls[0]).isEqualTo(4);
  }

  @Test
  void rejectsUnusableTemplatesAndRanges() {
    BlockHeader g = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(0));
    HeaderHasher hasher = HeaderHasher.forTemplate(g);
    assertThatThrownBy(() -> hasher.scan(-1, 0, () -> false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.scan(5, 4, () -> false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.scan(0, (1L << 32) + 1, () -> false))
        .isInstanceOf(IllegalArgumentException.class);
    BlockHeader negative = BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 0, 0x04923456, 0);
    assertThatThrownBy(() -> HeaderHasher.forTemplate(negative))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
