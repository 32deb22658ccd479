package org.priwatt.crypto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shared reader and writer: round trips in both byte orders, canonical forms, bounds before allocation. */
class ByteCodecTest {
  @Provide
  Arbitrary<ByteOrder> orders() {
    return Arbitraries.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);
  }

  @Property
  void everyPrimitiveRoundTrips(@ForAll("orders") ByteOrder order, @ForAll @IntRange(min = 0, max = 255) int u8,
      @ForAll @IntRange(min = 0, max = 65535) int u16, @ForAll int i32, @ForAll long i64, @ForAll boolean b,
      @ForAll @Size(max = 300) byte[] bytes, @ForAll @StringLength(max = 80) String text,
      @ForAll long compact) throws DecodeException {
    long unsignedCompact = compact & Long.MAX_VALUE;
    byte[] enc = ByteWriter.of(order, 0).u8(u8).u16(u16).i32(i32).u32(i32 & 0xffffffffL).i64(i64).bool(b)
        .varBytes(LengthPrefix.COMPACT_SIZE, bytes).varBytes(LengthPrefix.U16, bytes).utf8(LengthPrefix.U32, text)
        .compactSize(unsignedCompact).toByteArray();
    ByteReader in = ByteReader.of(enc, order);
    assertThat(in.u8()).isEqualTo(u8);
    assertThat(in.u16()).isEqualTo(u16);
    assertThat(in.i32()).isEqualTo(i32);
    assertThat(in.u32()).isEqualTo(i32 & 0xffffffffL);
    assertThat(in.i64()).isEqualTo(i64);
    assertThat(in.bool()).isEqualTo(b);
    assertThat(in.varBytes(LengthPrefix.COMPACT_SIZE, 300)).isEqualTo(bytes);
    assertThat(in.varBytes(LengthPrefix.U16, 300)).isEqualTo(bytes);
    assertThat(in.utf8(LengthPrefix.U32, 1000)).isEqualTo(text);
    assertThat(in.compactSize(Long.MAX_VALUE)).isEqualTo(unsignedCompact);
    in.expectEnd();
  }

  @Property
  void truncationAtEveryOffsetIsTypedAndNamesTheOffset(@ForAll("orders") ByteOrder order,
      @ForAll @Size(max = 40) byte[] bytes, @ForAll long v) {
    byte[] enc = ByteWriter.of(order, 0).i64(v).varBytes(LengthPrefix.COMPACT_SIZE, bytes).u16(7).toByteArray();
    for (int cut = 0; cut < enc.length; cut++) {
      ByteReader in = ByteReader.of(enc, 0, cut, order);
      assertThatThrownBy(() -> {
        in.i64();
        in.varBytes(LengthPrefix.COMPACT_SIZE, 40);
        in.u16();
      }).isInstanceOfSatisfying(DecodeException.class, e -> {
        assertThat(e.error()).isIn(DecodeError.TRUNCATED, DecodeError.LENGTH_OUT_OF_RANGE);
        assertThat(e.offset()).isBetween(0, enc.length);
      });
    }
  }

  @Test
  void byteOrderIsTheOneAsked() throws DecodeException {
    assertThat(HexFormat.of().formatHex(ByteWriter.bigEndian().i32(0x01020304).toByteArray())).isEqualTo("01020304");
    assertThat(HexFormat.of().formatHex(ByteWriter.littleEndian().i32(0x01020304).toByteArray())).isEqualTo("04030201");
    // Bitcoin's CompactSize is little-endian, Bitmessage's var_int big-endian.
    assertThat(HexFormat.of().formatHex(ByteWriter.littleEndian().compactSize(0x1234).toByteArray())).isEqualTo("fd3412");
    assertThat(HexFormat.of().formatHex(ByteWriter.bigEndian().compactSize(0x1234).toByteArray())).isEqualTo("fd1234");
    assertThat(ByteReader.bigEndian(HexFormat.of().parseHex("fd1234")).compactSize(0xffff)).isEqualTo(0x1234);
  }

  @Property
  void compactSizeLengthIsWhatTheWriterWrites(@ForAll("orders") ByteOrder order, @ForAll long v) {
    assertThat(ByteWriter.compactSizeLength(v)).isEqualTo(ByteWriter.of(order, 0).compactSize(v).size());
  }

  @Test
  void compactSizeBoundariesInBitcoinsByteOrder() throws DecodeException {
    long[] values = {0, 0xfc, 0xfd, 0xffff, 0x10000, 0xffffffffL, 0x100000000L, -1L};
    String[] hex = {"00", "fc", "fdfd00", "fdffff", "fe00000100", "feffffffff", "ff0000000001000000",
        "ffffffffffffffffff"};
    for (int i = 0; i < values.length; i++) {
      byte[] enc = ByteWriter.littleEndian().compactSize(values[i]).toByteArray();
      assertThat(HexFormat.of().formatHex(enc)).isEqualTo(hex[i]);
      assertThat(ByteWriter.compactSizeLength(values[i])).isEqualTo(enc.length);
      assertThat(ByteReader.littleEndian(enc).compactSize(-1L)).isEqualTo(values[i]); // -1: unsigned maximum
    }
  }

  @Test
  void peekLooksAheadWithoutConsuming() throws DecodeException {
    ByteReader r = ByteReader.of(new byte[] {9, 0, 7, (byte) 0xff}, 1, 3, ByteOrder.LITTLE_ENDIAN);
    assertThat(r.peekU8(0)).isZero();
    assertThat(r.peekU8(1)).isEqualTo(7);
    assertThat(r.peekU8(2)).isEqualTo(0xff);
    assertThat(r.peekU8(3)).isEqualTo(-1);
    assertThat(r.position()).isZero();
    r.skip(3);
    assertThat(r.peekU8(0)).isEqualTo(-1);
    assertThatThrownBy(() -> r.peekU8(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Reading a fixed-width integer allocates nothing: the reader is the hot path of block and
   * transaction decoding. (A byte-array view read inside a conditional expression has the
   * signature-polymorphic return type Object, so every read boxed its value.)
   */
  @Test
  void fixedWidthReadsDoNotAllocate() throws DecodeException {
    Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] data = new byte[14 * 1000];
    java.util.Arrays.fill(data, (byte) 0x7f); // values far outside the boxing caches
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      long sum = readAll(data, order) + readAll(data, order); // warm up
      long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int i = 0; i < 20; i++) {
        sum += readAll(data, order);
      }
      long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      // 60,000 reads; one boxed value each would be about a megabyte. Allow 20 readers and slack.
      assertThat(allocated).as("bytes allocated by %s reads (sum %s)", order, sum).isLessThan(64 * 1024);
    }
  }

  private static long readAll(byte[] data, ByteOrder order) throws DecodeException {
    ByteReader in = ByteReader.of(data, order);
    long sum = 0;
    while (in.remaining() > 0) {
      sum += in.u16() + in.i32() + in.i64();
    }
    return sum;
  }

  @Test
  void nonMinimalCompactSizeIsRefused() {
    for (String hex : new String[] {"fdfc00", "feffff0000", "ffffffffff00000000"}) {
      byte[] b = HexFormat.of().parseHex(hex);
      assertThatThrownBy(() -> ByteReader.littleEndian(b).compactSize(Long.MAX_VALUE))
          .isInstanceOfSatisfying(DecodeException.class, e -> {
            assertThat(e.error()).isEqualTo(DecodeError.NON_CANONICAL);
            assertThat(e.offset()).isZero();
          });
    }
  }

  @Test
  void hugeLengthIsRefusedBeforeAllocation() {
    byte[] b = HexFormat.of().parseHex("feffffff7f00");
    assertThatThrownBy(() -> ByteReader.littleEndian(b).varBytes(LengthPrefix.COMPACT_SIZE, Integer.MAX_VALUE))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE));
    byte[] count = HexFormat.of().parseHex("fd0010");
    assertThatThrownBy(() -> ByteReader.littleEndian(count).count(LengthPrefix.COMPACT_SIZE, 100_000, 1))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE));
  }

  @Test
  void malformedFieldsReportTheirOffset() throws DecodeException {
    ByteReader r = ByteReader.bigEndian(new byte[] {1, 2});
    assertThat(r.bool()).isTrue();
    assertThatThrownBy(r::bool).isInstanceOfSatisfying(DecodeException.class, e -> {
      assertThat(e.error()).isEqualTo(DecodeError.MALFORMED);
      assertThat(e.offset()).isEqualTo(1);
    });
    byte[] badUtf8 = {0, 2, (byte) 0xc3, 0x28};
    assertThatThrownBy(() -> ByteReader.bigEndian(badUtf8).utf8(LengthPrefix.U16, 10))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.MALFORMED));
    assertThatThrownBy(() -> ByteReader.bigEndian(new byte[3]).expectEnd())
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.TRAILING_BYTES));
  }

  @Test
  void codecRefusesOversizedInputFirstAndTrailingBytes() {
    Codec<Long> longs = new Codec<>() {
      @Override
      public ByteOrder order() {
        return ByteOrder.BIG_ENDIAN;
      }

      @Override
      public int maxSize() {
        return 8;
      }

      @Override
      public void encode(Long value, ByteWriter out) {
        out.i64(value);
      }

      @Override
      public Long decode(ByteReader in) throws DecodeException {
        return in.i64();
      }
    };
    assertThatThrownBy(() -> longs.decodeFully(new byte[9]))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.OVERSIZED));
    assertThatThrownBy(() -> longs.decodeFully(new byte[7]))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.TRUNCATED));
  }

  @Test
  void writerRefusesValuesItCannotEncode() {
    assertThatThrownBy(() -> ByteWriter.bigEndian().u8(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteWriter.bigEndian().varBytes(LengthPrefix.U8, new byte[256]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
