package org.priwatt.energy;

import java.util.Objects;

/**
 * Raised when the DSO registry refuses a request, when registry bytes (requests, replies, log
 * records) are malformed, or when storage fails. {@link #error()} says why; the message never
 * contains secret material.
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RegistryError error;

  /**
   * Creates an exception for {@code error} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public RegistryException(RegistryError error, String detail) {
    super(Objects.requireNonNull(error, "error") + ": " + detail);
    this.error = error;
  }

  /** As {@link #RegistryException(RegistryError, String)} with the underlying cause. */
  public RegistryException(RegistryError error, String detail, Throwable cause) {
    super(Objects.requireNonNull(error, "error") + ": " + detail, cause);
    this.error = error;
  }

  /** The reason; never null. */
  public RegistryError error() {
    return error;
  }
}
