package org.priwatt.msg.internal;

import java.util.Arrays;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;

/**
 * Bounds-checked cursor over untrusted bytes in Bitmessage's big-endian layout. Every read checks
 * the remaining length first and fails with {@link MessageError#TRUNCATED}, so hostile length
 * prefixes never allocate more than the input already holds.
 */
public final class ByteReader {
  private final byte[] data;
  private final int end;
  private int pos;

  /** Reads {@code data[offset, offset + length)}; the array is not copied. */
  public ByteReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("range outside array");
    }
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
  }

  /** Reads all of {@code data}. */
  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** Returns the absolute position of the cursor in the backing array. */
  public int position() {
    return pos;
  }

  /** Returns how many bytes are left. */
  public int remaining() {
    return end - pos;
  }

  private void need(int n, String what) throws MessageException {
    if (n < 0 || end - pos < n) {
      throw new MessageException(MessageError.TRUNCATED, what + " needs " + n + " bytes, " + (end - pos) + " left");
    }
  }

  /** Reads one unsigned byte. */
  public int u8(String what) throws MessageException {
    need(1, what);
    return data[pos++] & 0xff;
  }

  /** Reads a big-endian unsigned 16-bit integer. */
  public int u16(String what) throws MessageException {
    need(2, what);
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /** Reads a big-endian unsigned 32-bit integer. */
  public long u32(String what) throws MessageException {
    need(4, what);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (data[pos++] & 0xff);
    }
    return v;
  }

  /** Reads a big-endian 64-bit integer (its bits; callers interpret the sign). */
  public long u64(String what) throws MessageException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos++] & 0xff);
    }
    return v;
  }

  /** Reads exactly {@code n} bytes into a new array. */
  public byte[] bytes(int n, String what) throws MessageException {
    need(n, what);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n, String what) throws MessageException {
    need(n, what);
    pos += n;
  }

  /** Returns everything that is left and moves to the end. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(data, pos, end);
    pos = end;
    return out;
  }

  /**
   * Reads a Bitmessage varint (big-endian, shortest form enforced) and checks it is at most
   * {@code max}.
   */
  public long varInt(long max, String what) throws MessageException {
    int first = u8(what);
    long v;
    long min;
    if (first < 0xfd) {
      v = first;
      min = 0;
    } else if (first == 0xfd) {
      v = u16(what);
      min = 0xfd;
    } else if (first == 0xfe) {
      v = u32(what);
      min = 0x10000L;
    } else {
      v = u64(what);
      min = 0x100000000L;
    }
    if (v < min && first >= 0xfd) {
      throw new MessageException(MessageError.NON_MINIMAL_VARINT, what + " varint " + Long.toUnsignedString(v));
    }
    if (v < 0 || v > max) {
      throw new MessageException(MessageError.TOO_LARGE, what + " " + Long.toUnsignedString(v) + " > " + max);
    }
    return v;
  }

  /** Reads a varint length bounded by {@code max} and then that many bytes. */
  public byte[] varBytes(int max, String what) throws MessageException {
    int n = (int) varInt(max, what + " length");
    return bytes(n, what);
  }

  /** Fails with {@link MessageError#TRAILING_DATA} unless the input is used up. */
  public void expectEnd(String what) throws MessageException {
    if (pos != end) {
      throw new MessageException(MessageError.TRAILING_DATA, (end - pos) + " bytes after " + what);
    }
  }
}
