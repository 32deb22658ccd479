package org.priwatt.msg;

import java.util.Objects;
import org.priwatt.crypto.codec.DecodeException;

/** Raised when untrusted messaging input is rejected; {@link #error()} says why. */
public final class MessageException extends Exception {
  private static final long serialVersionUID = 1L;

  private final MessageError error;

  /**
   * Creates an exception for {@code error} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public MessageException(MessageError error, String detail) {
    super(Objects.requireNonNull(error, "error") + ": " + detail);
    this.error = error;
  }

  /**
   * Creates an exception for {@code error} caused by {@code cause}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public MessageException(MessageError error, String detail, Throwable cause) {
    super(Objects.requireNonNull(error, "error") + ": " + detail, cause);
    this.error = error;
  }

  /**
   * The exception for bytes the shared codec refused: {@link MessageError#of} of its error, its
   * message (which names the offset) and the codec's exception as the cause.
   */
  static MessageException of(DecodeException e) {
    return new MessageException(MessageError.of(e.error()), e.getMessage(), e);
  }

  /** Returns the reason for the rejection; never null. */
  public MessageError error() {
    return error;
  }
}
