package org.priwatt.msg;

/**
 * Proof-of-work difficulty parameters of Bitmessage protocol v3: the average number of nonce
 * trials per byte and the extra bytes added to every object's length (so that tiny objects still
 * cost something). An identity may demand more than the network minimum from senders; it
 * publishes its parameters in its pubkey and in every message it sends.
 *
 * @param nonceTrialsPerByte at least 1
 * @param payloadLengthExtraBytes at least 0
 */
public record PowParameters(long nonceTrialsPerByte, long payloadLengthExtraBytes) {
  /** Largest value accepted for either parameter (keeps target arithmetic far from overflow). */
  public static final long MAX_VALUE = 1L << 40;
  /** The network default and minimum, 1000 trials per byte and 1000 extra bytes. */
  public static final PowParameters NETWORK_DEFAULT = new PowParameters(1000, 1000);

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException if nonceTrialsPerByte is below 1, payloadLengthExtraBytes is
   *     negative, or either exceeds {@link #MAX_VALUE}
   */
  public PowParameters {
    if (nonceTrialsPerByte < 1 || nonceTrialsPerByte > MAX_VALUE || payloadLengthExtraBytes < 0 || payloadLengthExtraBytes > MAX_VALUE) {
      throw new IllegalArgumentException("pow parameters out of range: " + nonceTrialsPerByte + "/" + payloadLengthExtraBytes);
    }
  }

  /**
   * Returns whether neither field exceeds the same field of {@code ceiling}: a sender does the
   * work only for parameters within its ceiling (PyBitmessage compares the two fields the same
   * way against {@code maxacceptablenoncetrialsperbyte} and {@code maxacceptablepayloadlengthextrabytes}).
   */
  public boolean isWithin(PowParameters ceiling) {
    return nonceTrialsPerByte <= ceiling.nonceTrialsPerByte && payloadLengthExtraBytes <= ceiling.payloadLengthExtraBytes;
  }

  /**
   * Returns both fields multiplied by {@code factor}.
   *
   * @throws IllegalArgumentException if factor is below 1 or a product exceeds {@link #MAX_VALUE}
   */
  public PowParameters times(long factor) {
    if (factor < 1 || nonceTrialsPerByte > MAX_VALUE / factor || payloadLengthExtraBytes > MAX_VALUE / factor) {
      throw new IllegalArgumentException("factor out of range: " + factor);
    }
    return new PowParameters(nonceTrialsPerByte * factor, payloadLengthExtraBytes * factor);
  }

  /** Returns these parameters raised, field by field, to at least {@code minimum}. */
  public PowParameters atLeast(PowParameters minimum) {
    return new PowParameters(Math.max(nonceTrialsPerByte, minimum.nonceTrialsPerByte),
        Math.max(payloadLengthExtraBytes, minimum.payloadLengthExtraBytes));
  }
}
