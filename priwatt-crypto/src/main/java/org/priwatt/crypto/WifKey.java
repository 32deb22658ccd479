package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.priwatt.crypto.internal.Curve;

/**
 * A private key in Wallet Import Format: Base58Check of the network's WIF prefix byte, the 32-byte
 * big-endian scalar, and a trailing {@code 0x01} when the matching public key is to be used in
 * compressed form.
 *
 * <p>Holds the secret in a {@link SecretBytes}; {@link #toString()} never shows it and {@link
 * #destroy()} zeroes it. Equal when network, compression flag and key are equal (key compared in
 * constant time).
 */
public final class WifKey implements Destroyable {
  /** Length of the private key scalar. */
  public static final int PRIVATE_KEY_LENGTH = 32;
  private static final byte COMPRESSED_FLAG = 0x01;

  private final SecretBytes key;
  private final boolean compressed;
  private final NetworkParameters network;

  private WifKey(SecretBytes key, boolean compressed, NetworkParameters network) {
    this.key = key;
    this.compressed = compressed;
    this.network = network;
  }

  /**
   * Wraps a copy of a raw private key.
   *
   * @param privateKey 32-byte big-endian scalar in [1, n-1]
   * @param compressed whether the public key is used compressed (the modern default)
   * @throws NullPointerException if an argument is null
   * @throws CryptoException {@link CryptoError#INVALID_PRIVATE_KEY} if {@code privateKey} is not
   *     32 bytes or its scalar is 0 or not below the curve order
   */
  public static WifKey of(byte[] privateKey, boolean compressed, NetworkParameters network)
      throws CryptoException {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(network, "network");
    checkRange(privateKey);
    return new WifKey(SecretBytes.copyOf(privateKey), compressed, network);
  }

  /**
   * The WIF form of {@code key}, keeping its compression flag.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code key} is destroyed
   */
  public static WifKey of(EcKey key, NetworkParameters network) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(network, "network");
    byte[] priv = key.privateKeyBytes();
    try {
      return new WifKey(SecretBytes.copyOf(priv), key.isCompressed(), network);
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  /**
   * Parses a WIF string that must belong to {@code network}.
   *
   * @throws NullPointerException if an argument is null
   * @throws CryptoException the {@link Base58Check#decode} errors; {@link CryptoError#BAD_LENGTH}
   *     if the payload is neither 33 nor 34 bytes; {@link CryptoError#WRONG_NETWORK} if the prefix
   *     is another known network's; {@link CryptoError#UNKNOWN_VERSION} if no known network uses
   *     it; {@link CryptoError#INVALID_COMPRESSION_FLAG} if a 34-byte payload does not end in
   *     0x01; {@link CryptoError#INVALID_PRIVATE_KEY} if the scalar is 0 or not below n
   */
  public static WifKey parse(String text, NetworkParameters network) throws CryptoException {
    Objects.requireNonNull(network, "network");
    return parseFor(text, network);
  }

  /**
   * Parses a WIF string of any network in {@link NetworkParameters#all()}.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws CryptoException as {@link #parse(String, NetworkParameters)}, with an unknown prefix
   *     always {@link CryptoError#UNKNOWN_VERSION}
   */
  public static WifKey parseAny(String text) throws CryptoException {
    return parseFor(text, null);
  }

  /** Parses for {@code expected}, or for any known network if it is null. */
  private static WifKey parseFor(String text, NetworkParameters expected)
      throws CryptoException {
    Objects.requireNonNull(text, "text");
    byte[] payload = Base58Check.decode(text);
    byte[] privateKey = null;
    try {
      if (payload.length != 1 + PRIVATE_KEY_LENGTH && payload.length != 2 + PRIVATE_KEY_LENGTH) {
        throw new CryptoException(
            CryptoError.BAD_LENGTH, "WIF payload is " + payload.length + " bytes, expected 33 or 34");
      }
      int prefix = payload[0] & 0xff;
      NetworkParameters network = NetworkParameters.resolve(expected,
          n -> prefix == n.wifPrefix(), "WIF prefix " + prefix, "WIF key");
      boolean compressed = payload.length == 2 + PRIVATE_KEY_LENGTH;
      if (compressed && payload[payload.length - 1] != COMPRESSED_FLAG) {
        throw new CryptoException(
            CryptoError.INVALID_COMPRESSION_FLAG, "WIF compression flag must be 0x01");
      }
      privateKey = Arrays.copyOfRange(payload, 1, 1 + PRIVATE_KEY_LENGTH);
      return of(privateKey, compressed, network);
    } finally {
      Arrays.fill(payload, (byte) 0);
      if (privateKey != null) {
        Arrays.fill(privateKey, (byte) 0);
      }
    }
  }

  private static void checkRange(byte[] privateKey) throws CryptoException {
    if (!Curve.isValidPrivateKey(privateKey)) {
      throw new CryptoException(
          CryptoError.INVALID_PRIVATE_KEY, "private key must be 32 bytes in [1, n-1]");
    }
  }

  /**
   * The WIF string. It contains the secret: show it only to the key's owner.
   *
   * @throws IllegalStateException if destroyed
   */
  public String toBase58() {
    byte[] secret = key.copyBytes();
    byte[] payload = new byte[1 + PRIVATE_KEY_LENGTH + (compressed ? 1 : 0)];
    try {
      payload[0] = (byte) network.wifPrefix();
      System.arraycopy(secret, 0, payload, 1, PRIVATE_KEY_LENGTH);
      if (compressed) {
        payload[payload.length - 1] = COMPRESSED_FLAG;
      }
      return Base58Check.encode(payload);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(payload, (byte) 0);
    }
  }

  /**
   * A copy of the 32-byte private key; clear it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] privateKeyBytes() {
    return key.copyBytes();
  }

  /**
   * The key as an {@link EcKey} whose public key has this key's compression.
   *
   * @throws IllegalStateException if destroyed
   */
  public EcKey toEcKey() {
    byte[] priv = key.copyBytes();
    try {
      return EcKey.fromPrivate(priv, compressed);
    } catch (CryptoException e) {
      throw new IllegalStateException("range-checked key rejected by the backend", e);
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  /** Whether the public key is to be used in compressed (33-byte) form. */
  public boolean isCompressed() {
    return compressed;
  }

  /** The network whose WIF prefix this key carries. */
  public NetworkParameters network() {
    return network;
  }

  /** Zeroes the private key; later access throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  /**
   * Compares network, compression flag and (in constant time) the key.
   *
   * @throws IllegalStateException if either key is destroyed
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WifKey)) {
      return false;
    }
    WifKey w = (WifKey) o;
    return key.equals(w.key) & compressed == w.compressed & network.equals(w.network);
  }

  /** Independent of the secret. */
  @Override
  public int hashCode() {
    return 31 * network.hashCode() + Boolean.hashCode(compressed);
  }

  /** Network and compression flag only; never the key. */
  @Override
  public String toString() {
    return "WifKey{network=" + network.id() + ", compressed=" + compressed + "}";
  }
}
