package org.priwatt.node;

import java.util.Objects;

/** The node module's one exception: {@link #error()} says what failed, the message gives context. */
public final class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final NodeError error;

  /**
   * A failure {@code error} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public NodeException(NodeError error, String detail) {
    super(Objects.requireNonNull(error, "error") + ": " + detail);
    this.error = error;
  }

  /**
   * A failure {@code error} caused by {@code cause}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public NodeException(NodeError error, String detail, Throwable cause) {
    super(Objects.requireNonNull(error, "error") + ": " + detail, cause);
    this.error = error;
  }

  /** What failed; never null. */
  public NodeError error() {
    return error;
  }
}
