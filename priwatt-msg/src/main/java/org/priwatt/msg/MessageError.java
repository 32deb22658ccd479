package org.priwatt.msg;

import org.priwatt.crypto.codec.DecodeError;

/**
 * Every way untrusted Bitmessage-style input can be rejected by {@code priwatt-msg}. Carried by
 * {@link MessageException} and by the result values of hot paths; one constant per failure.
 */
public enum MessageError {
  // ---- encoding ----
  /** The input ended before a field it announced was complete. */
  TRUNCATED,
  /** A variable-length integer is not in its shortest form (protocol v3 forbids that). */
  NON_MINIMAL_VARINT,
  /** A length, count or varint exceeds the bound this decoder accepts. */
  TOO_LARGE,
  /** Bytes are left over after a structure that must end the input. */
  TRAILING_DATA,
  /** A field holds a value outside its allowed range (negative time, zero stream, ...). */
  INVALID_FIELD,

  // ---- addresses ----
  /** An address holds a character outside the Base58 alphabet or is empty. */
  ADDRESS_INVALID_CHARACTER,
  /** The 4-byte double SHA-512 checksum of an address does not match. */
  ADDRESS_BAD_CHECKSUM,
  /** An address version this implementation cannot decode (0, 1 or above 4). */
  ADDRESS_UNSUPPORTED_VERSION,
  /** The embedded RIPE hash is too short, too long or keeps a leading zero (v4 malleability). */
  ADDRESS_BAD_RIPE,

  // ---- objects ----
  /** An object type this node does not know how to handle for the requested operation. */
  UNKNOWN_OBJECT_TYPE,
  /** An object version this implementation does not support. */
  UNSUPPORTED_OBJECT_VERSION,
  /** The object's proof of work is below the required target. */
  INSUFFICIENT_POW,
  /** The object's expiry is more than 28 days plus 3 hours in the future. */
  EXPIRES_TOO_FAR,
  /** The object expired more than the grace period ago. */
  EXPIRED,
  /** The object belongs to a stream this node does not serve. */
  WRONG_STREAM,

  // ---- content ----
  /** Decryption failed: wrong key or the ciphertext or its MAC was altered. */
  DECRYPTION_FAILED,
  /** A decrypted payload is malformed (bad public key, bad field layout). */
  MALFORMED_CONTENT,
  /** The sender's ECDSA signature over the object does not verify. */
  BAD_SIGNATURE,
  /** A decrypted message names a different recipient RIPE than the identity that decrypted it. */
  WRONG_RECIPIENT,
  /** The sender's keys do not hash to the address the content claims. */
  SENDER_MISMATCH,

  // ---- node ----
  /** The proof-of-work search was cancelled (flag, interrupt or future cancelled) before it found a nonce. */
  POW_CANCELLED,
  /** The proof-of-work search passed its deadline before it found a nonce. */
  POW_DEADLINE_EXCEEDED,
  /**
   * A recipient demands more proof of work than the node's ceiling
   * ({@code MessageNode.Builder.maxAcceptedPow}); refused before any work was done.
   */
  POW_TOO_DEMANDING,
  /** The node already holds its maximum of queued proof-of-work jobs ({@code MessageNode.Builder.maxQueuedPow}). */
  POW_QUEUE_FULL,
  /** The node was closed before the operation completed. */
  NODE_CLOSED,
  /** The object store is full and the object expires sooner than everything it holds. */
  STORE_FULL;

  /**
   * The constant a failure of the shared byte codec becomes at this module's API boundary: the
   * codec's {@link DecodeError} says what was wrong with the bytes, this enum says it in
   * Bitmessage terms.
   */
  static MessageError of(DecodeError error) {
    return switch (error) {
      case TRUNCATED -> TRUNCATED;
      case NON_CANONICAL -> NON_MINIMAL_VARINT;
      case LENGTH_OUT_OF_RANGE, OVERSIZED -> TOO_LARGE;
      case TRAILING_BYTES -> TRAILING_DATA;
      case UNSUPPORTED_VERSION -> UNSUPPORTED_OBJECT_VERSION;
      case UNKNOWN_TYPE -> UNKNOWN_OBJECT_TYPE;
      case OUT_OF_RANGE, MALFORMED -> INVALID_FIELD;
    };
  }
}
