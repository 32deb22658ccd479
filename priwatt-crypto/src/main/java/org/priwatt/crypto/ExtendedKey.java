package org.priwatt.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A BIP 32 extended key: a secp256k1 key plus a 32-byte chain code, from which a tree of child
 * keys can be derived. {@link ExtendedPrivateKey} derives hardened and normal children; {@link
 * ExtendedPublicKey} (a "neutered" key) derives normal children only.
 *
 * <p>Serialized form (78 bytes, then Base58Check): 4-byte version from {@link NetworkParameters}
 * ({@code xprv}/{@code xpub} on Bitcoin mainnet), depth, parent fingerprint, child number, chain
 * code, and 33 key bytes ({@code 0x00 || k} or the compressed public key).
 *
 * <p>Immutable apart from {@link ExtendedPrivateKey#destroy()}.
 */
public abstract sealed class ExtendedKey permits ExtendedPrivateKey, ExtendedPublicKey {
  /** Length of the serialized form before Base58Check. */
  public static final int SERIALIZED_LENGTH = 78;
  /** Length of the chain code. */
  public static final int CHAIN_CODE_LENGTH = 32;

  private final NetworkParameters network;
  private final int depth;
  private final int parentFingerprint;
  private final int childNumber;
  private final byte[] chainCode;

  ExtendedKey(
      NetworkParameters network, int depth, int parentFingerprint, int childNumber,
      byte[] chainCode) {
    this.network = Objects.requireNonNull(network, "network");
    this.depth = depth;
    this.parentFingerprint = parentFingerprint;
    this.childNumber = childNumber;
    this.chainCode = chainCode;
  }

  /**
   * Parses an {@code xprv}/{@code xpub}-style string that must belong to {@code network}.
   *
   * @return an {@link ExtendedPrivateKey} or {@link ExtendedPublicKey}, by version
   * @throws NullPointerException if an argument is null
   * @throws CryptoException the {@link Base58Check#decode} errors; {@link
   *     CryptoError#INVALID_EXTENDED_KEY} if the payload is not 78 bytes, a depth-0 key has a
   *     parent fingerprint or child number, or private key data does not start with 0x00; {@link
   *     CryptoError#WRONG_NETWORK} / {@link CryptoError#UNKNOWN_VERSION} for a version of another
   *     known network / of none; {@link CryptoError#INVALID_PRIVATE_KEY} / {@link
   *     CryptoError#INVALID_PUBLIC_KEY} if the key itself is invalid
   */
  public static ExtendedKey parse(String text, NetworkParameters network) throws CryptoException {
    Objects.requireNonNull(network, "network");
    return parseFor(text, network);
  }

  /**
   * Parses an extended key of any network in {@link NetworkParameters#all()}.
   *
   * @throws CryptoException as {@link #parse(String, NetworkParameters)}, with a version of no
   *     known network always {@link CryptoError#UNKNOWN_VERSION}
   */
  public static ExtendedKey parseAny(String text) throws CryptoException {
    return parseFor(text, null);
  }

  /** Parses for {@code expected}, or for any known network if it is null. */
  private static ExtendedKey parseFor(String text, NetworkParameters expected)
      throws CryptoException {
    Objects.requireNonNull(text, "text");
    byte[] data = Base58Check.decode(text);
    try {
      if (data.length != SERIALIZED_LENGTH) {
        throw invalid("extended key is " + data.length + " bytes, expected 78");
      }
      ByteBuffer in = ByteBuffer.wrap(data);
      int version = in.getInt();
      NetworkParameters network = NetworkParameters.resolve(expected,
          n -> version == n.bip32PrivateVersion() || version == n.bip32PublicVersion(),
          "extended key version 0x" + Integer.toHexString(version), "extended key");
      int depth = in.get() & 0xff;
      int parentFingerprint = in.getInt();
      int childNumber = in.getInt();
      byte[] chainCode = new byte[CHAIN_CODE_LENGTH];
      in.get(chainCode);
      if (depth == 0 && (parentFingerprint != 0 || childNumber != 0)) {
        throw invalid("master key with a parent fingerprint or child number");
      }
      byte[] keyData = Arrays.copyOfRange(data, 45, SERIALIZED_LENGTH);
      try {
        if (version == network.bip32PrivateVersion()) {
          return ExtendedPrivateKey.fromSerialized(
              network, depth, parentFingerprint, childNumber, chainCode, keyData);
        }
        return new ExtendedPublicKey(
            network, depth, parentFingerprint, childNumber, chainCode, EcPublicKey.decode(keyData));
      } finally {
        Arrays.fill(keyData, (byte) 0);
      }
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  static CryptoException invalid(String message) {
    return new CryptoException(CryptoError.INVALID_EXTENDED_KEY, message);
  }

  /** The public key, compressed. */
  public abstract EcPublicKey publicKey();

  /** True for {@link ExtendedPrivateKey}. */
  public abstract boolean hasPrivateKey();

  /**
   * Derives the child with raw index {@code index} (hardened if {@link DerivationPath#HARDENED_BIT}
   * is set). If BIP 32 declares that child invalid (IL ≥ n, or a zero key / point at infinity,
   * probability below 2^-127) the next index is used instead, as BIP 32 prescribes; {@link
   * #childNumber()} of the result tells which index was used.
   *
   * @throws CryptoException {@link CryptoError#HARDENED_FROM_PUBLIC} for a hardened index on a
   *     public key; {@link CryptoError#INVALID_DERIVATION_PATH} if this key is at depth 255 or
   *     skipping an invalid child would leave the index's hardened/normal range
   */
  public abstract ExtendedKey deriveChild(int index) throws CryptoException;

  /**
   * Applies every step of {@code path} to this key, in order, as {@link #deriveChild(int)}. The
   * path is relative: {@code m} stands for this key, whatever its depth.
   *
   * @throws CryptoException as {@link #deriveChild(int)}
   */
  public ExtendedKey derive(DerivationPath path) throws CryptoException {
    ExtendedKey key = this;
    for (int i = 0; i < path.size(); i++) {
      key = key.deriveChild(path.get(i));
    }
    return key;
  }

  /** The Base58Check string ({@code xprv...} or {@code xpub...} on Bitcoin mainnet). */
  public abstract String toBase58();

  /** Writes the key data field (33 bytes) of the serialized form. */
  abstract byte[] keyData();

  /** The 78-byte serialized form with {@code version}. */
  final byte[] serialize(int version) {
    byte[] keyData = keyData();
    try {
      return ByteBuffer.allocate(SERIALIZED_LENGTH)
          .putInt(version)
          .put((byte) depth)
          .putInt(parentFingerprint)
          .putInt(childNumber)
          .put(chainCode)
          .put(keyData)
          .array();
    } finally {
      Arrays.fill(keyData, (byte) 0);
    }
  }

  final String encode(int version) {
    byte[] data = serialize(version);
    try {
      return Base58Check.encode(data);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  /** HASH160 of the compressed public key, BIP 32's key identifier. */
  public byte[] identifier() {
    return Hashes.hash160(publicKey().compressedEncoding());
  }

  /** The first 32 bits of {@link #identifier()}, big-endian: the parent fingerprint of children. */
  public int fingerprint() {
    return ByteBuffer.wrap(identifier()).getInt();
  }

  /** The network whose version bytes this key serializes with. */
  public NetworkParameters network() {
    return network;
  }

  /** Derivation depth: 0 for a master key. */
  public int depth() {
    return depth;
  }

  /** Fingerprint of the parent key, 0 for a master key. */
  public int parentFingerprint() {
    return parentFingerprint;
  }

  /** The raw child index this key was derived with (hardened bit included), 0 for a master key. */
  public int childNumber() {
    return childNumber;
  }

  /** A copy of the 32-byte chain code. */
  public byte[] chainCode() {
    return chainCode.clone();
  }

  /** The P2PKH address of the compressed public key on this key's network. */
  public Address.P2pkh toAddress() {
    return Address.p2pkh(publicKey(), network);
  }

  byte[] chainCodeUnsafe() {
    return chainCode;
  }

  /** The child's depth, refusing to overflow the one-byte field. */
  final int childDepth() throws CryptoException {
    if (depth == DerivationPath.MAX_DEPTH) {
      throw new CryptoException(CryptoError.INVALID_DERIVATION_PATH, "depth 255 reached");
    }
    return depth + 1;
  }

  /**
   * Builds the child from BIP 32's IL (the tweak) and IR (the child chain code): the private
   * child adds IL to the private key, the public child adds IL*G to the public key.
   */
  @FunctionalInterface
  interface ChildFactory<T extends ExtendedKey> {
    /**
     * Returns the child at {@code index}.
     *
     * @throws CryptoException {@link CryptoError#INVALID_TWEAK} if IL is not below n or the child
     *     key is zero / the point at infinity (BIP 32: that index is invalid)
     */
    T child(byte[] il, byte[] childChainCode, int childDepth, int fingerprint, int index)
        throws CryptoException;
  }

  /**
   * BIP 32's CKDpriv / CKDpub: I = HMAC-SHA512(chain code, ser(key) || ser32(i)) where ser(key)
   * is {@code 0x00 || k} for a hardened index and the compressed public key otherwise; IL
   * tweaks the key and IR is the child chain code. Invalid children skip to the next index as
   * in {@link #deriveChild(int)}.
   */
  final <T extends ExtendedKey> T deriveChild(int index, ChildFactory<T> factory)
      throws CryptoException {
    int childDepth = childDepth();
    int fingerprint = fingerprint();
    return firstValidChild(index, i -> attemptChild(i, childDepth, fingerprint, factory));
  }

  private <T extends ExtendedKey> T attemptChild(int index, int childDepth, int fingerprint,
      ChildFactory<T> factory) {
    byte[] serKey = DerivationPath.isHardened(index)
        ? keyData()
        : publicKey().compressedEncoding();
    byte[] data = withIndex(serKey, index);
    Arrays.fill(serKey, (byte) 0);
    byte[] i = Hashes.hmacSha512(chainCode, data);
    byte[] il = Arrays.copyOf(i, 32);
    try {
      return factory.child(il, Arrays.copyOfRange(i, 32, 64), childDepth, fingerprint, index);
    } catch (CryptoException e) {
      if (e.error() != CryptoError.INVALID_TWEAK) {
        throw new IllegalStateException("unexpected tweak failure", e);
      }
      return null; // IL >= n, zero key or point at infinity: BIP 32 moves on to the next index
    } finally {
      Arrays.fill(data, (byte) 0);
      Arrays.fill(i, (byte) 0);
      Arrays.fill(il, (byte) 0);
    }
  }

  /** Consecutive invalid children after which derivation gives up (see firstValidChild). */
  static final int MAX_INVALID_CHILDREN = 8;

  /** Derives one child; returns null if BIP 32 declares this index invalid. */
  @FunctionalInterface
  interface ChildAttempt<T> {
    T attempt(int index) throws CryptoException;
  }

  /**
   * Tries {@code index}, then the following indexes while the attempt yields null (an invalid
   * child), never crossing from normal to hardened range or wrapping around.
   */
  static <T> T firstValidChild(int index, ChildAttempt<T> attempt) throws CryptoException {
    boolean hardened = DerivationPath.isHardened(index);
    int tries = 0;
    for (int i = index; DerivationPath.isHardened(i) == hardened; i++) {
      T child = attempt.attempt(i);
      if (child != null) {
        return child;
      }
      if (++tries == MAX_INVALID_CHILDREN) {
        // Each invalid child has probability below 2^-127: a run like this is a backend fault.
        throw new IllegalStateException(tries + " consecutive invalid BIP 32 children");
      }
      if (i == -1) {
        break; // 0xffffffff: no next index
      }
    }
    throw new CryptoException(
        CryptoError.INVALID_DERIVATION_PATH, "no valid child at or after index " + index);
  }

  /** BIP 32's ser32(i) appended to {@code prefix}. */
  static byte[] withIndex(byte[] prefix, int index) {
    return ByteBuffer.allocate(prefix.length + 4).put(prefix).putInt(index).array();
  }
}
