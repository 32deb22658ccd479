package org.priwatt.chain.block;

import java.util.Objects;

/**
 * A block header, target or Merkle branch failed to decode or validate. Carries the {@link
 * BlockError} naming the failure; the message adds context for logs.
 */
public final class BlockException extends Exception {
  private static final long serialVersionUID = 1L;

  private final BlockError error;

  /**
   * Creates an exception for {@code error} with a context message.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public BlockException(BlockError error, String message) {
    super(Objects.requireNonNull(error, "error") + ": " + message);
    this.error = error;
  }

  /** Returns the failure, never null. */
  public BlockError error() {
    return error;
  }
}
