package org.priwatt.crypto;

import java.util.Base64;
import java.util.Objects;
import org.priwatt.crypto.internal.Backends;

/**
 * An ECDSA signature with the recovery id that lets a verifier recover the signer's public key,
 * in Bitcoin's 65-byte compact form (header byte 27 + recId, + 4 for a compressed key, then R‖S).
 */
public final class RecoverableSignature {
  private final EcdsaSignature signature;
  private final int recId;
  private final boolean compressed;

  RecoverableSignature(EcdsaSignature signature, int recId, boolean compressed) {
    this.signature = signature;
    this.recId = recId;
    this.compressed = compressed;
  }

  /**
   * Parses the 65-byte compact form.
   *
   * @throws CryptoException INVALID_RECOVERABLE_SIGNATURE for a bad length or header byte,
   *     INVALID_SIGNATURE_VALUE for R or S out of range
   */
  public static RecoverableSignature decodeCompact(byte[] data) throws CryptoException {
    Objects.requireNonNull(data, "data");
    if (data.length != 65) {
      throw new CryptoException(CryptoError.INVALID_RECOVERABLE_SIGNATURE, "must be 65 bytes");
    }
    int header = data[0] & 0xff;
    if (header < 27 || header > 34) {
      throw new CryptoException(CryptoError.INVALID_RECOVERABLE_SIGNATURE, "header byte " + header);
    }
    byte[] rs = java.util.Arrays.copyOfRange(data, 1, 65);
    return new RecoverableSignature(EcdsaSignature.decodeCompact(rs), (header - 27) & 3, header >= 31);
  }

  /** Parses the Base64 form Bitcoin's {@code signmessage} prints. */
  public static RecoverableSignature fromBase64(String base64) throws CryptoException {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoError.INVALID_RECOVERABLE_SIGNATURE, "not Base64", e);
    }
    return decodeCompact(data);
  }

  static EcPublicKey recover(EcdsaSignature sig, byte[] hash, int recId, boolean compressed) {
    byte[] pub = Backends.active().recoverPublicKey(sig.compactUnsafe(), hash, recId);
    return pub == null ? null : EcPublicKey.fromTrustedUncompressed(pub, compressed);
  }

  /**
   * Recovers the public key that made this signature over {@code hash}.
   *
   * @throws CryptoException INVALID_RECOVERABLE_SIGNATURE if no key can be recovered
   */
  public EcPublicKey recoverPublicKey(byte[] hash) throws CryptoException {
    EcPublicKey.checkHash(hash);
    EcPublicKey k = recover(signature, hash, recId, compressed);
    if (k == null) {
      throw new CryptoException(CryptoError.INVALID_RECOVERABLE_SIGNATURE, "no key recovers");
    }
    return k;
  }

  /** Returns the 65-byte compact form. */
  public byte[] toCompact() {
    byte[] out = new byte[65];
    out[0] = (byte) (27 + recId + (compressed ? 4 : 0));
    System.arraycopy(signature.compactUnsafe(), 0, out, 1, 64);
    return out;
  }

  /** Returns the Base64 of {@link #toCompact()}. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(toCompact());
  }

  /** Returns the plain signature. */
  public EcdsaSignature signature() {
    return signature;
  }

  /** Returns the recovery id, 0..3. */
  public int recoveryId() {
    return recId;
  }

  /** Returns true if the signer's key is compressed. */
  public boolean isCompressed() {
    return compressed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecoverableSignature
        && java.util.Arrays.equals(toCompact(), ((RecoverableSignature) o).toCompact());
  }

  @Override
  public int hashCode() {
    return signature.hashCode() * 31 + recId;
  }

  @Override
  public String toString() {
    return toBase64();
  }
}
