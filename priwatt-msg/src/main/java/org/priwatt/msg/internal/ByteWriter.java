package org.priwatt.msg.internal;

import java.util.Arrays;

/** Growable big-endian byte sink for Bitmessage encodings; not thread-safe. */
public final class ByteWriter {
  private byte[] buf;
  private int len;

  /** Creates a writer with room for {@code capacity} bytes before it grows. */
  public ByteWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** Creates a writer with a small initial buffer. */
  public ByteWriter() {
    this(64);
  }

  private void ensure(int extra) {
    if (buf.length - len < extra) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(len, extra)));
    }
  }

  /** Appends one byte. */
  public ByteWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends a big-endian 16-bit integer. */
  public ByteWriter u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  /** Appends a big-endian 32-bit integer. */
  public ByteWriter u32(long v) {
    ensure(4);
    for (int s = 24; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
    return this;
  }

  /** Appends a big-endian 64-bit integer. */
  public ByteWriter u64(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
    return this;
  }

  /** Appends {@code data}. */
  public ByteWriter bytes(byte[] data) {
    return bytes(data, 0, data.length);
  }

  /** Appends {@code data[offset, offset + length)}. */
  public ByteWriter bytes(byte[] data, int offset, int length) {
    ensure(length);
    System.arraycopy(data, offset, buf, len, length);
    len += length;
    return this;
  }

  /** Appends a Bitmessage varint (big-endian, shortest form); {@code v} is treated as unsigned. */
  public ByteWriter varInt(long v) {
    if (v >= 0 && v < 0xfd) {
      return u8((int) v);
    } else if (v >= 0 && v <= 0xffff) {
      return u8(0xfd).u16((int) v);
    } else if (v >= 0 && v <= 0xffffffffL) {
      return u8(0xfe).u32(v);
    }
    return u8(0xff).u64(v);
  }

  /** Appends a varint length followed by {@code data}. */
  public ByteWriter varBytes(byte[] data) {
    return varInt(data.length).bytes(data);
  }

  /** Returns how many bytes were written. */
  public int size() {
    return len;
  }

  /** Returns a copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Returns the encoding of {@code v} as a Bitmessage varint. */
  public static byte[] varIntBytes(long v) {
    return new ByteWriter(9).varInt(v).toByteArray();
  }
}
