package org.priwatt.examples.cli;

import java.util.Objects;

/** A command's own failure (exit 1), carrying its {@link CliError}. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final CliError error;

  /** A failure with its code and a message for the user. */
  public CliException(CliError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** A failure with its code, a message for the user and the cause. */
  public CliException(CliError error, String message, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Why the command failed. */
  public CliError error() {
    return error;
  }
}
