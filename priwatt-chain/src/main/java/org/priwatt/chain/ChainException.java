package org.priwatt.chain;

import java.util.Objects;
import org.priwatt.crypto.codec.DecodeException;

/**
 * The one checked exception of {@code priwatt-chain}: untrusted bytes were rejected, a block or
 * header is invalid, a signing request or wallet operation could not complete, or the chain
 * store failed. The {@link ChainFailure} it carries ({@link #failure()}, a constant of {@link
 * ChainError}, {@link org.priwatt.chain.block.BlockError} or {@link
 * org.priwatt.chain.wallet.WalletError}) says why; the message adds context (an offset, a length,
 * a block hash) but never key material.
 */
public final class ChainException extends Exception {
  private static final long serialVersionUID = 2L;

  private final ChainFailure failure;

  /**
   * Creates an exception for {@code failure} with a human-readable {@code message}; the message
   * becomes {@code "<failure name>: <message>"}.
   *
   * @throws NullPointerException if {@code failure} is null
   */
  public ChainException(ChainFailure failure, String message) {
    super(Objects.requireNonNull(failure, "failure").name() + ": " + message);
    this.failure = failure;
  }

  /**
   * Creates an exception for {@code failure} caused by {@code cause}.
   *
   * @throws NullPointerException if {@code failure} is null
   */
  public ChainException(ChainFailure failure, String message, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").name() + ": " + message, cause);
    this.failure = failure;
  }

  /**
   * Reports untrusted bytes that did not decode: the failure is {@link ChainError#of} the
   * decoder's error, the message names the decoder's offset.
   *
   * @throws NullPointerException if {@code cause} is null
   */
  public ChainException(DecodeException cause) {
    this(ChainError.of(cause.error()), cause.getMessage(), cause);
  }

  /**
   * The reason for the rejection; never null. Compare with {@code ==} ({@code e.failure() ==
   * ChainError.TRUNCATED}) or test the domain ({@code e.failure() instanceof BlockError}).
   */
  public ChainFailure failure() {
    return failure;
  }
}
