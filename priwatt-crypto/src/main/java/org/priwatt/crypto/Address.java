package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A Base58Check pay-to-public-key-hash (P2PKH) or pay-to-script-hash (P2SH, BIP 13/16) address:
 * a 20-byte HASH160 plus the {@link NetworkParameters} whose version byte prefixes it.
 *
 * <p>The kinds are the sealed subclasses {@link P2pkh} and {@link P2sh}; {@link #kind()} gives the
 * same distinction for {@code switch}. Immutable; equal when kind, hash and network are equal.
 */
public abstract sealed class Address permits Address.P2pkh, Address.P2sh {
  /** Length of the hash inside an address. */
  public static final int HASH_LENGTH = 20;
  /** Largest redeem script a P2SH spend can push (Bitcoin's MAX_SCRIPT_ELEMENT_SIZE). */
  public static final int MAX_REDEEM_SCRIPT_LENGTH = 520;

  private static final int PAYLOAD_LENGTH = 1 + HASH_LENGTH;

  /** The two address kinds. */
  public enum Kind {
    /** Pay to public key hash: HASH160 of a SEC-encoded public key. */
    P2PKH,
    /** Pay to script hash: HASH160 of a serialized redeem script. */
    P2SH
  }

  private final byte[] hash;
  private final NetworkParameters network;

  private Address(byte[] hash, NetworkParameters network) {
    this.hash = hash;
    this.network = network;
  }

  /**
   * A P2PKH address for an already computed public-key hash.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code hash160} is not 20 bytes
   */
  public static P2pkh p2pkhFromHash(byte[] hash160, NetworkParameters network) {
    return new P2pkh(checkHash(hash160), Objects.requireNonNull(network, "network"));
  }

  /**
   * A P2PKH address for a SEC 1 encoded public key (33-byte compressed or 65-byte uncompressed;
   * the two encodings of one key give two different addresses).
   *
   * @throws NullPointerException if an argument is null
   * @throws CryptoException {@link CryptoError#INVALID_PUBLIC_KEY} if the bytes are not a valid
   *     point on secp256k1
   */
  public static P2pkh p2pkhFromPublicKey(byte[] encodedPublicKey, NetworkParameters network)
      throws CryptoException {
    Objects.requireNonNull(network, "network");
    return p2pkh(EcPublicKey.decode(encodedPublicKey), network);
  }

  /**
   * The P2PKH address of {@code publicKey} in its own encoding ({@link EcPublicKey#encoded()}:
   * compressed and uncompressed forms of one key give two different addresses).
   *
   * @throws NullPointerException if an argument is null
   */
  public static P2pkh p2pkh(EcPublicKey publicKey, NetworkParameters network) {
    Objects.requireNonNull(publicKey, "publicKey");
    return p2pkhFromHash(Hashes.hash160(publicKey.encoded()), network);
  }

  /**
   * A P2SH address for an already computed script hash.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code hash160} is not 20 bytes
   */
  public static P2sh p2shFromHash(byte[] hash160, NetworkParameters network) {
    return new P2sh(checkHash(hash160), Objects.requireNonNull(network, "network"));
  }

  /**
   * A P2SH address committing to {@code redeemScript} (its HASH160, BIP 16).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the script is longer than {@link
   *     #MAX_REDEEM_SCRIPT_LENGTH}, since coins sent to it could never be spent
   */
  public static P2sh p2shFromScript(byte[] redeemScript, NetworkParameters network) {
    Objects.requireNonNull(redeemScript, "redeemScript");
    if (redeemScript.length > MAX_REDEEM_SCRIPT_LENGTH) {
      throw new IllegalArgumentException(
          "redeem script of " + redeemScript.length + " bytes is unspendable");
    }
    return p2shFromHash(Hashes.hash160(redeemScript), network);
  }

  /**
   * Parses an address that must belong to {@code network}.
   *
   * @throws NullPointerException if an argument is null
   * @throws CryptoException the {@link Base58Check#decode} errors (bad characters, too short, bad
   *     checksum, too large); {@link CryptoError#BAD_LENGTH} if the payload is not 21 bytes;
   *     {@link CryptoError#WRONG_NETWORK} if the version byte belongs to another known network;
   *     {@link CryptoError#UNKNOWN_VERSION} if no known network uses it
   */
  public static Address parse(String text, NetworkParameters network) throws CryptoException {
    Objects.requireNonNull(network, "network");
    byte[] payload = decodePayload(text);
    Optional<Address> address = fromPayload(payload, network);
    if (address.isPresent()) {
      return address.get();
    }
    int version = payload[0] & 0xff;
    for (NetworkParameters other : NetworkParameters.all()) {
      if (fromPayload(payload, other).isPresent()) {
        throw new CryptoException(
            CryptoError.WRONG_NETWORK,
            "address version 0x" + hex(version) + " is " + other.id() + ", expected "
                + network.id());
      }
    }
    throw unknownVersion(version);
  }

  /**
   * Parses an address of any network in {@link NetworkParameters#all()}.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws CryptoException as {@link #parse(String, NetworkParameters)}, except that an unknown
   *     version byte is always {@link CryptoError#UNKNOWN_VERSION}
   */
  public static Address parseAny(String text) throws CryptoException {
    byte[] payload = decodePayload(text);
    for (NetworkParameters network : NetworkParameters.all()) {
      Optional<Address> address = fromPayload(payload, network);
      if (address.isPresent()) {
        return address.get();
      }
    }
    throw unknownVersion(payload[0] & 0xff);
  }

  private static byte[] decodePayload(String text) throws CryptoException {
    Objects.requireNonNull(text, "text");
    byte[] payload = Base58Check.decode(text);
    if (payload.length != PAYLOAD_LENGTH) {
      throw new CryptoException(
          CryptoError.BAD_LENGTH,
          "address payload is " + payload.length + " bytes, expected " + PAYLOAD_LENGTH);
    }
    return payload;
  }

  private static Optional<Address> fromPayload(byte[] payload, NetworkParameters network) {
    int version = payload[0] & 0xff;
    byte[] hash = Arrays.copyOfRange(payload, 1, PAYLOAD_LENGTH);
    if (version == network.p2pkhVersion()) {
      return Optional.of(new P2pkh(hash, network));
    }
    if (version == network.p2shVersion()) {
      return Optional.of(new P2sh(hash, network));
    }
    return Optional.empty();
  }

  private static CryptoException unknownVersion(int version) {
    return new CryptoException(
        CryptoError.UNKNOWN_VERSION, "no known network uses address version 0x" + hex(version));
  }

  private static String hex(int b) {
    return Hex.encode(new byte[] {(byte) b});
  }

  private static byte[] checkHash(byte[] hash160) {
    Objects.requireNonNull(hash160, "hash160");
    if (hash160.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "address hash must be 20 bytes, got " + hash160.length);
    }
    return hash160.clone();
  }

  /** Which kind of address this is. */
  public abstract Kind kind();

  /** The version byte (0..255) this address is encoded with on its network. */
  public abstract int version();

  /** A copy of the 20-byte HASH160 (of the public key or of the redeem script). */
  public byte[] hash160() {
    return hash.clone();
  }

  /** The network this address belongs to. */
  public NetworkParameters network() {
    return network;
  }

  /** The Base58Check form: version byte, hash, checksum. */
  public String toBase58() {
    byte[] payload = new byte[PAYLOAD_LENGTH];
    payload[0] = (byte) version();
    System.arraycopy(hash, 0, payload, 1, HASH_LENGTH);
    return Base58Check.encode(payload);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Address)) {
      return false;
    }
    Address a = (Address) o;
    return kind() == a.kind() && Arrays.equals(hash, a.hash) && network.equals(a.network);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind().hashCode() + Arrays.hashCode(hash)) + network.hashCode();
  }

  /** Returns {@link #toBase58()}. */
  @Override
  public String toString() {
    return toBase58();
  }

  /** A pay-to-public-key-hash address. */
  public static final class P2pkh extends Address {
    private P2pkh(byte[] hash, NetworkParameters network) {
      super(hash, network);
    }

    @Override
    public Kind kind() {
      return Kind.P2PKH;
    }

    @Override
    public int version() {
      return network().p2pkhVersion();
    }
  }

  /** A pay-to-script-hash address (BIP 13, BIP 16). */
  public static final class P2sh extends Address {
    private P2sh(byte[] hash, NetworkParameters network) {
      super(hash, network);
    }

    @Override
    public Kind kind() {
      return Kind.P2SH;
    }

    @Override
    public int version() {
      return network().p2shVersion();
    }
  }
}
