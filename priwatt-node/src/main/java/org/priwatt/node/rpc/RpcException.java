package org.priwatt.node.rpc;

import java.util.Objects;

/**
 * A JSON-RPC error answer: the {@link RpcError} code and the message sent to the client in
 * {@code {"code": ..., "message": ...}}. Thrown by method handlers for every expected failure
 * (bad input, unknown objects, refused transactions); the message is written to the client as
 * is, so it must never carry a secret.
 */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RpcError error;

  /**
   * An error answer.
   *
   * @throws NullPointerException if an argument is null
   */
  public RpcException(RpcError error, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.error = Objects.requireNonNull(error, "error");
  }

  /** As {@link #RpcException(RpcError, String)}, keeping the cause for the log. */
  public RpcException(RpcError error, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error code. */
  public RpcError error() {
    return error;
  }
}
