package org.priwatt.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.priwatt.crypto.internal.Curve;

/**
 * A BIP 32 extended private key: it derives hardened and normal children and can be neutered to
 * its {@link ExtendedPublicKey}.
 *
 * <p>Security: {@link #toString()} shows only the public half; {@link #toBase58()} reveals the
 * whole subtree of keys. {@link #destroy()} zeroes the private key.
 */
public final class ExtendedPrivateKey extends ExtendedKey implements Destroyable {
  /** Shortest seed BIP 32 allows (128 bits). */
  public static final int MIN_SEED_LENGTH = 16;
  /** Longest seed BIP 32 allows (512 bits). */
  public static final int MAX_SEED_LENGTH = 64;

  private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);

  private final EcKey key;

  private ExtendedPrivateKey(
      NetworkParameters network, int depth, int parentFingerprint, int childNumber,
      byte[] chainCode, EcKey key) {
    super(network, depth, parentFingerprint, childNumber, chainCode);
    this.key = key;
  }

  /**
   * The master key of BIP 32: I = HMAC-SHA512("Bitcoin seed", seed), key = IL, chain code = IR.
   *
   * @param seed 16 to 64 bytes of entropy (for example a BIP 39 seed)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the seed length is outside 16..64
   * @throws CryptoException {@link CryptoError#INVALID_EXTENDED_KEY} if IL is 0 or not below n
   *     (BIP 32: that seed has no master key; probability below 2^-127)
   */
  public static ExtendedPrivateKey fromSeed(SecretBytes seed, NetworkParameters network)
      throws CryptoException {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(network, "network");
    if (seed.length() < MIN_SEED_LENGTH || seed.length() > MAX_SEED_LENGTH) {
      throw new IllegalArgumentException("BIP 32 seed must be 16..64 bytes, got " + seed.length());
    }
    byte[] s = seed.copyBytes();
    byte[] i = Hashes.hmacSha512(MASTER_HMAC_KEY, s);
    byte[] il = Arrays.copyOf(i, 32);
    try {
      if (!Curve.isValidPrivateKey(il)) {
        throw invalid("seed yields an invalid master key");
      }
      return new ExtendedPrivateKey(
          network, 0, 0, 0, Arrays.copyOfRange(i, 32, 64), EcKey.fromPrivate(il));
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(i, (byte) 0);
      Arrays.fill(il, (byte) 0);
    }
  }

  static ExtendedPrivateKey fromSerialized(
      NetworkParameters network, int depth, int parentFingerprint, int childNumber,
      byte[] chainCode, byte[] keyData) throws CryptoException {
    if (keyData[0] != 0) {
      throw invalid("private key data must start with 0x00");
    }
    byte[] priv = Arrays.copyOfRange(keyData, 1, 33);
    try {
      return new ExtendedPrivateKey(
          network, depth, parentFingerprint, childNumber, chainCode, EcKey.fromPrivate(priv));
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  /** {@inheritDoc} Hardened indexes hash the private key, normal ones the public key. */
  @Override
  public ExtendedPrivateKey deriveChild(int index) throws CryptoException {
    return deriveChild(index, (il, chainCode, childDepth, fingerprint, i) ->
        new ExtendedPrivateKey(network(), childDepth, fingerprint, i, chainCode, key.tweakAdd(il)));
  }

  @Override
  public ExtendedPrivateKey derive(DerivationPath path) throws CryptoException {
    return (ExtendedPrivateKey) super.derive(path);
  }

  /** The public half: same chain code, depth, fingerprints and child number. */
  public ExtendedPublicKey neuter() {
    return new ExtendedPublicKey(
        network(), depth(), parentFingerprint(), childNumber(), chainCode(), key.publicKey());
  }

  @Override
  public EcPublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public boolean hasPrivateKey() {
    return true;
  }

  /** The signing key (compressed public key). Destroying it also destroys this key's secret. */
  public EcKey key() {
    return key;
  }

  /**
   * A copy of the 32-byte private key; clear it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] privateKeyBytes() {
    return key.privateKeyBytes();
  }

  @Override
  byte[] keyData() {
    byte[] priv = key.privateKeyBytes();
    byte[] out = new byte[33];
    System.arraycopy(priv, 0, out, 1, 32);
    Arrays.fill(priv, (byte) 0);
    return out;
  }

  /**
   * The {@code xprv}-style string. It grants spending of every key below this one.
   *
   * @throws IllegalStateException if destroyed
   */
  @Override
  public String toBase58() {
    return encode(network().bip32PrivateVersion());
  }

  /** Zeroes the private key; later private operations throw {@link IllegalStateException}. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  /**
   * Equal when every serialized field and the network match; the private key is compared in
   * constant time.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ExtendedPrivateKey)) {
      return false;
    }
    ExtendedPrivateKey other = (ExtendedPrivateKey) o;
    byte[] a = serialize(0);
    byte[] b = other.serialize(0);
    try {
      return MessageDigest.isEqual(a, b) && network().equals(other.network());
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** Derived from public data only. */
  @Override
  public int hashCode() {
    return neuter().hashCode() * 31 + 1;
  }

  /** Shows the public half only. */
  @Override
  public String toString() {
    return "ExtendedPrivateKey{public=" + neuter().toBase58() + "}";
  }
}
