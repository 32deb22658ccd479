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
    return deriveChild(index, (il, chainCode, childDepth, fingerprint, i) ->
        new ExtendedPublicKey(network(), childDepth, fingerprint, i, chainCode,
            publicKey.tweakAdd(il)));
  }

  @Override
  public ExtendedPublicKey derive(DerivationPath path) throws CryptoException {
    return (ExtendedPublicKey) super.derive(path);
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
