package org.priwatt.chain.wallet;

import java.util.Objects;

/**
 * Thrown when a wallet operation cannot complete; {@link #error()} says why. Messages never
 * contain key material.
 */
public final class WalletException extends Exception {
  private static final long serialVersionUID = 1L;

  private final WalletError error;

  /** Creates an exception for {@code error}. */
  public WalletException(WalletError error, String message) {
    super(error + ": " + message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Creates an exception for {@code error} caused by {@code cause}. */
  public WalletException(WalletError error, String message, Throwable cause) {
    super(error + ": " + message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The reason; never null. */
  public WalletError error() {
    return error;
  }
}
