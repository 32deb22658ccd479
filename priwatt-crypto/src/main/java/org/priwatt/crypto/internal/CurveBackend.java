package org.priwatt.crypto.internal;

/**
 * The secp256k1 operations PriWatt needs, implemented once on libsecp256k1 and once on Bouncy
 * Castle. Both implementations must give byte-identical results (a differential test checks it).
 * Private keys are range-checked before they reach a backend, once, by {@link
 * Curve#isValidPrivateKey} (constant time); backends do not check them again.
 *
 * <p>Preconditions, checked by the callers in {@code org.priwatt.crypto} and not again here:
 * private keys and tweaks are 32 bytes, message hashes 32 bytes, public keys the 65-byte
 * uncompressed encoding of a point already validated by {@link #parsePublicKey}. Operations
 * whose result depends on untrusted values (tweaks, scalars) report failure with {@code null}.
 */
public interface CurveBackend {
  /** Short name for logs and diagnostics. */
  String name();

  /** Returns the 65-byte uncompressed public key for a valid private key. */
  byte[] createPublicKey(byte[] priv);

  /**
   * Parses a SEC-encoded point (02/03 compressed, 04 uncompressed, 06/07 hybrid) and returns its
   * 65-byte uncompressed form, or {@code null} if it is not a valid point on the curve.
   */
  byte[] parsePublicKey(byte[] encoded);

  /** Returns a backend-specific prepared form of a validated public key, reused across verifies. */
  Object preparePublicKey(byte[] uncompressed);

  /** Signs with RFC 6979 nonces and returns the 64-byte compact (R‖S) signature with low S. */
  byte[] sign(byte[] hash, byte[] priv);

  /**
   * Verifies a compact signature whose S is already low; {@code prepared} comes from
   * {@link #preparePublicKey}. Returns false for any invalid signature, never throws.
   */
  boolean verify(byte[] hash, byte[] compactLowS, Object prepared);

  /** Returns (priv + tweak) mod n, or null if tweak ≥ n or the result is zero. */
  byte[] privateKeyTweakAdd(byte[] priv, byte[] tweak);

  /** Returns P + tweak·G uncompressed, or null if tweak ≥ n or the result is infinity. */
  byte[] publicKeyTweakAdd(byte[] uncompressed, byte[] tweak);

  /**
   * Returns scalar·P uncompressed, or null if the scalar is zero or ≥ n; {@code prepared} comes
   * from {@link #preparePublicKey}, so a key multiplied repeatedly is decoded once.
   */
  byte[] publicKeyMultiply(Object prepared, byte[] scalar);

  /**
   * Returns the 32-byte X coordinate of priv·P for an <em>untrusted</em> 65-byte uncompressed
   * encoding of P, which this method validates itself (prefix 04, coordinates below p, on the
   * curve), or null if it is not a valid point. The exception to the class's precondition, for
   * ECIES trial decryption: parsing and multiplying in one pass spares a separate
   * {@link #parsePublicKey} on a path where most inputs belong to someone else.
   */
  byte[] ecdhXUntrusted(byte[] uncompressed, byte[] priv);

  /**
   * Recovers the public key (uncompressed) from a compact signature and recovery id 0..3, or
   * returns null if no key matches.
   */
  byte[] recoverPublicKey(byte[] compact, byte[] hash, int recId);
}
