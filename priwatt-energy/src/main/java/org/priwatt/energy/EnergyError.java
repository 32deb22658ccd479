package org.priwatt.energy;

import org.priwatt.crypto.codec.DecodeError;

/**
 * The energy module's own failures, as opposed to the DSO's refusals ({@link
 * org.priwatt.energy.registry.RegistryError}): untrusted bytes that do not decode or hold values
 * out of range, local storage, and failures of the layers underneath (messaging, chain), which are
 * wrapped with their cause so a caller of the energy API handles one exception type.
 */
public enum EnergyError implements EnergyFailure {
  // ---------------------------------------------------------------- decoding untrusted bytes
  /** The bytes ended inside a field. */
  TRUNCATED,
  /** A field holds a value outside its domain (a bad key, a bad flag byte, invalid UTF-8), or bytes are left over. */
  MALFORMED,
  /** The input is longer than the largest encoding of its type. */
  OVERSIZED,
  /** A format version this code does not know. */
  UNSUPPORTED_VERSION,
  /** A kind or type code this code does not know. */
  UNKNOWN_KIND,
  /** A value is well-formed but outside the bounds the SDK accepts (an offer's energy, price or total). */
  OUT_OF_RANGE,
  /** A signature or DSO certificate does not verify for the key it names. */
  BAD_SIGNATURE,

  // ---------------------------------------------------------------- storage
  /** A log or snapshot could not be written or read; nothing was changed. */
  STORAGE,
  /** The write-ahead log is damaged before its tail; it was left untouched for an operator. */
  CORRUPT_LOG,
  /** A file holding secrets is readable or writable by others than its owner. */
  INSECURE_PERMISSIONS,
  /**
   * A sealed session snapshot cannot be opened: wrong key, altered or truncated file (sealing
   * cannot tell these apart), or it is larger than a snapshot may be.
   */
  SNAPSHOT_UNREADABLE,

  // ---------------------------------------------------------------- layers underneath
  /** The messaging layer refused or failed (the cause is its {@code MessageException}). */
  MESSAGING,
  /** The chain layer refused or failed (the cause is its {@code ChainException}). */
  CHAIN;

  /** The constant for a codec failure. */
  public static EnergyError of(DecodeError e) {
    return switch (e) {
      case TRUNCATED -> TRUNCATED;
      case OVERSIZED -> OVERSIZED;
      case UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
      case UNKNOWN_TYPE -> UNKNOWN_KIND;
      case OUT_OF_RANGE -> OUT_OF_RANGE;
      case LENGTH_OUT_OF_RANGE, NON_CANONICAL, TRAILING_BYTES, MALFORMED -> MALFORMED;
    };
  }
}
