package org.priwatt.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.Hex;

class ByteReaderTest {
  @ParameterizedTest
  @CsvSource({
    "0, 00",
    "252, fc",
    "253, fdfd00",
    "65535, fdffff",
    "65536, fe00000100",
    "4294967295, feffffffff",
    "4294967296, ff0000000001000000",
  })
  void compactSizeBoundaries(long value, String hex) throws ChainException {
    byte[] enc = new ByteWriter().writeCompactSize(value).toByteArray();
    assertThat(Hex.encode(enc)).isEqualTo(hex);
    assertThat(CompactSize.encodedLength(value)).isEqualTo(enc.length);
    assertThat(new ByteReader(enc).readCompactSize(Long.MAX_VALUE)).isEqualTo(value);
  }

  @Test
  void compactSizeRandomRoundTrip() throws ChainException {
    Random rnd = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long v = rnd.nextLong() >>> rnd.nextInt(64);
      ByteReader r = new ByteReader(new ByteWriter().writeCompactSize(v).toByteArray());
      assertThat(r.readCompactSize(-1L)).isEqualTo(v); // -1 is the unsigned maximum
      assertThat(r.remaining()).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource({"fdfc00", "fe00ff0000", "feffff0000", "ffffffffff00000000", "ff0000000000000000"})
  void nonMinimalCompactSizeIsRejected(String hex) {
    assertThatThrownBy(() -> new ByteReader(Hex.decode(hex)).readCompactSize(-1L))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.error()).isEqualTo(ChainError.NON_CANONICAL_COMPACT_SIZE));
  }

  @ParameterizedTest
  @CsvSource({"ffffffffffffffffff", "fe00000002", "fdff0f"})
  void hostileCountIsRejectedBeforeAllocation(String hex) {
    assertThatThrownBy(() -> new ByteReader(Hex.decode(hex + "0000")).readCount(41))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.error()).isEqualTo(ChainError.LENGTH_OUT_OF_RANGE));
  }

  @Test
  void hostileLengthPrefixIsRejected() {
    byte[] claimsHuge = Hex.decode("fe00000001" + "00");
    assertThatThrownBy(() -> new ByteReader(claimsHuge).readVarBytes(1000))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.error()).isEqualTo(ChainError.LENGTH_OUT_OF_RANGE));
    byte[] claimsMore = Hex.decode("fde803" + "00");
    assertThatThrownBy(() -> new ByteReader(claimsMore).readVarBytes(100_000))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.error()).isEqualTo(ChainError.TRUNCATED));
  }

  @Test
  void fixedWidthReadsAreLittleEndian() throws ChainException {
    ByteReader r = new ByteReader(Hex.decode("0102" + "ffffffff" + "0100000000000080" + "aa"));
    assertThat(r.readUint16Le()).isEqualTo(0x0201);
    assertThat(r.readUint32Le()).isEqualTo(0xffffffffL);
    assertThat(r.readInt64Le()).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(r.readUint8()).isEqualTo(0xaa);
    assertThatThrownBy(r::readUint8).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.error()).isEqualTo(ChainError.TRUNCATED));
  }
}
