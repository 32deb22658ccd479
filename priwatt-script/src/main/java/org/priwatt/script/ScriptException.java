package org.priwatt.script;

import java.util.Objects;

/**
 * Thrown by the parts of this module that build or decode scripts outside the interpreter's hot
 * path (for example {@link ScriptNum#decode}); carries the {@link ScriptError} that names the
 * failure. The interpreter itself returns {@link ScriptError} values instead of throwing.
 */
public final class ScriptException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ScriptError error;

  /**
   * Creates an exception for {@code error} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public ScriptException(ScriptError error, String detail) {
    super(Objects.requireNonNull(error, "error") + (detail == null ? "" : ": " + detail));
    this.error = error;
  }

  /** Returns the failure code; never null. */
  public ScriptError error() {
    return error;
  }
}
