package org.priwatt.chain.consensus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.CompactTarget;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.block.MainnetHeaders;
import org.priwatt.chain.block.TestChain;

class DifficultyAdjustmentTest {
  private static final DifficultyParameters BTC = DifficultyParameters.BITCOIN;

  /**
   * Bitcoin Core's pow_tests: get_next_work, get_next_work_pow_limit,
   * get_next_work_lower_limit_actual, get_next_work_upper_limit_actual (first-block time, last
   * block time, last bits, expected bits).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "get_next_work, 1261130161, 1262152739, 1d00ffff, 1d00d86a",
    "get_next_work_pow_limit, 1231006505, 1233061996, 1d00ffff, 1d00ffff",
    "get_next_work_lower_limit_actual, 1279008237, 1279297671, 1c05a3f4, 1c0168fd",
    "get_next_work_upper_limit_actual, 1263163443, 1269211443, 1c387f6f, 1d00e1fd",
  })
  void coreCalculateNextWorkRequiredVectors(
      String name, long firstTime, long lastTime, String lastBits, String expected) {
    int bits = DifficultyAdjustment.calculateNextBits(
        Integer.parseUnsignedInt(lastBits, 16), lastTime, firstTime, BTC);
    assertThat(Integer.toHexString(bits)).isEqualTo(expected);
  }

  @Test
  void realRetargetAt32256FromHeaders() throws Exception {
    BlockHeader last = MainnetHeaders.header(MainnetHeaders.BLOCK_32255);
    BlockHeader next = MainnetHeaders.header(MainnetHeaders.BLOCK_32256);
    TestChain chain = new TestChain()
        .put(30240, TestChain.timeOnly(MainnetHeaders.TIME_30240, 0x1d00ffff))
        .put(32255, last);
    int bits = DifficultyAdjustment.nextBits(chain, next.time(), BTC);
    assertThat(bits).isEqualTo(0x1d00d86a).isEqualTo(next.bits());
    // One block earlier is not a boundary: the bits carry over.
    TestChain before = new TestChain().put(32254, last);
    assertThat(DifficultyAdjustment.nextBits(before, next.time(), BTC)).isEqualTo(0x1d00ffff);
  }

  @Test
  void retargetsOnlyAtWindowBoundaries() {
    DifficultyParameters p = new DifficultyParameters(
        10, 60, BigInteger.ONE.shiftLeft(240).subtract(BigInteger.ONE), false, false);
    int bits = 0x1e00ffff;
    for (int tip = 0; tip < 40; tip++) {
      TestChain chain = new TestChain();
      // Blocks come twice as fast as intended.
      for (int h = Math.max(0, tip - 9); h <= tip; h++) {
        chain.put(h, TestChain.timeOnly(1_000_000L + 30L * h, bits));
      }
      int next = DifficultyAdjustment.nextBits(chain, 0, p);
      if ((tip + 1) % 10 == 0) {
        // Window spans 9 intervals of 30 s = 270 s against 600 s: target * 270 / 600.
        BigInteger expected = CompactTarget.ofBits(bits).toTarget()
            .multiply(BigInteger.valueOf(270)).divide(BigInteger.valueOf(600));
        assertThat(next).as("tip %d", tip).isEqualTo(CompactTarget.fromTarget(expected).bits())
            .isNotEqualTo(bits);
      } else {
        assertThat(next).as("tip %d", tip).isEqualTo(bits);
      }
    }
  }

  @Test
  void clampsToAQuarterAndFourTimesAndThePowLimit() {
    long span = BTC.targetTimespanSeconds();
    int bits = 0x1c05a3f4;
    BigInteger target = CompactTarget.ofBits(bits).toTarget();
    int fast = DifficultyAdjustment.calculateNextBits(bits, 1000, 1000, BTC);
    int quarter = DifficultyAdjustment.calculateNextBits(bits, 1000 + span / 4, 1000, BTC);
    assertThat(fast).isEqualTo(quarter)
        .isEqualTo(CompactTarget.fromTarget(target.divide(BigInteger.valueOf(4))).bits());
    int slow = DifficultyAdjustment.calculateNextBits(bits, 1000 + 100 * span, 1000, BTC);
    assertThat(slow).isEqualTo(CompactTarget.fromTarget(target.shiftLeft(2)).bits());
    // A negative timespan (clocks out of order) clamps to the quarter as well.
    assertThat(DifficultyAdjustment.calculateNextBits(bits, 0, 1000, BTC)).isEqualTo(quarter);
    // At the limit, slow blocks cannot make it easier.
    assertThat(DifficultyAdjustment.calculateNextBits(0x1d00ffff, 1000 + 4 * span, 1000, BTC))
        .isEqualTo(0x1d00ffff);
  }

  @Test
  void noRetargetingKeepsTheBits() {
    TestChain chain = new TestChain()
        .put(0, TestChain.timeOnly(1000, 0x207fffff))
        .put(2015, TestChain.timeOnly(1001, 0x207fffff));
    DifficultyParameters frozen = new DifficultyParameters(
        2016, 600, BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), false, true);
    assertThat(DifficultyAdjustment.nextBits(chain, 1002, frozen)).isEqualTo(0x207fffff);
  }

  @Test
  void minDifficultyBlocksAfterTwiceTheSpacing() {
    BigInteger limit = BigInteger.ONE.shiftLeft(236).subtract(BigInteger.ONE);
    DifficultyParameters testnetLike = new DifficultyParameters(10, 60, limit, true, false);
    int limitBits = testnetLike.powLimitBits().bits();
    int real = 0x1d00ffff;
    TestChain chain = new TestChain()
        .put(10, TestChain.timeOnly(10_000, real))
        .put(11, TestChain.timeOnly(10_060, real))
        .put(12, TestChain.timeOnly(10_500, limitBits))
        .put(13, TestChain.timeOnly(10_900, limitBits));
    // Late block: minimum difficulty allowed.
    assertThat(DifficultyAdjustment.nextBits(chain, 10_900 + 121, testnetLike))
        .isEqualTo(limitBits);
    // On time: back to the last real difficulty, skipping the min-difficulty blocks.
    assertThat(DifficultyAdjustment.nextBits(chain, 10_900 + 120, testnetLike)).isEqualTo(real);
    // The walk stops at a window boundary even if that block was min-difficulty.
    TestChain boundary = new TestChain()
        .put(10, TestChain.timeOnly(10_000, limitBits))
        .put(11, TestChain.timeOnly(10_500, limitBits));
    assertThat(DifficultyAdjustment.nextBits(boundary, 10_501, testnetLike)).isEqualTo(limitBits);
  }

  @Test
  void presetsAreConsistent() {
    assertThat(BTC.powLimitBits().bits()).isEqualTo(0x1d00ffff);
    assertThat(BTC.targetTimespanSeconds()).isEqualTo(14 * 24 * 3600);
    assertThat(DifficultyParameters.PRIWATT.powLimitBits().bits()).isEqualTo(0x1e0fffff);
    assertThat(DifficultyParameters.PRIWATT.targetTimespanSeconds()).isEqualTo(144 * 30);
    assertThat(DifficultyParameters.REGTEST.powLimitBits().bits()).isEqualTo(0x207fffff);
    assertThat(DifficultyParameters.REGTEST.noRetargeting()).isTrue();
    assertThat(DifficultyParameters.REGTEST.allowMinDifficultyBlocks()).isTrue();
  }

  @Test
  void rejectsInvalidParameters() {
    BigInteger limit = BTC.powLimit();
    assertThatThrownBy(() -> new DifficultyParameters(0, 600, limit, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DifficultyParameters(2016, 0, limit, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DifficultyParameters(2016, 600, BigInteger.ZERO, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    // 2^255 * 4 * timespan overflows 256 bits unless retargeting is off.
    BigInteger huge = BigInteger.ONE.shiftLeft(255);
    assertThatThrownBy(() -> new DifficultyParameters(2016, 600, huge, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new DifficultyParameters(2016, 600, huge, false, true).noRetargeting()).isTrue();
  }
}
