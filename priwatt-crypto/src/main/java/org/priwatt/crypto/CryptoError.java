package org.priwatt.crypto;

/**
 * Every way untrusted cryptographic input can be rejected by {@code priwatt-crypto}. Carried by
 * {@link CryptoException}; one constant per failure so callers and tests can tell them apart.
 */
public enum CryptoError {
  // ---- keys ----
  /** A private key is not 32 bytes, or its scalar is 0 or not below the curve order n. */
  INVALID_PRIVATE_KEY,
  /** A public key has the wrong length or prefix byte, is not on the curve, or is infinity. */
  INVALID_PUBLIC_KEY,
  /** A tweak (BIP 32 derivation) is not below n or yields the point at infinity / zero key. */
  INVALID_TWEAK,

  // ---- signatures ----
  /** A DER signature breaks the strict encoding rules of BIP 66. */
  INVALID_SIGNATURE_ENCODING,
  /** A signature's R or S is zero or not below the curve order. */
  INVALID_SIGNATURE_VALUE,
  /** A compact (65-byte recoverable) signature has a bad header or does not recover a key. */
  INVALID_RECOVERABLE_SIGNATURE,

  // ---- Base58 and Base58Check ----
  /** A character outside the Base58 alphabet. */
  BASE58_INVALID_CHARACTER,
  /** Base58Check data shorter than its 4-byte checksum. */
  BASE58_TOO_SHORT,
  /** Base58Check checksum mismatch. */
  BASE58_BAD_CHECKSUM,
  /** Encoded input larger than this decoder accepts. */
  INPUT_TOO_LARGE,

  // ---- addresses and WIF ----
  /** The decoded payload has the wrong length for its kind. */
  BAD_LENGTH,
  /** A version byte that no known network uses. */
  UNKNOWN_VERSION,
  /** A version byte that belongs to a different network than the one expected. */
  WRONG_NETWORK,
  /** A 34-byte WIF payload whose final compression-flag byte is not 0x01. */
  INVALID_COMPRESSION_FLAG,

  // ---- BIP 32 ----
  /** An extended key string or byte form is malformed. */
  INVALID_EXTENDED_KEY,
  /** A derivation path is malformed or an index out of range. */
  INVALID_DERIVATION_PATH,
  /** Hardened derivation asked of a public-only extended key. */
  HARDENED_FROM_PUBLIC,

  // ---- key store and encryption ----
  /** The passphrase is wrong or the sealed data was altered (the two cannot be told apart). */
  DECRYPTION_FAILED,
  /** A key file is not in a format this version understands. */
  UNSUPPORTED_FORMAT,
  /**
   * A sealed file asks for a scrypt cost above the reader's {@link ScryptLimits}; refused before
   * any KDF work, since the cost is read before the file can be authenticated.
   */
  SCRYPT_COST_TOO_HIGH,
  /** A key file is structurally damaged (truncated, bad lengths). */
  CORRUPT_DATA,
  /** Reading or writing key material failed at the I/O layer. */
  IO_FAILURE,
}
