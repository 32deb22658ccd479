package org.priwatt.chain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.chain.ChainException;

class CompactTargetTest {

  /**
   * Bitcoin Core's arith_uint256_tests bignum_SetCompact: input bits, decoded value (hex), the
   * value re-encoded with GetCompact(negative), negative flag, overflow flag.
   */
  @ParameterizedTest
  @CsvSource({
    "00000000, 0, 00000000, false, false",
    "00123456, 0, 00000000, false, false",
    "01003456, 0, 00000000, false, false",
    "02000056, 0, 00000000, false, false",
    "03000000, 0, 00000000, false, false",
    "04000000, 0, 00000000, false, false",
    "00923456, 0, 00000000, false, false",
    "01803456, 0, 00000000, false, false",
    "02800056, 0, 00000000, false, false",
    "03800000, 0, 00000000, false, false",
    "04800000, 0, 00000000, false, false",
    "01123456, 12, 01120000, false, false",
    "01fedcba, 7e, 01fe0000, true, false",
    "02123456, 1234, 02123400, false, false",
    "03123456, 123456, 03123456, false, false",
    "04123456, 12345600, 04123456, false, false",
    "04923456, 12345600, 04923456, true, false",
    "05009234, 92340000, 05009234, false, false",
    "20123456, 1234560000000000000000000000000000000000000000000000000000000000, 20123456, false, false",
  })
  void coreSetCompactVectors(String bits, String value, String reencoded, boolean negative,
      boolean overflow) {
    CompactTarget t = CompactTarget.ofBits(Integer.parseUnsignedInt(bits, 16));
    assertThat(t.toTarget()).isEqualTo(new BigInteger(value, 16));
    assertThat(t.isNegative()).isEqualTo(negative);
    assertThat(t.isOverflow()).isEqualTo(overflow);
    assertThat(CompactTarget.fromTarget(t.toTarget(), negative).bits())
        .isEqualTo(Integer.parseUnsignedInt(reencoded, 16));
  }

  @Test
  void coreOverflowVector() {
    CompactTarget t = CompactTarget.ofBits(0xff123456);
    assertThat(t.isNegative()).isFalse();
    assertThat(t.isOverflow()).isTrue();
    assertThat(t.work()).isZero();
    assertThatThrownBy(t::checkedTarget).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(BlockError.TARGET_OVERFLOW));
  }

  @Test
  void neverEncodesTheSignBitForAPositiveValue() {
    // Core: num = 0x80 must encode as 0x02008000, not 0x01800000 (which would read negative).
    assertThat(CompactTarget.fromTarget(BigInteger.valueOf(0x80)).bits()).isEqualTo(0x02008000);
  }

  @Test
  void overflowBoundaries() {
    // 34 bytes fit a 1-byte mantissa, 33 bytes a 2-byte one, 32 bytes a 3-byte one.
    assertThat(CompactTarget.ofBits(0x220000ff).isOverflow()).isFalse();
    assertThat(CompactTarget.ofBits(0x230000ff).isOverflow()).isTrue();
    assertThat(CompactTarget.ofBits(0x2100ffff).isOverflow()).isFalse();
    assertThat(CompactTarget.ofBits(0x2200ffff).isOverflow()).isTrue();
    assertThat(CompactTarget.ofBits(0x207fffff).isOverflow()).isFalse();
    assertThat(CompactTarget.ofBits(0x217fffff).isOverflow()).isTrue();
    // A zero mantissa never overflows nor is negative, whatever the exponent.
    assertThat(CompactTarget.ofBits(0xff800000).isOverflow()).isFalse();
    assertThat(CompactTarget.ofBits(0xff800000).isNegative()).isFalse();
  }

  @Test
  void checkedTargetRejectsNegativeAndZero() {
    assertThatThrownBy(() -> CompactTarget.ofBits(0x04923456).checkedTarget())
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.TARGET_NEGATIVE));
    assertThatThrownBy(() -> CompactTarget.ofBits(0x01003456).checkedTarget())
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(BlockError.TARGET_ZERO));
  }

  @Test
  void workMatchesCoreGetBlockProof() throws Exception {
    CompactTarget genesis = CompactTarget.ofBits(0x1d00ffff);
    assertThat(genesis.checkedTarget()).isEqualTo(new BigInteger("ffff", 16).shiftLeft(208));
    assertThat(genesis.work()).isEqualTo(BigInteger.valueOf(0x100010001L));
    // Target 2^255 - 1 (regtest-like): exactly 2 expected hashes.
    assertThat(CompactTarget.fromTarget(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE))
        .bits()).isEqualTo(0x207fffff);
    assertThat(CompactTarget.ofBits(0x207fffff).work()).isEqualTo(BigInteger.TWO);
    assertThat(CompactTarget.ofBits(0x04923456).work()).isZero();
    assertThat(CompactTarget.ofBits(0).work()).isZero();
  }

  @Test
  void randomTargetsRoundTripThroughTheirTruncation() {
    Random rnd = new Random(7);
    for (int i = 0; i < 2000; i++) {
      BigInteger value = new BigInteger(1 + rnd.nextInt(256), rnd);
      CompactTarget c = CompactTarget.fromTarget(value);
      BigInteger decoded = c.toTarget();
      assertThat(c.isNegative()).isFalse();
      assertThat(c.isOverflow()).isFalse();
      assertThat(decoded).isLessThanOrEqualTo(value);
      // Truncation keeps the top 16..24 significant bits.
      int dropped = Math.max(0, value.bitLength() - 16);
      assertThat(decoded.shiftRight(dropped)).isEqualTo(value.shiftRight(dropped));
      assertThat(CompactTarget.fromTarget(decoded)).isEqualTo(c);
    }
  }

  @Test
  void rejectsOutOfRangeTargets() {
    assertThatThrownBy(() -> CompactTarget.fromTarget(BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompactTarget.fromTarget(BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isMetByComparesTheHashAsANumber() {
    CompactTarget t = CompactTarget.ofBits(0x03123456);
    BlockHash at = BlockHash.fromHex(String.format("%064x", 0x123456));
    BlockHash above = BlockHash.fromHex(String.format("%064x", 0x123457));
    assertThat(t.isMetBy(at)).isTrue();
    assertThat(t.isMetBy(above)).isFalse();
    assertThat(CompactTarget.ofBits(0x04923456).isMetBy(BlockHash.ZERO)).isFalse();
    assertThat(t).hasToString("0x03123456");
  }

  @Test
  void chainWorkAccumulatesAndOrders() {
    ChainWork one = ChainWork.ofBlock(CompactTarget.ofBits(0x1d00ffff));
    ChainWork two = one.addBlock(CompactTarget.ofBits(0x1d00ffff));
    assertThat(two.toBigInteger()).isEqualTo(BigInteger.valueOf(0x200020002L));
    assertThat(two).isGreaterThan(one);
    assertThat(one.add(one)).isEqualTo(two);
    assertThat(ChainWork.ZERO.toHex()).hasSize(64);
    assertThatThrownBy(() -> ChainWork.of(BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
