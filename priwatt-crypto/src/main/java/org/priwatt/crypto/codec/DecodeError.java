package org.priwatt.crypto.codec;

/**
 * Why bytes did not decode. Every decoder of the SDK reports one of these with the offset it
 * was reading (see {@link DecodeException}); a module maps them to its own error enum.
 */
public enum DecodeError {
  /** The input ended inside a field. */
  TRUNCATED,
  /** A length or count exceeds its bound or the bytes that remain. */
  LENGTH_OUT_OF_RANGE,
  /** A variable-length integer is not minimally encoded. */
  NON_CANONICAL,
  /** Bytes remain after a value that must fill its input. */
  TRAILING_BYTES,
  /** The input is longer than the largest encoding of its type. */
  OVERSIZED,
  /** A version or format tag this decoder does not know. */
  UNSUPPORTED_VERSION,
  /** A type or kind code this decoder does not know. */
  UNKNOWN_TYPE,
  /** A well-formed number outside the bounds the reader accepts (an amount above the money supply, say). */
  OUT_OF_RANGE,
  /** A field holds a value outside its domain (a bad key, a flag byte other than 0 or 1, invalid UTF-8...). */
  MALFORMED
}
