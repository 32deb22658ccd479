package org.priwatt.chain;

import org.priwatt.crypto.codec.DecodeError;

/**
 * Every way {@code priwatt-chain} rejects untrusted input, fails a signing request or finds its
 * store unusable. One of the three {@link ChainFailure} domains carried by {@link
 * ChainException}; one constant per failure so callers and tests can tell them apart.
 *
 * <p>Consensus rule violations of a well-formed transaction are not errors of this kind: they
 * are reported as a {@link TxRejectReason} result value.
 */
public enum ChainError implements ChainFailure {
  // ---- decoding ----
  /** The input ended before the structure being decoded was complete. */
  TRUNCATED,
  /** A CompactSize integer used a longer encoding than its value needs. */
  NON_CANONICAL_COMPACT_SIZE,
  /**
   * A count or length prefix exceeds what the remaining input could hold or what the type
   * allows; raised before any allocation of that size.
   */
  LENGTH_OUT_OF_RANGE,
  /** The input is larger than the maximum encoded size of the type being decoded. */
  OVERSIZED,
  /** Bytes remained after a complete value was decoded from input meant to hold exactly one. */
  TRAILING_BYTES,
  /** A string that should hold hex digits has odd length or a non-hex character. */
  INVALID_HEX,
  /**
   * A transaction in BIP 144's witness serialization (marker 0x00 and a non-zero flag byte where
   * the input count would be): segregated witness is not part of the PriWatt chain.
   */
  SEGWIT_NOT_SUPPORTED,
  /**
   * A decoded field holds a value outside its domain (an unknown code, a number outside its
   * bounds); the counterpart of the shared decoder's {@code MALFORMED}, {@code UNKNOWN_TYPE} and
   * {@code OUT_OF_RANGE} (see {@link #of(DecodeError)}).
   */
  MALFORMED,

  // ---- signing ----
  /** The output being spent is neither P2PKH nor P2SH over a bare multisig redeem script. */
  UNSUPPORTED_SCRIPT,
  /** The signing key does not belong to the script being spent. */
  KEY_NOT_IN_SCRIPT,
  /** An input's existing scriptSig is not a shape this signer can extend (pushes only). */
  MALFORMED_SCRIPT_SIG,
  /** A signature already present in a partially signed input does not verify for any key. */
  INVALID_EXISTING_SIGNATURE,
  /** The signed input failed script verification; nothing is returned. */
  VERIFICATION_FAILED,

  // ---- storage ----
  /** The chain store could not read or write (I/O error, database closed). */
  STORE_FAILURE,
  /**
   * The chain store holds data that does not decode or does not fit together (missing undo
   * data, a genesis block of another network).
   */
  STORE_CORRUPT;

  /**
   * The constant of the same meaning as a failure of the shared decoder, for reporting decode
   * errors at this module's API boundary: {@link DecodeError#NON_CANONICAL} is {@link
   * #NON_CANONICAL_COMPACT_SIZE} (the only variable-length integer of the chain's formats);
   * {@link DecodeError#UNSUPPORTED_VERSION} is {@link #SEGWIT_NOT_SUPPORTED} (the only format tag
   * the chain's decoders refuse is BIP 144's witness flag); a value outside its domain ({@link
   * DecodeError#MALFORMED}, {@link DecodeError#UNKNOWN_TYPE}, {@link DecodeError#OUT_OF_RANGE})
   * is {@link #MALFORMED}; the others keep their names.
   */
  public static ChainError of(DecodeError error) {
    return switch (error) {
      case TRUNCATED -> TRUNCATED;
      case LENGTH_OUT_OF_RANGE -> LENGTH_OUT_OF_RANGE;
      case NON_CANONICAL -> NON_CANONICAL_COMPACT_SIZE;
      case TRAILING_BYTES -> TRAILING_BYTES;
      case OVERSIZED -> OVERSIZED;
      case UNSUPPORTED_VERSION -> SEGWIT_NOT_SUPPORTED;
      case MALFORMED, UNKNOWN_TYPE, OUT_OF_RANGE -> MALFORMED;
    };
  }
}
