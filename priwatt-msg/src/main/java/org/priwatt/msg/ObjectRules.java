package org.priwatt.msg;

import java.util.Objects;

/**
 * Acceptance rules every node applies to an incoming object before storing or relaying it
 * (PyBitmessage {@code BMObject.checkEOLSanity} and {@code isProofOfWorkSufficient}): the expiry
 * may lie at most {@link #MAX_TTL} in the future and at most {@link #EXPIRY_GRACE} in the past, and
 * the proof of work must meet the target for the network minimum difficulty. Immutable.
 */
public final class ObjectRules {
  /** Longest allowed time to live: 28 days plus 3 hours of clock-skew grace, in seconds. */
  public static final long MAX_TTL = 28L * 24 * 3600 + 3 * 3600;
  /** How long after its expiry an object is still accepted, in seconds (one hour). */
  public static final long EXPIRY_GRACE = 3600;

  private final PowParameters minimum;

  private ObjectRules(PowParameters minimum) {
    this.minimum = minimum;
  }

  /** Rules with the network default difficulty (1000 trials per byte, 1000 extra bytes). */
  public static ObjectRules networkDefault() {
    return new ObjectRules(PowParameters.NETWORK_DEFAULT);
  }

  /**
   * Rules with a different minimum difficulty; tests and private deployments use tiny values so
   * that proof of work takes milliseconds.
   */
  public static ObjectRules withMinimum(PowParameters minimum) {
    return new ObjectRules(Objects.requireNonNull(minimum, "minimum"));
  }

  /** Returns the minimum difficulty every object must meet. */
  public PowParameters minimum() {
    return minimum;
  }

  /**
   * Checks expiry and proof of work of {@code object} at {@code nowSeconds}.
   *
   * @throws MessageException {@link MessageError#EXPIRES_TOO_FAR}, {@link MessageError#EXPIRED} or
   *     {@link MessageError#INSUFFICIENT_POW}
   */
  public void check(MessageObject object, long nowSeconds) throws MessageException {
    checkExpiry(object, nowSeconds);
    if (!ProofOfWork.isSufficient(object, minimum, nowSeconds)) {
      throw new MessageException(MessageError.INSUFFICIENT_POW, "object " + object.inventoryHash());
    }
  }

  /**
   * Checks only the expiry window of {@code object} at {@code nowSeconds}.
   *
   * @throws MessageException {@link MessageError#EXPIRES_TOO_FAR} or {@link MessageError#EXPIRED}
   */
  public void checkExpiry(MessageObject object, long nowSeconds) throws MessageException {
    long ttl = object.expiresTime() - nowSeconds;
    if (ttl > MAX_TTL) {
      throw new MessageException(MessageError.EXPIRES_TOO_FAR, "expires in " + ttl + " s");
    }
    if (ttl < -EXPIRY_GRACE) {
      throw new MessageException(MessageError.EXPIRED, "expired " + (-ttl) + " s ago");
    }
  }
}
