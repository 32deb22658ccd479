package org.priwatt.crypto.codec;

import java.nio.ByteOrder;

/**
 * Encodes and decodes one type in one wire or file format, with a declared maximum size so a
 * caller refuses oversized input before decoding it. Implementations are stateless and
 * thread-safe. {@link #encode(Object)} and {@link #decodeFully(byte[])} give the byte-array
 * round trip every format is tested with (round trip, and truncation at every offset giving a
 * typed error).
 *
 * @param <T> the decoded value type
 */
public interface Codec<T> {
  /** The byte order of the format's integers. */
  ByteOrder order();

  /** The largest encoding, in bytes, this codec produces or accepts. */
  int maxSize();

  /** Appends the encoding of {@code value} to {@code out}. */
  void encode(T value, ByteWriter out);

  /**
   * Decodes one value at the reader's position and advances past it.
   *
   * @throws DecodeException if the bytes do not hold a well-formed value
   */
  T decode(ByteReader in) throws DecodeException;

  /** The encoding of {@code value} as a new array. */
  default byte[] encode(T value) {
    ByteWriter w = ByteWriter.of(order(), 64);
    encode(value, w);
    return w.toByteArray();
  }

  /**
   * Decodes exactly one value that must fill {@code bytes}.
   *
   * @throws DecodeException {@link DecodeError#OVERSIZED} if {@code bytes} exceeds {@link
   *     #maxSize()} (checked first), {@link DecodeError#TRAILING_BYTES} if bytes remain, or any
   *     error of {@link #decode(ByteReader)}
   */
  default T decodeFully(byte[] bytes) throws DecodeException {
    if (bytes.length > maxSize()) {
      throw new DecodeException(DecodeError.OVERSIZED, 0, bytes.length + " bytes exceed the maximum " + maxSize());
    }
    ByteReader in = ByteReader.of(bytes, order());
    T value = decode(in);
    in.expectEnd();
    return value;
  }
}
