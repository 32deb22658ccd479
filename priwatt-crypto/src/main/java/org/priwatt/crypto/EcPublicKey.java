package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.internal.Backends;
import org.priwatt.crypto.internal.CurveBackend;

/**
 * A validated secp256k1 public key: a point on the curve, never infinity.
 *
 * <p>Parsed once, reused many times: the key keeps its original encoding, its uncompressed form
 * and a backend-specific prepared form, so repeated verifications pay for no re-parsing.
 * Instances are immutable and thread-safe.
 */
public final class EcPublicKey {
  private final byte[] encoded;
  private final byte[] uncompressed;
  private final boolean compressed;
  /**
   * The process backend's prepared form of this key, made on first verification. The backend is
   * fixed for the life of the process, so the form never needs remaking; a race may make it
   * twice, with equal results.
   */
  private volatile Object prepared;

  private EcPublicKey(byte[] encoded, byte[] uncompressed, boolean compressed) {
    this.encoded = encoded;
    this.uncompressed = uncompressed;
    this.compressed = compressed;
  }

  /**
   * Decodes a SEC 1 public key: 33 bytes with prefix 02/03 or 65 bytes with prefix 04.
   *
   * <p>Security: rejects points not on the curve (invalid-curve attacks), so any key of this
   * type is safe to multiply by a secret scalar.
   *
   * @throws CryptoException INVALID_PUBLIC_KEY for a wrong length or prefix, or a point not on
   *     the curve
   */
  public static EcPublicKey decode(byte[] encoded) throws CryptoException {
    Objects.requireNonNull(encoded, "encoded");
    int prefix = encoded.length == 0 ? -1 : encoded[0];
    boolean ok = (encoded.length == 33 && (prefix == 2 || prefix == 3))
        || (encoded.length == 65 && prefix == 4);
    if (!ok) {
      throw new CryptoException(CryptoError.INVALID_PUBLIC_KEY,
          "expected 33 bytes with prefix 02/03 or 65 bytes with prefix 04, got " + encoded.length
              + " bytes" + (encoded.length == 0 ? "" : String.format(" with prefix %02x", prefix & 0xff)));
    }
    return decodePoint(encoded);
  }

  /**
   * Decodes like {@link #decode}, and also accepts the 65-byte "hybrid" encodings with prefix 06/07
   * that legacy Bitcoin consensus accepts (Core's {@code CPubKey}). Use only for consensus.
   */
  public static EcPublicKey decodeLax(byte[] encoded) throws CryptoException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length == 65 && (encoded[0] == 6 || encoded[0] == 7)) {
      return decodePoint(encoded);
    }
    return decode(encoded);
  }

  private static EcPublicKey decodePoint(byte[] encoded) throws CryptoException {
    byte[] full = Backends.active().parsePublicKey(encoded);
    if (full == null) {
      throw new CryptoException(CryptoError.INVALID_PUBLIC_KEY, "point is not on secp256k1");
    }
    return new EcPublicKey(encoded.clone(), full, encoded.length == 33);
  }

  /** Wraps a backend-produced uncompressed point, known valid. */
  static EcPublicKey fromTrustedUncompressed(byte[] uncompressed, boolean compressed) {
    byte[] enc = compressed ? compress(uncompressed) : uncompressed;
    return new EcPublicKey(enc, uncompressed, compressed);
  }

  private static byte[] compress(byte[] uncompressed) {
    byte[] c = new byte[33];
    c[0] = (byte) ((uncompressed[64] & 1) == 1 ? 3 : 2);
    System.arraycopy(uncompressed, 1, c, 1, 32);
    return c;
  }

  /** Returns a copy of the encoding this key was decoded from or created with. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Returns the 33-byte compressed SEC encoding. */
  public byte[] compressedEncoding() {
    return compress(uncompressed);
  }

  /** Returns the 65-byte uncompressed SEC encoding. */
  public byte[] uncompressedEncoding() {
    return uncompressed.clone();
  }

  /** Returns true if {@link #encoded()} is the compressed form. */
  public boolean isCompressed() {
    return compressed;
  }

  /** Returns the same point with the given preferred encoding. */
  public EcPublicKey withCompression(boolean compress) {
    return compress == compressed && encoded[0] < 5 ? this
        : fromTrustedUncompressed(uncompressed, compress);
  }

  /** Returns the 32-byte big-endian X coordinate. */
  public byte[] xCoordinate() {
    return Arrays.copyOfRange(uncompressed, 1, 33);
  }

  /** Returns HASH160 of {@link #encoded()}, the P2PKH key hash. */
  public byte[] hash160() {
    return Hashes.hash160(encoded);
  }

  /**
   * Verifies {@code signature} over a 32-byte message hash, accepting high S as legacy Bitcoin
   * consensus does (the signature is normalised first).
   *
   * @throws IllegalArgumentException if {@code hash} is not 32 bytes
   */
  public boolean verify(byte[] hash, EcdsaSignature signature) {
    checkHash(hash);
    CurveBackend backend = Backends.active();
    return backend.verify(hash, signature.normalizeS().compactUnsafe(), prepared(backend));
  }

  /** Verifies like {@link #verify} but rejects high-S signatures (BIP 62/146 policy). */
  public boolean verifyLowS(byte[] hash, EcdsaSignature signature) {
    return signature.isLowS() && verify(hash, signature);
  }

  private Object prepared(CurveBackend backend) {
    Object p = prepared;
    if (p == null) {
      p = backend.preparePublicKey(uncompressed);
      prepared = p;
    }
    return p;
  }

  /**
   * Returns this point plus {@code tweak}·G (BIP 32 public derivation), with this key's
   * compression.
   *
   * @throws CryptoException INVALID_TWEAK if tweak ≥ n or the sum is the point at infinity
   */
  public EcPublicKey tweakAdd(byte[] tweak) throws CryptoException {
    check32(tweak, "tweak");
    byte[] r = Backends.active().publicKeyTweakAdd(uncompressed, tweak);
    if (r == null) {
      throw new CryptoException(CryptoError.INVALID_TWEAK, "tweak out of range or result infinite");
    }
    return fromTrustedUncompressed(r, compressed);
  }

  /**
   * Returns {@code scalar}·P (raw point multiplication, e.g. for ECDH with a custom KDF).
   *
   * @throws CryptoException INVALID_TWEAK if the scalar is zero or ≥ n
   */
  public EcPublicKey multiply(byte[] scalar) throws CryptoException {
    check32(scalar, "scalar");
    CurveBackend backend = Backends.active();
    byte[] r = backend.publicKeyMultiply(prepared(backend), scalar);
    if (r == null) {
      throw new CryptoException(CryptoError.INVALID_TWEAK, "scalar is zero or not below n");
    }
    return fromTrustedUncompressed(r, compressed);
  }

  byte[] uncompressedUnsafe() {
    return uncompressed;
  }

  static void check32(byte[] b, String what) {
    if (Objects.requireNonNull(b, what).length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes, got " + b.length);
    }
  }

  static void checkHash(byte[] hash) {
    check32(hash, "message hash");
  }

  /** Two keys are equal if they are the same point with the same preferred encoding. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EcPublicKey && Arrays.equals(encoded, ((EcPublicKey) o).encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  /** Returns the encoding in hex. */
  @Override
  public String toString() {
    return Hex.encode(encoded);
  }
}
