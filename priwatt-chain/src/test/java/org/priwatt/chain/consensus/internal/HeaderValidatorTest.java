package org.priwatt.chain.consensus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.ChainWork;
import org.priwatt.chain.block.CompactTarget;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.block.MainnetHeaders;
import org.priwatt.chain.block.TestChain;
import org.priwatt.crypto.Sha256Hash;

class HeaderValidatorTest {
  private static final HeaderValidator BTC = HeaderValidator.of(DifficultyParameters.BITCOIN);

  /** Pow limit 2^245 - 1: about 2,000 hashes per block, and retargeting cannot overflow. */
  private static DifficultyParameters easyParams() {
    return new DifficultyParameters(
        8, 60, BigInteger.ONE.shiftLeft(245).subtract(BigInteger.ONE), false, false);
  }

  private static final int EASY_BITS = easyParams().powLimitBits().bits();

  private static TestChain mainnetUpTo(int height) {
    TestChain chain = new TestChain();
    for (int h = 0; h <= height; h++) {
      chain.put(h, MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(h)));
    }
    return chain;
  }

  private static void assertRejected(ThrowingCheck check, BlockError expected) {
    assertThatThrownBy(check::run).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(expected));
  }

  @FunctionalInterface
  interface ThrowingCheck {
    void run() throws ChainException;
  }

  @Test
  void acceptsMainnetBlocksOneToTen() throws Exception {
    for (int h = 1; h <= 10; h++) {
      BlockHeader header = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(h));
      BTC.checkNext(header, mainnetUpTo(h - 1), header.time());
    }
  }

  @Test
  void acceptsTheFirstMainnetRetarget() throws Exception {
    BlockHeader last = MainnetHeaders.header(MainnetHeaders.BLOCK_32255);
    BlockHeader next = MainnetHeaders.header(MainnetHeaders.BLOCK_32256);
    TestChain chain = new TestChain()
        .put(30240, TestChain.timeOnly(MainnetHeaders.TIME_30240, 0x1d00ffff));
    // Heights 32245..32254 only feed the median time past: older placeholder times.
    for (int h = 32245; h < 32255; h++) {
      chain.put(h, TestChain.timeOnly(last.time() - 600L * (32255 - h), 0x1d00ffff));
    }
    chain.put(32255, last);
    BTC.checkNext(next, chain, next.time());
    // The same header still claiming the old difficulty is rejected.
    assertRejected(() -> BTC.checkNext(next.withMerkleRoot(Sha256Hash.ZERO), chain, next.time()),
        BlockError.HIGH_HASH);
  }

  @Test
  void rejectsEachContextualFailure() {
    TestChain chain = mainnetUpTo(4);
    BlockHeader five = MainnetHeaders.header(MainnetHeaders.FIRST_BLOCKS.get(5));
    assertRejected(() -> BTC.checkNext(five, mainnetUpTo(3), five.time()),
        BlockError.PREV_BLOCK_MISMATCH);
    assertRejected(() -> BTC.checkNext(five.withNonce(five.nonce() + 1), chain, five.time()),
        BlockError.HIGH_HASH);
    assertRejected(() -> BTC.checkNext(five, chain, five.time() - HeaderValidator.MAX_FUTURE_BLOCK_TIME - 1),
        BlockError.TIME_TOO_NEW);
    assertThatCode(() -> BTC.checkNext(five, chain, five.time() - HeaderValidator.MAX_FUTURE_BLOCK_TIME))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsWrongBitsAndOldTimeOnAMinedChain() {
    DifficultyParameters easy = easyParams();
    HeaderValidator v = HeaderValidator.of(easy);
    TestChain chain = new TestChain().put(0,
        TestChain.mine(BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 1_000_000, EASY_BITS, 0)));
    BlockHeader tip = chain.tip();
    BlockHeader wrongBits = TestChain.mine(
        BlockHeader.of(1, tip.hash(), Sha256Hash.ZERO, tip.time() + 60, 0x1f00ffff, 0));
    assertRejected(() -> v.checkNext(wrongBits, chain, tip.time()), BlockError.BAD_DIFF_BITS);
    BlockHeader sameTime = TestChain.mine(
        BlockHeader.of(1, tip.hash(), Sha256Hash.ZERO, tip.time(), EASY_BITS, 0));
    assertRejected(() -> v.checkNext(sameTime, chain, tip.time()), BlockError.TIME_TOO_OLD);
  }

  @Test
  void followsDifficultyAcrossMinedRetargetWindows() throws Exception {
    DifficultyParameters easy = easyParams();
    HeaderValidator v = HeaderValidator.of(easy);
    TestChain chain = new TestChain().put(0,
        TestChain.mine(BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 1_000_000, EASY_BITS, 0)));
    ChainWork work = chain.tip().work();
    for (int h = 1; h <= 24; h++) {
      BlockHeader tip = chain.tip();
      long time = tip.time() + 15; // four times faster than the 60 s spacing
      int bits = DifficultyAdjustment.nextBits(chain, time, easy);
      if (h % 8 == 0) {
        // Maximal step: a quarter of the previous target.
        BigInteger quarter = tip.compactTarget().toTarget().shiftRight(2);
        assertThat(bits).as("height %d", h).isEqualTo(CompactTarget.fromTarget(quarter).bits());
      } else {
        assertThat(bits).as("height %d", h).isEqualTo(tip.bits());
      }
      BlockHeader next = TestChain.mine(BlockHeader.of(
          1, tip.hash(), Sha256Hash.of(new byte[] {(byte) h}), time, bits, 0));
      v.checkNext(next, chain, time);
      chain.put(h, next);
      work = work.add(next.work());
    }
    // Three quarterings: each block of the last window is worth 64 times a first-window block.
    // (Work is 2^256 / (target + 1), so the ratio is 64 up to integer rounding.)
    assertThat(chain.tip().work().toBigInteger().divide(chain.headerAt(1).work().toBigInteger()))
        .isEqualTo(BigInteger.valueOf(64));
    assertThat(work.toBigInteger()).isPositive();
  }

  @Test
  void proofOfWorkRespectsThePowLimit() {
    BlockHeader easy = TestChain.mine(
        BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 1_000_000, 0x207fffff, 0));
    assertRejected(() -> BTC.checkProofOfWork(easy), BlockError.TARGET_ABOVE_POW_LIMIT);
    assertThatCode(() -> HeaderValidator.of(DifficultyParameters.REGTEST).checkProofOfWork(easy))
        .doesNotThrowAnyException();
    BlockHeader negative = BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 0, 0x04923456, 0);
    assertRejected(() -> BTC.checkProofOfWork(negative), BlockError.TARGET_NEGATIVE);
    BlockHeader zero = BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 0, 0x01003456, 0);
    assertRejected(() -> BTC.checkProofOfWork(zero), BlockError.TARGET_ZERO);
    BlockHeader overflow = BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, 0, 0xff123456, 0);
    assertRejected(() -> BTC.checkProofOfWork(overflow), BlockError.TARGET_OVERFLOW);
    assertThat(BTC.params()).isSameAs(DifficultyParameters.BITCOIN);
  }
}
