package org.priwatt.msg;

import java.util.Objects;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;

/**
 * What others know of an identity: its address, its public signing and encryption keys, the
 * proof-of-work difficulty it demands, and its behaviour bitfield. A sender needs this to encrypt
 * a message to the identity; it travels in pubkey objects and inside every message the identity
 * sends. Immutable.
 */
public final class PublicIdentity {
  /** Behaviour bit: the identity sends acknowledgements for received messages. */
  public static final int BEHAVIOUR_DOES_ACK = 1;

  private final BitmessageAddress address;
  private final EcPublicKey signingKey;
  private final EcPublicKey encryptionKey;
  private final PowParameters pow;
  private final int behaviour;

  private PublicIdentity(BitmessageAddress address, EcPublicKey signingKey, EcPublicKey encryptionKey, PowParameters pow, int behaviour) {
    this.address = address;
    this.signingKey = signingKey;
    this.encryptionKey = encryptionKey;
    this.pow = pow;
    this.behaviour = behaviour;
  }

  /**
   * Returns the version 4 identity of {@code stream} for the two keys; the address is computed
   * from the keys, so it cannot disagree with them.
   *
   * @throws IllegalArgumentException if stream is not positive or the keys' RIPE hash has more
   *     than 16 leading zero bytes (astronomically unlikely)
   */
  public static PublicIdentity of(long stream, EcPublicKey signingKey, EcPublicKey encryptionKey, PowParameters pow, int behaviour) {
    Objects.requireNonNull(pow, "pow");
    byte[] ripe = BitmessageAddress.ripeOf(signingKey.uncompressedEncoding(), encryptionKey.uncompressedEncoding());
    BitmessageAddress address = BitmessageAddress.of(BitmessageAddress.VERSION_4, stream, ripe);
    return new PublicIdentity(address, signingKey.withCompression(false), encryptionKey.withCompression(false), pow, behaviour);
  }

  /**
   * Rebuilds an identity from the 64-byte raw keys (X ‖ Y, no 0x04 prefix) found in pubkey and msg
   * plaintexts, for the given address version and stream.
   *
   * @throws MessageException with {@link MessageError#MALFORMED_CONTENT} if a key is not a curve
   *     point or the version is not 2..4
   */
  static PublicIdentity fromRawKeys(int version, long stream, byte[] sign64, byte[] enc64, PowParameters pow, int behaviour)
      throws MessageException {
    if (version < 2 || version > 4 || stream < 1) {
      throw new MessageException(MessageError.MALFORMED_CONTENT, "sender address version " + version + " stream " + stream);
    }
    EcPublicKey s = rawKey(sign64);
    EcPublicKey e = rawKey(enc64);
    byte[] ripe = BitmessageAddress.ripeOf(s.uncompressedEncoding(), e.uncompressedEncoding());
    BitmessageAddress address;
    try {
      address = BitmessageAddress.of(version, stream, ripe);
    } catch (IllegalArgumentException ex) {
      throw new MessageException(MessageError.MALFORMED_CONTENT, "sender keys give an unencodable address");
    }
    return new PublicIdentity(address, s, e, pow, behaviour);
  }

  private static EcPublicKey rawKey(byte[] raw64) throws MessageException {
    byte[] sec = new byte[65];
    sec[0] = 0x04;
    System.arraycopy(raw64, 0, sec, 1, 64);
    try {
      return EcPublicKey.decode(sec);
    } catch (CryptoException e) {
      throw new MessageException(MessageError.MALFORMED_CONTENT, "public key not on secp256k1", e);
    }
  }

  /** Returns the address. */
  public BitmessageAddress address() {
    return address;
  }

  /** Returns the public signing key (uncompressed). */
  public EcPublicKey signingKey() {
    return signingKey;
  }

  /** Returns the public encryption key (uncompressed). */
  public EcPublicKey encryptionKey() {
    return encryptionKey;
  }

  /** Returns the proof-of-work difficulty this identity demands of messages sent to it. */
  public PowParameters pow() {
    return pow;
  }

  /** Returns the 32-bit behaviour bitfield (see {@link #BEHAVIOUR_DOES_ACK}). */
  public int behaviour() {
    return behaviour;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicIdentity p && p.address.equals(address) && p.signingKey.equals(signingKey)
        && p.encryptionKey.equals(encryptionKey) && p.pow.equals(pow) && p.behaviour == behaviour;
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "PublicIdentity{" + address + ", pow " + pow.nonceTrialsPerByte() + "/" + pow.payloadLengthExtraBytes() + "}";
  }
}
