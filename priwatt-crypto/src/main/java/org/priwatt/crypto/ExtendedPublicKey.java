package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A BIP 32 extended public key: derives normal (non-hardened) child public keys without any
 * private key, e.g. for a watch-only wallet or to hand out receive addresses.
 *
 * <p>Security: together with any normal child's private key it reveals the parent private key
 * (BIP 32, "Implications"), so treat it as sensitive.
 */
public final class ExtendedPublicKey extends ExtendedKey {
  private final EcPublicKey publicKey;

  ExtendedPublicKey(
      NetworkParameters network, int depth, int parentFingerprint, int childNumber,
      byte[] chainCode, EcPublicKey publicKey) {
    super(network, depth, parentFingerprint, childNumber, chainCode);
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey").withCompression(true);
  }

  /**
   * {@inheritDoc}
   *
   * @throws CryptoException {@link CryptoError#HARDENED_FROM_PUBLIC} if {@code index} is hardened
   */
  @Override
  public ExtendedPublicKey deriveChild(int index) throws CryptoException {
    if (DerivationPath.isHardened(index)) {
      throw new CryptoException(
          CryptoError.HARDENED_FROM_PUBLIC,
          "hardened index " + (index & ~DerivationPath.HARDENED_BIT) + "' needs the private key");
    }
    int childDepth = childDepth();
    int fingerprint = fingerprint();
    return firstValidChild(index, i -> attempt(i, childDepth, fingerprint));
  }

  @Override
  public ExtendedPublicKey derive(DerivationPath path) throws CryptoException {
    return (ExtendedPublicKey) super.derive(path);
  }

  private ExtendedPublicKey attempt(int index, int childDepth, int fingerprint) {
    byte[] i = Hashes.hmacSha512(chainCodeUnsafe(), withIndex(keyData(), index));
    byte[] il = Arrays.copyOf(i, 32);
    try {
      EcPublicKey child;
      try {
        child = publicKey.tweakAdd(il);
      } catch (CryptoException e) {
        if (e.error() != CryptoError.INVALID_TWEAK) {
          throw new IllegalStateException("unexpected tweak failure", e);
        }
        return null; // IL >= n or point at infinity: BIP 32 moves on to the next index
      }
      return new ExtendedPublicKey(
          network(), childDepth, fingerprint, index, Arrays.copyOfRange(i, 32, 64), child);
    } finally {
      Arrays.fill(i, (byte) 0);
      Arrays.fill(il, (byte) 0);
    }
  }

  @Override
  public EcPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public boolean hasPrivateKey() {
    return false;
  }

  @Override
  byte[] keyData() {
    return publicKey.compressedEncoding();
  }

  /** The {@code xpub}-style string. */
  @Override
  public String toBase58() {
    return encode(network().bip32PublicVersion());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ExtendedPublicKey)) {
      return false;
    }
    ExtendedPublicKey other = (ExtendedPublicKey) o;
    return Arrays.equals(serialize(0), other.serialize(0)) && network().equals(other.network());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(serialize(0));
  }

  /** Returns {@link #toBase58()}. */
  @Override
  public String toString() {
    return toBase58();
  }
}
