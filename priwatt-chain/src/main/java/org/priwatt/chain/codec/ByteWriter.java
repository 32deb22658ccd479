package org.priwatt.chain.codec;

import java.util.Arrays;

/**
 * A growable little-endian output buffer for consensus encodings. Not thread-safe. Writes never
 * fail; sizes are the encoder's responsibility (it declares them through {@link
 * Codec#maxSize()}).
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  /** Creates a writer with a small initial capacity. */
  public ByteWriter() {
    this(64);
  }

  /**
   * Creates a writer with room for {@code capacity} bytes before it grows.
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public ByteWriter(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    buf = new byte[capacity];
  }

  private void ensure(int extra) {
    int need = size + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  /** The number of bytes written so far. */
  public int size() {
    return size;
  }

  /** Writes the low 8 bits of {@code v}. */
  public ByteWriter writeUint8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  /** Writes the low 16 bits of {@code v}, little-endian. */
  public ByteWriter writeUint16Le(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  /** Writes a 32-bit integer little-endian (the bit pattern; sign does not matter). */
  public ByteWriter writeInt32Le(int v) {
    ensure(4);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 24);
    return this;
  }

  /** Writes the low 32 bits of {@code v} little-endian (an unsigned 32-bit field). */
  public ByteWriter writeUint32Le(long v) {
    return writeInt32Le((int) v);
  }

  /** Writes a 64-bit integer little-endian. */
  public ByteWriter writeInt64Le(long v) {
    writeInt32Le((int) v);
    return writeInt32Le((int) (v >>> 32));
  }

  /** Writes all of {@code bytes}. */
  public ByteWriter writeBytes(byte[] bytes) {
    return writeBytes(bytes, 0, bytes.length);
  }

  /** Writes {@code bytes[offset, offset + length)}. */
  public ByteWriter writeBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes {@code value} (unsigned) as a minimal CompactSize. */
  public ByteWriter writeCompactSize(long value) {
    ensure(CompactSize.encodedLength(value));
    size = CompactSize.write(buf, size, value);
    return this;
  }

  /** Writes a CompactSize length followed by {@code bytes}. */
  public ByteWriter writeVarBytes(byte[] bytes) {
    writeCompactSize(bytes.length);
    return writeBytes(bytes);
  }

  /** Returns a copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
