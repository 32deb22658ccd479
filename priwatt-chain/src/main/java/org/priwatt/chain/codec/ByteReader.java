package org.priwatt.chain.codec;

import java.util.Objects;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;

/**
 * A little-endian cursor over untrusted bytes. Every read checks the bytes remaining first and
 * reports a shortfall as {@link ChainError#TRUNCATED}; counts and lengths are checked against
 * the remaining input before the caller allocates anything, so a hostile prefix cannot force a
 * large allocation. Not thread-safe; the wrapped array is read, never modified or copied.
 */
public final class ByteReader {
  private final byte[] data;
  private final int end;
  private int pos;

  /** Reads all of {@code data}. The array must not change while the reader is in use. */
  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  /**
   * Reads {@code data[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range does not lie within {@code data}
   */
  public ByteReader(byte[] data, int offset, int length) {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(offset, length, data.length);
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
  }

  /** The current offset into the underlying array. */
  public int position() {
    return pos;
  }

  /** The number of unread bytes. */
  public int remaining() {
    return end - pos;
  }

  /**
   * Returns a copy of the underlying bytes in {@code [from, position())}: lets a decoder keep the
   * exact bytes it consumed (to hash them) without re-encoding.
   *
   * @throws IllegalArgumentException if {@code from} is after the current position
   */
  public byte[] copyFrom(int from) {
    if (from > pos || from < 0) {
      throw new IllegalArgumentException("from " + from + " beyond position " + pos);
    }
    byte[] out = new byte[pos - from];
    System.arraycopy(data, from, out, 0, out.length);
    return out;
  }

  private void require(int n) throws ChainException {
    if (n > end - pos) {
      throw new ChainException(
          ChainError.TRUNCATED, "need " + n + " bytes at offset " + pos + ", have " + (end - pos));
    }
  }

  /**
   * Returns the unsigned byte {@code ahead} bytes past the current position without consuming
   * anything, or -1 if the input ends before it.
   *
   * @throws IllegalArgumentException if {@code ahead} is negative
   */
  public int peekUint8(int ahead) {
    if (ahead < 0) {
      throw new IllegalArgumentException("ahead " + ahead);
    }
    return ahead < end - pos ? data[pos + ahead] & 0xff : -1;
  }

  /** Reads one unsigned byte. */
  public int readUint8() throws ChainException {
    require(1);
    return data[pos++] & 0xff;
  }

  /** Reads a little-endian unsigned 16-bit integer. */
  public int readUint16Le() throws ChainException {
    require(2);
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    pos += 2;
    return v;
  }

  /** Reads a little-endian 32-bit integer as a signed int. */
  public int readInt32Le() throws ChainException {
    require(4);
    int v =
        (data[pos] & 0xff)
            | (data[pos + 1] & 0xff) << 8
            | (data[pos + 2] & 0xff) << 16
            | (data[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  /** Reads a little-endian unsigned 32-bit integer, returned in {@code [0, 2^32)}. */
  public long readUint32Le() throws ChainException {
    return Integer.toUnsignedLong(readInt32Le());
  }

  /** Reads a little-endian signed 64-bit integer. */
  public long readInt64Le() throws ChainException {
    long lo = readUint32Le();
    long hi = readUint32Le();
    return lo | hi << 32;
  }

  /**
   * Reads exactly {@code n} bytes into a new array.
   *
   * @throws ChainException {@link ChainError#TRUNCATED} if fewer than {@code n} remain (checked
   *     before allocating)
   */
  public byte[] readBytes(int n) throws ChainException {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    require(n);
    byte[] out = new byte[n];
    System.arraycopy(data, pos, out, 0, n);
    pos += n;
    return out;
  }

  /**
   * Reads a canonical CompactSize and checks it does not exceed {@code max}.
   *
   * @throws ChainException {@link ChainError#NON_CANONICAL_COMPACT_SIZE} for a non-minimal
   *     encoding, {@link ChainError#LENGTH_OUT_OF_RANGE} if the value exceeds {@code max}
   */
  public long readCompactSize(long max) throws ChainException {
    int start = pos;
    int first = readUint8();
    long value;
    long minimum;
    if (first < 0xfd) {
      return checkMax(first, max, start);
    } else if (first == 0xfd) {
      value = readUint16Le();
      minimum = 0xfd;
    } else if (first == 0xfe) {
      value = readUint32Le();
      minimum = 0x10000;
    } else {
      value = readInt64Le();
      minimum = 0x100000000L;
    }
    if (Long.compareUnsigned(value, minimum) < 0) {
      throw new ChainException(
          ChainError.NON_CANONICAL_COMPACT_SIZE, "non-minimal CompactSize at offset " + start);
    }
    return checkMax(value, max, start);
  }

  private static long checkMax(long value, long max, int at) throws ChainException {
    if (Long.compareUnsigned(value, max) > 0) {
      throw new ChainException(
          ChainError.LENGTH_OUT_OF_RANGE,
          "CompactSize " + Long.toUnsignedString(value) + " > " + max + " at offset " + at);
    }
    return value;
  }

  /**
   * Reads the element count of a vector whose elements take at least {@code minElementSize}
   * bytes each, rejecting a count the remaining input cannot possibly hold. The result is safe
   * to use as an allocation size.
   *
   * @throws ChainException {@link ChainError#LENGTH_OUT_OF_RANGE} if the count is impossible
   */
  public int readCount(int minElementSize) throws ChainException {
    if (minElementSize < 1) {
      throw new IllegalArgumentException("minElementSize must be positive");
    }
    int at = pos;
    long count = readCompactSize(CompactSize.MAX_SIZE);
    if (count > remaining() / minElementSize) {
      throw new ChainException(
          ChainError.LENGTH_OUT_OF_RANGE,
          "count " + count + " at offset " + at + " cannot fit in " + remaining() + " bytes");
    }
    return (int) count;
  }

  /**
   * Reads a CompactSize length followed by that many bytes, the length bounded by {@code
   * maxLength} and by the remaining input before allocation.
   *
   * @throws ChainException {@link ChainError#LENGTH_OUT_OF_RANGE} if the length exceeds {@code
   *     maxLength}, {@link ChainError#TRUNCATED} if fewer bytes remain
   */
  public byte[] readVarBytes(int maxLength) throws ChainException {
    long n = readCompactSize(maxLength);
    return readBytes((int) n);
  }
}
