package org.priwatt.chain.consensus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.priwatt.chain.block.MainnetHeaders;
import org.priwatt.chain.block.TestChain;

class MedianTimePastTest {

  @Test
  void medianOfTheFirstMainnetBlocks() {
    TestChain chain = new TestChain();
    for (MainnetHeaders.Row row : MainnetHeaders.FIRST_BLOCKS) {
      chain.put(row.height(), MainnetHeaders.header(row));
    }
    // Heights 0..10 are in increasing time order: the median is block 5's time.
    assertThat(MedianTimePast.ofTip(chain)).isEqualTo(1231471428L);
    // Height 0 alone, and heights 0..1 (upper middle of two).
    assertThat(MedianTimePast.of(chain, 0)).isEqualTo(1231006505L);
    assertThat(MedianTimePast.of(chain, 1)).isEqualTo(1231469665L);
  }

  @Test
  void usesOnlyTheLastElevenAndSortsThem() {
    TestChain chain = new TestChain();
    long[] times = {5, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 1};
    for (int h = 0; h < times.length; h++) {
      chain.put(h, TestChain.timeOnly(times[h], 0x207fffff));
    }
    // Heights 1..11: {100, 90, ..., 10, 1} sorted -> index 5 is 50. Height 0 (time 5) is out.
    assertThat(MedianTimePast.of(chain, 11)).isEqualTo(50);
    assertThat(MedianTimePast.median(new long[] {3, 1, 2, 4})).isEqualTo(3);
  }

  @Test
  void rejectsBadInput() {
    TestChain chain = new TestChain().put(0, TestChain.timeOnly(1, 0x207fffff));
    assertThatThrownBy(() -> MedianTimePast.of(chain, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MedianTimePast.median(new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
