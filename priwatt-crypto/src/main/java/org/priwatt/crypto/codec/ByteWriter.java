package org.priwatt.crypto.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds an encoding in a growable buffer, in the byte order chosen at creation; the
 * counterpart of {@link ByteReader}, method for method. A value that cannot be encoded (a
 * length beyond its prefix, a byte above 255) is a programming error and throws {@link
 * IllegalArgumentException}. Not thread-safe.
 */
public final class ByteWriter {
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final boolean bigEndian;
  private byte[] buf;
  private int len;

  private ByteWriter(ByteOrder order, int capacity) {
    this.bigEndian = Objects.requireNonNull(order, "order") == ByteOrder.BIG_ENDIAN;
    this.buf = new byte[Math.max(16, capacity)];
  }

  /** An empty writer in {@code order} with room for {@code capacity} bytes before it grows. */
  public static ByteWriter of(ByteOrder order, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    return new ByteWriter(order, capacity);
  }

  /** An empty big-endian writer. */
  public static ByteWriter bigEndian() {
    return new ByteWriter(ByteOrder.BIG_ENDIAN, 64);
  }

  /** An empty little-endian writer. */
  public static ByteWriter littleEndian() {
    return new ByteWriter(ByteOrder.LITTLE_ENDIAN, 64);
  }

  private void ensure(int extra) {
    if (buf.length - len < extra) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(len, extra)));
    }
  }

  /** One unsigned byte, 0..255. */
  public ByteWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("not a byte: " + v);
    }
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** An unsigned 16-bit integer, 0..65535. */
  public ByteWriter u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("not a u16: " + v);
    }
    ensure(2);
    if (bigEndian) {
      SHORT_BE.set(buf, len, (short) v);
    } else {
      SHORT_LE.set(buf, len, (short) v);
    }
    len += 2;
    return this;
  }

  /** A 32-bit integer. */
  public ByteWriter i32(int v) {
    ensure(4);
    if (bigEndian) {
      INT_BE.set(buf, len, v);
    } else {
      INT_LE.set(buf, len, v);
    }
    len += 4;
    return this;
  }

  /** An unsigned 32-bit integer, 0..2^32-1. */
  public ByteWriter u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("not a u32: " + v);
    }
    return i32((int) v);
  }

  /** A 64-bit integer. */
  public ByteWriter i64(long v) {
    ensure(8);
    if (bigEndian) {
      LONG_BE.set(buf, len, v);
    } else {
      LONG_LE.set(buf, len, v);
    }
    len += 8;
    return this;
  }

  /** A boolean as one byte, 0 or 1. */
  public ByteWriter bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** The bytes as they are. */
  public ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** {@code length} bytes of {@code b} from {@code offset}. */
  public ByteWriter bytes(byte[] b, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, b.length);
    ensure(length);
    System.arraycopy(b, offset, buf, len, length);
    len += length;
    return this;
  }

  /**
   * The bytes {@link #compactSize(long)} writes for {@code v} (unsigned): 1, 3, 5 or 9. Lets an
   * encoder size its buffer, or a hasher locate fields in an encoding, without writing.
   */
  public static int compactSizeLength(long v) {
    if (v >= 0 && v < 0xfd) {
      return 1;
    } else if (v >= 0 && v <= 0xffff) {
      return 3;
    } else if (v >= 0 && v <= 0xffffffffL) {
      return 5;
    }
    return 9;
  }

  /** A minimally encoded CompactSize / var_int (unsigned). */
  public ByteWriter compactSize(long v) {
    if (v >= 0 && v < 0xfd) {
      return u8((int) v);
    } else if (v >= 0 && v <= 0xffff) {
      return u8(0xfd).u16((int) v);
    } else if (v >= 0 && v <= 0xffffffffL) {
      return u8(0xfe).u32(v);
    }
    return u8(0xff).i64(v);
  }

  /** A length written with {@code prefix}. */
  public ByteWriter length(LengthPrefix prefix, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length");
    }
    return switch (prefix) {
      case U8 -> u8(n);
      case U16 -> u16(n);
      case U32 -> u32(n);
      case COMPACT_SIZE -> compactSize(n);
    };
  }

  /** {@code b} after its length written with {@code prefix}. */
  public ByteWriter varBytes(LengthPrefix prefix, byte[] b) {
    return length(prefix, b.length).bytes(b);
  }

  /** The UTF-8 bytes of {@code s} after their length written with {@code prefix}. */
  public ByteWriter utf8(LengthPrefix prefix, String s) {
    return varBytes(prefix, s.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes written so far. */
  public int size() {
    return len;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Zeroes the buffer (after writing a secret into it). */
  public void wipe() {
    Arrays.fill(buf, (byte) 0);
    len = 0;
  }
}
