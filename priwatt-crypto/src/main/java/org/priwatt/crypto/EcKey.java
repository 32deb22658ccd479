package org.priwatt.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.internal.Backends;
import org.priwatt.crypto.internal.Curve;
import org.priwatt.crypto.internal.CurveBackend;

/**
 * A secp256k1 private key with its public key.
 *
 * <p>Signing uses RFC 6979 deterministic nonces, so a nonce never repeats across messages and
 * never depends on a random source (paper threat A23), and always yields low-S signatures.
 * The private scalar is kept in one private array that {@link #destroy()} zeroes; it never
 * appears in {@link #toString()}, and {@link #equals} compares it in constant time.
 */
public final class EcKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] priv;
  private final EcPublicKey publicKey;
  private volatile boolean destroyed;

  private EcKey(byte[] priv, EcPublicKey publicKey) {
    this.priv = priv;
    this.publicKey = publicKey;
  }

  /** Generates a new key from a shared {@link SecureRandom}; its public key is compressed. */
  public static EcKey generate() {
    return generate(RANDOM);
  }

  /** Generates a new key from {@code random} (which must be a cryptographic generator). */
  public static EcKey generate(SecureRandom random) {
    CurveBackend backend = Backends.active();
    byte[] k = new byte[32];
    do {
      random.nextBytes(k);
    } while (!Curve.isValidPrivateKey(k)); // rejection sampling: uniform in [1, n-1]
    return create(backend, k, true);
  }

  /**
   * Imports a 32-byte big-endian private key with a compressed public key.
   *
   * @throws CryptoException INVALID_PRIVATE_KEY if it is not 32 bytes or not in [1, n-1]
   */
  public static EcKey fromPrivate(byte[] priv) throws CryptoException {
    return fromPrivate(priv, true);
  }

  /**
   * Imports a 32-byte big-endian private key; {@code compressed} chooses the public key's
   * encoding (which changes its HASH160 and so its address).
   *
   * <p>Security: the range check runs in constant time ({@code Curve.isValidPrivateKey}, the
   * same check WIF and BIP 32 use).
   *
   * @throws CryptoException INVALID_PRIVATE_KEY if it is not 32 bytes or not in [1, n-1]
   */
  public static EcKey fromPrivate(byte[] priv, boolean compressed) throws CryptoException {
    Objects.requireNonNull(priv, "priv");
    CurveBackend backend = Backends.active();
    if (!Curve.isValidPrivateKey(priv)) {
      throw new CryptoException(CryptoError.INVALID_PRIVATE_KEY,
          "private key must be 32 bytes in [1, n-1]");
    }
    return create(backend, priv.clone(), compressed);
  }

  private static EcKey create(CurveBackend backend, byte[] k, boolean compressed) {
    byte[] pub = backend.createPublicKey(k);
    return new EcKey(k, EcPublicKey.fromTrustedUncompressed(pub, compressed));
  }

  /** Returns the public key. */
  public EcPublicKey publicKey() {
    return publicKey;
  }

  /** Returns true if the public key uses the compressed encoding. */
  public boolean isCompressed() {
    return publicKey.isCompressed();
  }

  /**
   * Returns a copy of the 32-byte private key. Security: the caller owns the copy and should
   * zero it after use.
   */
  public byte[] privateKeyBytes() {
    checkAlive();
    return priv.clone();
  }

  /**
   * Signs a 32-byte message hash (RFC 6979 nonce, low S).
   *
   * @throws IllegalArgumentException if {@code hash} is not 32 bytes
   * @throws IllegalStateException if the key was destroyed
   */
  public EcdsaSignature sign(byte[] hash) {
    EcPublicKey.checkHash(hash);
    checkAlive();
    return EcdsaSignature.trustedCompact(Backends.active().sign(hash, priv));
  }

  /**
   * Signs and attaches the recovery id, so the public key can be recovered from the signature
   * (Bitcoin's signed messages).
   */
  public RecoverableSignature signRecoverable(byte[] hash) {
    EcdsaSignature sig = sign(hash);
    for (int recId = 0; recId < 4; recId++) {
      EcPublicKey k = RecoverableSignature.recover(sig, hash, recId, isCompressed());
      if (k != null && Arrays.equals(k.uncompressedUnsafe(), publicKey.uncompressedUnsafe())) {
        return new RecoverableSignature(sig, recId, isCompressed());
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signing key");
  }

  /**
   * Returns (this key + tweak) mod n with the same compression (BIP 32 private derivation).
   *
   * @throws CryptoException INVALID_TWEAK if tweak ≥ n or the result is zero
   */
  public EcKey tweakAdd(byte[] tweak) throws CryptoException {
    EcPublicKey.check32(tweak, "tweak");
    checkAlive();
    CurveBackend backend = Backends.active();
    byte[] k = backend.privateKeyTweakAdd(priv, tweak);
    if (k == null) {
      throw new CryptoException(CryptoError.INVALID_TWEAK, "tweak out of range or result zero");
    }
    return create(backend, k, isCompressed());
  }

  /**
   * Returns the X coordinate of this·peer, the raw ECDH shared secret that ECIES schemes hash
   * with their own KDF. Security: the peer key has been validated on the curve by its type.
   */
  public byte[] ecdhX(EcPublicKey peer) throws CryptoException {
    checkAlive();
    return peer.multiply(priv).xCoordinate();
  }

  /**
   * Returns the raw X coordinate of priv·P for an untrusted 65-byte uncompressed encoding of P,
   * validated in the same pass, or null if it is not a curve point. For {@link Ecies}, whose
   * trial decryptions mostly fail and should not parse the ephemeral key twice.
   *
   * @throws IllegalStateException if this key was destroyed
   */
  byte[] ecdhXUntrusted(byte[] uncompressed) {
    checkAlive();
    return Backends.active().ecdhXUntrusted(uncompressed, priv);
  }

  /** Zeroes the private key; later use throws {@link IllegalStateException}. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(priv, (byte) 0);
  }

  /** Returns true after {@link #destroy()}. */
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("key destroyed");
    }
  }

  /** Keys are equal if their private scalars are equal (constant-time) and compression matches. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EcKey)) {
      return false;
    }
    EcKey other = (EcKey) o;
    return MessageDigest.isEqual(priv, other.priv) && isCompressed() == other.isCompressed();
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  /** Shows only the public key. */
  @Override
  public String toString() {
    return "EcKey{pub=" + publicKey + "}";
  }
}
