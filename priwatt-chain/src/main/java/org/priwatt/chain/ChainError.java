package org.priwatt.chain;

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
  STORE_CORRUPT,
}
