package org.priwatt.energy;

import java.util.Objects;
import org.priwatt.crypto.codec.DecodeException;

/**
 * The one checked exception of {@code priwatt-energy}: the DSO refused a request, bytes from a
 * peer, a file or the DSO did not decode, storage failed, or a layer underneath (messaging,
 * chain) failed — the {@link EnergyFailure} says which, the cause keeps the underlying exception,
 * and the message never holds secret material.
 */
public final class EnergyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final EnergyFailure failure;

  /**
   * An exception for {@code failure} with a human-readable {@code detail}.
   *
   * @throws NullPointerException if {@code failure} is null
   */
  public EnergyException(EnergyFailure failure, String detail) {
    super(Objects.requireNonNull(failure, "failure").name() + ": " + detail);
    this.failure = failure;
  }

  /** As {@link #EnergyException(EnergyFailure, String)} with the underlying cause. */
  public EnergyException(EnergyFailure failure, String detail, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").name() + ": " + detail, cause);
    this.failure = failure;
  }

  /** A decoding failure of {@code what}, keeping the codec's offset in the message. */
  public static EnergyException decoding(String what, DecodeException e) {
    return new EnergyException(EnergyError.of(e.error()), what + ": " + e.getMessage(), e);
  }

  /** Why; never null. */
  public EnergyFailure failure() {
    return failure;
  }
}
