package org.priwatt.chain.codec;

import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;

/**
 * Encodes and decodes one consensus type in Bitcoin's wire format. Implementations are
 * stateless and thread-safe; each declares the largest encoding it will ever accept, so a caller
 * can reject oversized input before decoding it.
 *
 * <p>Usage for a new type (a block header, say): implement {@link #encode} with the {@link
 * ByteWriter} primitives, {@link #decode} with the matching {@link ByteReader} reads (which
 * bound every count and length by the bytes remaining), and {@link #maxSize()}. Then {@link
 * #encode(Object)} and {@link #decodeFully(byte[])} give the byte-array round trip.
 *
 * @param <T> the decoded value type
 */
public interface Codec<T> {
  /** Appends the encoding of {@code value} to {@code out}. */
  void encode(T value, ByteWriter out);

  /**
   * Decodes one value starting at the reader's position and advances past it.
   *
   * @throws ChainException with {@link ChainError#TRUNCATED}, {@link
   *     ChainError#LENGTH_OUT_OF_RANGE} or {@link ChainError#NON_CANONICAL_COMPACT_SIZE} if the
   *     bytes do not hold a well-formed value
   */
  T decode(ByteReader in) throws ChainException;

  /** The largest encoding, in bytes, this codec produces or accepts. */
  int maxSize();

  /** Returns the encoding of {@code value} as a new array. */
  default byte[] encode(T value) {
    ByteWriter w = new ByteWriter();
    encode(value, w);
    return w.toByteArray();
  }

  /**
   * Decodes exactly one value that must fill {@code bytes} completely.
   *
   * @throws ChainException {@link ChainError#OVERSIZED} if {@code bytes} exceeds {@link
   *     #maxSize()}, {@link ChainError#TRAILING_BYTES} if bytes remain after the value, or any
   *     error of {@link #decode(ByteReader)}
   */
  default T decodeFully(byte[] bytes) throws ChainException {
    if (bytes.length > maxSize()) {
      throw new ChainException(
          ChainError.OVERSIZED, bytes.length + " bytes exceed the maximum " + maxSize());
    }
    ByteReader in = new ByteReader(bytes);
    T value = decode(in);
    if (in.remaining() != 0) {
      throw new ChainException(
          ChainError.TRAILING_BYTES, in.remaining() + " bytes after offset " + in.position());
    }
    return value;
  }
}
