package org.priwatt.crypto.codec;

import java.util.Objects;

/**
 * Untrusted bytes did not decode: carries the {@link DecodeError} and the byte offset where the
 * decoder stopped, so a report says what and where. Thrown by {@link ByteReader} and every
 * {@link Codec}; modules wrap it in their own exception type with their own error constant.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DecodeError error;
  private final int offset;

  /**
   * A failure {@code error} at byte {@code offset} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} or {@code detail} is null
   */
  public DecodeException(DecodeError error, int offset, String detail) {
    super(Objects.requireNonNull(error, "error") + " at offset " + offset + ": " + Objects.requireNonNull(detail, "detail"));
    this.error = error;
    this.offset = offset;
  }

  /** What is wrong. */
  public DecodeError error() {
    return error;
  }

  /** The byte offset in the decoded input where decoding stopped. */
  public int offset() {
    return offset;
  }
}
