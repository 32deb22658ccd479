package org.priwatt.crypto.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A bounded cursor over untrusted bytes. Every read checks the bytes that remain before it
 * allocates or advances, and every length or count is checked against the caller's bound and the
 * remaining input first, so hostile input can neither read out of bounds nor make the decoder
 * allocate more than the input holds. Failures are {@link DecodeException}s naming the offset.
 *
 * <p>The byte order is a parameter: Bitcoin's formats are little-endian, Bitmessage's and the
 * PriWatt formats big-endian. Not thread-safe (one reader per decode); the array is not copied,
 * so the caller must not change it while reading.
 */
public final class ByteReader {
  private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private final int start;
  private final int end;
  private final boolean bigEndian;
  private int pos;

  private ByteReader(byte[] data, int offset, int length, ByteOrder order) {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(offset, length, data.length);
    this.data = data;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
    this.bigEndian = Objects.requireNonNull(order, "order") == ByteOrder.BIG_ENDIAN;
  }

  private static VarHandle view(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, order);
  }

  /** A reader over all of {@code data} in {@code order}. */
  public static ByteReader of(byte[] data, ByteOrder order) {
    return new ByteReader(data, 0, data.length, order);
  }

  /**
   * A reader over {@code length} bytes of {@code data} from {@code offset}; offsets in errors
   * count from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range does not lie within {@code data}
   */
  public static ByteReader of(byte[] data, int offset, int length, ByteOrder order) {
    return new ByteReader(data, offset, length, order);
  }

  /** A big-endian reader over all of {@code data}. */
  public static ByteReader bigEndian(byte[] data) {
    return of(data, ByteOrder.BIG_ENDIAN);
  }

  /** A little-endian reader over all of {@code data}. */
  public static ByteReader littleEndian(byte[] data) {
    return of(data, ByteOrder.LITTLE_ENDIAN);
  }

  /** The byte order of multi-byte integers. */
  public ByteOrder order() {
    return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /** Bytes consumed so far. */
  public int position() {
    return pos - start;
  }

  /** Bytes left. */
  public int remaining() {
    return end - pos;
  }

  /** A failure of kind {@code error} at the current position. */
  public DecodeException failure(DecodeError error, String detail) {
    return new DecodeException(error, position(), detail);
  }

  private void need(int n, String what) throws DecodeException {
    if (end - pos < n) {
      throw failure(DecodeError.TRUNCATED, what + " needs " + n + " bytes, " + (end - pos) + " left");
    }
  }

  /**
   * The unsigned byte {@code ahead} bytes past the current position, without consuming
   * anything, or -1 if the input ends before it: lets a decoder tell formats apart by a marker
   * (Bitcoin's BIP 144 witness flag, say) before committing to one.
   *
   * @throws IllegalArgumentException if {@code ahead} is negative
   */
  public int peekU8(int ahead) {
    if (ahead < 0) {
      throw new IllegalArgumentException("negative lookahead " + ahead);
    }
    return ahead < end - pos ? data[pos + ahead] & 0xff : -1;
  }

  /** An unsigned byte. */
  public int u8() throws DecodeException {
    need(1, "u8");
    return data[pos++] & 0xff;
  }

  /** An unsigned 16-bit integer. */
  public int u16() throws DecodeException {
    need(2, "u16");
    // Each view read is cast where it is called: a cast around a conditional expression would
    // leave the signature-polymorphic get() returning Object, boxing every value.
    short v = bigEndian ? (short) SHORT_BE.get(data, pos) : (short) SHORT_LE.get(data, pos);
    pos += 2;
    return v & 0xffff;
  }

  /** A signed 32-bit integer. */
  public int i32() throws DecodeException {
    need(4, "i32");
    int v = bigEndian ? (int) INT_BE.get(data, pos) : (int) INT_LE.get(data, pos);
    pos += 4;
    return v;
  }

  /** An unsigned 32-bit integer. */
  public long u32() throws DecodeException {
    return i32() & 0xffffffffL;
  }

  /** A 64-bit integer (two's complement; unsigned readers use {@link Long}'s unsigned helpers). */
  public long i64() throws DecodeException {
    need(8, "i64");
    long v = bigEndian ? (long) LONG_BE.get(data, pos) : (long) LONG_LE.get(data, pos);
    pos += 8;
    return v;
  }

  /**
   * A 64-bit integer that must lie in {@code min..max}.
   *
   * @throws DecodeException {@link DecodeError#OUT_OF_RANGE} if it does not
   */
  public long i64InRange(long min, long max, String what) throws DecodeException {
    int at = pos;
    long v = i64();
    if (v < min || v > max) {
      pos = at;
      throw failure(DecodeError.OUT_OF_RANGE, what + " " + v + " outside " + min + ".." + max);
    }
    return v;
  }

  /**
   * A boolean byte, 0 or 1.
   *
   * @throws DecodeException {@link DecodeError#MALFORMED} for any other value
   */
  public boolean bool() throws DecodeException {
    int v = u8();
    if (v > 1) {
      pos--;
      throw failure(DecodeError.MALFORMED, "boolean byte " + v);
    }
    return v == 1;
  }

  /** Exactly {@code n} bytes, checked against the input before allocating. */
  public byte[] bytes(int n) throws DecodeException {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    need(n, "field");
    byte[] out = new byte[n];
    System.arraycopy(data, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) throws DecodeException {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    need(n, "skip");
    pos += n;
  }

  /**
   * A minimally encoded CompactSize (Bitcoin, little-endian) or var_int (Bitmessage,
   * big-endian) no larger than {@code max}.
   *
   * @throws DecodeException {@link DecodeError#NON_CANONICAL} for a non-minimal encoding, {@link
   *     DecodeError#LENGTH_OUT_OF_RANGE} if the value exceeds {@code max}
   */
  public long compactSize(long max) throws DecodeException {
    int at = pos;
    int first = u8();
    long value;
    long minimum;
    if (first < 0xfd) {
      value = first;
      minimum = 0;
    } else if (first == 0xfd) {
      value = u16();
      minimum = 0xfd;
    } else if (first == 0xfe) {
      value = u32();
      minimum = 0x10000;
    } else {
      value = i64();
      minimum = 0x100000000L;
    }
    if (Long.compareUnsigned(value, minimum) < 0) {
      pos = at;
      throw failure(DecodeError.NON_CANONICAL, "non-minimal variable-length integer");
    }
    if (Long.compareUnsigned(value, max) > 0) {
      pos = at;
      throw failure(DecodeError.LENGTH_OUT_OF_RANGE, Long.toUnsignedString(value) + " exceeds " + max);
    }
    return value;
  }

  /**
   * A length announced by {@code prefix}, bounded by {@code max} and by the bytes that remain,
   * so it is safe to allocate.
   *
   * @throws DecodeException {@link DecodeError#LENGTH_OUT_OF_RANGE} if it exceeds either
   */
  public int length(LengthPrefix prefix, int max) throws DecodeException {
    int at = pos;
    long n = switch (prefix) {
      case U8 -> u8();
      case U16 -> u16();
      case U32 -> u32();
      case COMPACT_SIZE -> compactSize(Integer.MAX_VALUE);
    };
    int left = end - pos;
    if (n > max || n > left) {
      pos = at;
      throw failure(DecodeError.LENGTH_OUT_OF_RANGE, "length " + n + " exceeds "
          + (n > max ? "the maximum " + max : "the " + left + " bytes left"));
    }
    return (int) n;
  }

  /**
   * The element count of a vector whose elements take at least {@code minElementSize} bytes,
   * rejecting a count the remaining input cannot hold, so it is safe as an allocation size.
   *
   * @throws DecodeException {@link DecodeError#LENGTH_OUT_OF_RANGE} if the count is impossible or above {@code max}
   */
  public int count(LengthPrefix prefix, int max, int minElementSize) throws DecodeException {
    if (minElementSize < 1) {
      throw new IllegalArgumentException("minElementSize must be positive");
    }
    int at = pos;
    long n = switch (prefix) {
      case U8 -> u8();
      case U16 -> u16();
      case U32 -> u32();
      case COMPACT_SIZE -> compactSize(Integer.MAX_VALUE);
    };
    int left = end - pos;
    if (n > max || n > left / minElementSize) {
      pos = at;
      throw failure(DecodeError.LENGTH_OUT_OF_RANGE, "count " + n + " cannot fit (max " + max + ", " + left
          + " bytes left)");
    }
    return (int) n;
  }

  /** A length-prefixed byte string of at most {@code max} bytes. */
  public byte[] varBytes(LengthPrefix prefix, int max) throws DecodeException {
    return bytes(length(prefix, max));
  }

  /**
   * A length-prefixed UTF-8 string of at most {@code maxBytes} bytes, decoded strictly.
   *
   * @throws DecodeException {@link DecodeError#MALFORMED} if the bytes are not valid UTF-8
   */
  public String utf8(LengthPrefix prefix, int maxBytes) throws DecodeException {
    int at = pos;
    byte[] b = varBytes(prefix, maxBytes);
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return chars.toString();
    } catch (CharacterCodingException e) {
      pos = at;
      throw failure(DecodeError.MALFORMED, "invalid UTF-8");
    }
  }

  /** The remaining bytes, consumed. */
  public byte[] rest() {
    byte[] out = new byte[end - pos];
    System.arraycopy(data, pos, out, 0, out.length);
    pos = end;
    return out;
  }

  /**
   * A copy of the bytes from position {@code from} (as returned by {@link #position()}) up to
   * the current position.
   *
   * @throws IllegalArgumentException if {@code from} is after the current position
   */
  public byte[] copyFrom(int from) {
    if (from < 0 || from > position()) {
      throw new IllegalArgumentException("from " + from + " is after position " + position());
    }
    byte[] out = new byte[position() - from];
    System.arraycopy(data, start + from, out, 0, out.length);
    return out;
  }

  /**
   * Checks the input is fully consumed.
   *
   * @throws DecodeException {@link DecodeError#TRAILING_BYTES} if bytes remain
   */
  public void expectEnd() throws DecodeException {
    if (pos != end) {
      throw failure(DecodeError.TRAILING_BYTES, (end - pos) + " bytes after the value");
    }
  }
}
