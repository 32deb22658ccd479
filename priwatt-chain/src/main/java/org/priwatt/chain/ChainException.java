package org.priwatt.chain;

import java.util.Objects;

/**
 * Thrown when {@code priwatt-chain} rejects untrusted bytes or cannot complete a signing request.
 * The {@link #error()} code says why; the message adds context (an offset, a length) but never
 * key material.
 */
public final class ChainException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ChainError error;

  /** Creates an exception for {@code error} with a human-readable {@code message}. */
  public ChainException(ChainError error, String message) {
    super(error + ": " + message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Creates an exception for {@code error} caused by {@code cause}. */
  public ChainException(ChainError error, String message, Throwable cause) {
    super(error + ": " + message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The reason for the rejection; never null. */
  public ChainError error() {
    return error;
  }
}
