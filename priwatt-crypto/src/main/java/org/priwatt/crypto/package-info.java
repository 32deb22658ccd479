/**
 * The cryptographic foundation of PriWatt: secp256k1 keys and ECDSA signatures (RFC 6979, low-S,
 * strict DER), SHA-256/SHA-512/RIPEMD-160 and HMAC helpers, Base58Check, addresses, BIP 32
 * hierarchical keys, an encrypted key store with crash-safe file replacement ({@link
 * org.priwatt.crypto.AtomicFiles}) and ECIES building blocks.
 *
 * <p>Everything here is an immutable value or a stateless helper. secp256k1 arithmetic runs on one
 * of two interchangeable backends (native libsecp256k1, or pure Java: Bouncy Castle plus
 * PriWatt's own verifier), chosen once per process; see {@link org.priwatt.crypto.Secp256k1}.
 */
package org.priwatt.crypto;
