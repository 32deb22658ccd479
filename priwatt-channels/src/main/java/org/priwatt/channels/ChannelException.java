package org.priwatt.channels;

import java.util.Objects;
import org.priwatt.crypto.codec.DecodeException;

/**
 * The one checked exception of {@code priwatt-channels}: a peer's or a file's bytes did not
 * decode, a stored snapshot could not be read, or a layer underneath failed. The {@link
 * ChannelError} says which; the cause keeps the underlying exception; the message never holds
 * secret material. (Refusals of a counterpart's message are not exceptions: sessions record them
 * as {@link ChannelError} values.)
 */
public final class ChannelException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ChannelError error;

  /**
   * An exception for {@code error} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public ChannelException(ChannelError error, String detail) {
    super(Objects.requireNonNull(error, "error").name() + ": " + detail);
    this.error = error;
  }

  /** As {@link #ChannelException(ChannelError, String)} with the underlying cause. */
  public ChannelException(ChannelError error, String detail, Throwable cause) {
    super(Objects.requireNonNull(error, "error").name() + ": " + detail, cause);
    this.error = error;
  }

  /** A decoding failure of {@code what}, keeping the codec's offset in the message. */
  public static ChannelException decoding(String what, DecodeException e) {
    return new ChannelException(ChannelError.of(e.error()), what + ": " + e.getMessage(), e);
  }

  /** Why; never null. */
  public ChannelError error() {
    return error;
  }
}
