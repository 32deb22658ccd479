package org.priwatt.crypto;

import java.util.Objects;

/**
 * Thrown when untrusted input is rejected by {@code priwatt-crypto}. The {@link #error()} code
 * says why; the message adds context but never secret material.
 */
public final class CryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final CryptoError error;

  /** Creates an exception for {@code error} with a human-readable {@code message}. */
  public CryptoException(CryptoError error, String message) {
    super(error + ": " + message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Creates an exception for {@code error} caused by {@code cause}. */
  public CryptoException(CryptoError error, String message, Throwable cause) {
    super(error + ": " + message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The reason for the rejection. */
  public CryptoError error() {
    return error;
  }
}
