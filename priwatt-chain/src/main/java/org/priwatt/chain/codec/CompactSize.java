package org.priwatt.chain.codec;

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
}
