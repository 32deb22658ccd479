package org.priwatt.crypto.codec;

/**
 * How a variable-length field announces its length: a fixed-width unsigned integer in the
 * reader's or writer's byte order, or Bitcoin's CompactSize (Bitmessage's var_int is the same
 * encoding in big-endian order, which {@link #COMPACT_SIZE} follows).
 */
public enum LengthPrefix {
  /** One byte, lengths up to 255. */
  U8,
  /** Two bytes, lengths up to 65,535. */
  U16,
  /** Four bytes. */
  U32,
  /** 1, 3, 5 or 9 bytes, minimally encoded. */
  COMPACT_SIZE
}
