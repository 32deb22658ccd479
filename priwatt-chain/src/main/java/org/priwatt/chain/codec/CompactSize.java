package org.priwatt.chain.codec;

import java.util.Objects;

/**
 * Bitcoin's CompactSize unsigned integer (a.k.a. var_int in the protocol docs): one byte below
 * 0xfd, otherwise a marker byte (0xfd, 0xfe, 0xff) followed by 2, 4 or 8 little-endian bytes.
 * Decoding rejects non-minimal encodings as Bitcoin Core's {@code ReadCompactSize} does.
 */
public final class CompactSize {
  /** Bitcoin Core's MAX_SIZE: no CompactSize length prefix may exceed 32 MiB. */
  public static final long MAX_SIZE = 0x02000000L;

  private CompactSize() {}

  /**
   * Returns the number of bytes the CompactSize encoding of {@code value} takes: 1, 3, 5 or 9.
   * {@code value} is treated as unsigned.
   */
  public static int encodedLength(long value) {
    if (value >= 0 && value < 0xfd) {
      return 1;
    }
    if (value >= 0 && value <= 0xffff) {
      return 3;
    }
    if (value >= 0 && value <= 0xffffffffL) {
      return 5;
    }
    return 9;
  }

  /**
   * Writes the minimal CompactSize encoding of {@code value} (unsigned) into {@code buf} at
   * {@code offset}, without allocating.
   *
   * @return the offset just past the encoding
   * @throws IndexOutOfBoundsException if {@code buf} has no room for {@link #encodedLength}
   *     bytes at {@code offset}
   */
  public static int write(byte[] buf, int offset, long value) {
    int len = encodedLength(value);
    Objects.checkFromIndexSize(offset, len, buf.length);
    if (len == 1) {
      buf[offset] = (byte) value;
      return offset + 1;
    }
    buf[offset] = (byte) (len == 3 ? 0xfd : len == 5 ? 0xfe : 0xff);
    for (int i = 1; i < len; i++) {
      buf[offset + i] = (byte) (value >>> (8 * (i - 1)));
    }
    return offset + len;
  }
}
