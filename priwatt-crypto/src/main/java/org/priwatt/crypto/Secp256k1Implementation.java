package org.priwatt.crypto;

/** The two interchangeable secp256k1 implementations. */
public enum Secp256k1Implementation {
  /** libsecp256k1 (Bitcoin Core's library) through ACINQ's JNI binding: about 3× faster. */
  NATIVE,
  /**
   * Pure Java, runs anywhere a JVM runs: Bouncy Castle's custom curve for operations on secrets
   * (signing, key derivation, ECDH), PriWatt's own variable-time arithmetic for operations on
   * public data (key parsing, signature verification, key recovery, public tweaks).
   */
  BOUNCY_CASTLE
}
