package org.priwatt.crypto;

import java.util.Objects;
import java.util.function.Predicate;
import javax.security.auth.Destroyable;

/**
 * Hands out a fresh key and address per trade from one BIP 32 seed, so that no address is reused
 * (the paper's defence against linking a user's trades) while every key stays recoverable from the
 * seed alone.
 *
 * <p>Receive keys live at {@code m/0'/0/i} for i = 0, 1, 2, ... (the BIP 32 "default wallet
 * layout": account 0', external chain 0). Only the {@code m/0'/0} extended private key is kept;
 * the master key is discarded after use. Thread-safe: concurrent callers of {@link
 * #nextReceiveKey()} always get distinct keys.
 */
public final class HdKeyChain implements Destroyable {
  /** Path of the receive chain below the master key. */
  public static final DerivationPath RECEIVE_CHAIN =
      DerivationPath.of(DerivationPath.hardened(0), 0);

  private final ExtendedPrivateKey receiveChain;
  private int nextIndex;

  private HdKeyChain(ExtendedPrivateKey receiveChain, int nextIndex) {
    this.receiveChain = receiveChain;
    this.nextIndex = nextIndex;
  }

  /**
   * A new chain whose first receive key is {@code m/0'/0/0}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the seed is not 16..64 bytes
   * @throws CryptoException as {@link ExtendedPrivateKey#fromSeed}
   */
  public static HdKeyChain fromSeed(SecretBytes seed, NetworkParameters network)
      throws CryptoException {
    return fromSeed(seed, network, 0);
  }

  /**
   * Resumes a chain whose next unused receive index is {@code nextIndex}.
   *
   * @throws IllegalArgumentException if {@code nextIndex} is negative (at or above 2^31)
   * @throws CryptoException as {@link ExtendedPrivateKey#fromSeed}
   */
  public static HdKeyChain fromSeed(SecretBytes seed, NetworkParameters network, int nextIndex)
      throws CryptoException {
    if (nextIndex < 0) {
      throw new IllegalArgumentException("next index must be in [0, 2^31)");
    }
    ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed, network);
    try {
      return new HdKeyChain(master.derive(RECEIVE_CHAIN), nextIndex);
    } finally {
      master.destroy();
    }
  }

  /**
   * Restores a chain from its seed by scanning receive addresses: the next index is one past the
   * last address {@code isUsed} reports, looking {@code gapLimit} addresses beyond it (BIP 44's
   * gap limit is 20).
   *
   * @param isUsed whether an address has appeared on the chain (typically a wallet index lookup)
   * @throws IllegalArgumentException if {@code gapLimit} is not positive
   * @throws CryptoException as {@link ExtendedPrivateKey#fromSeed}
   */
  public static HdKeyChain restore(
      SecretBytes seed, NetworkParameters network, Predicate<Address> isUsed, int gapLimit)
      throws CryptoException {
    Objects.requireNonNull(isUsed, "isUsed");
    if (gapLimit <= 0) {
      throw new IllegalArgumentException("gap limit must be positive");
    }
    HdKeyChain chain = fromSeed(seed, network, 0);
    ExtendedPublicKey watch = chain.receiveChainPublicKey();
    int next = 0;
    int unusedRun = 0;
    for (int i = 0; unusedRun < gapLimit && i >= 0; i++) {
      ExtendedPublicKey child = watch.deriveChild(i);
      i = child.childNumber(); // an invalid index is skipped by BIP 32
      if (isUsed.test(child.toAddress())) {
        next = i + 1;
        unusedRun = 0;
      } else {
        unusedRun++;
      }
    }
    synchronized (chain) {
      chain.nextIndex = next;
    }
    return chain;
  }

  /**
   * Derives the next unused receive key and advances the counter past it.
   *
   * @throws CryptoException {@link CryptoError#INVALID_DERIVATION_PATH} when the 2^31 normal
   *     indexes are exhausted
   * @throws IllegalStateException if destroyed
   */
  public synchronized ExtendedPrivateKey nextReceiveKey() throws CryptoException {
    if (nextIndex < 0) {
      throw new CryptoException(CryptoError.INVALID_DERIVATION_PATH, "receive chain exhausted");
    }
    ExtendedPrivateKey key = receiveChain.deriveChild(nextIndex);
    nextIndex = key.childNumber() + 1; // overflows to negative after 2^31 - 1: exhausted
    return key;
  }

  /** The P2PKH address of {@link #nextReceiveKey()}. */
  public Address.P2pkh nextReceiveAddress() throws CryptoException {
    return nextReceiveKey().toAddress();
  }

  /**
   * The receive key {@code m/0'/0/index} (or the next valid index, see {@link
   * ExtendedKey#deriveChild}), without moving the counter.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public ExtendedPrivateKey receiveKey(int index) throws CryptoException {
    if (index < 0) {
      throw new IllegalArgumentException("receive index must be in [0, 2^31)");
    }
    return receiveChain.deriveChild(index);
  }

  /** The index the next call to {@link #nextReceiveKey()} will use (or start searching at). */
  public synchronized int nextIndex() {
    return nextIndex;
  }

  /**
   * The {@code m/0'/0} extended public key: lets a watch-only component derive every receive
   * address without the private keys.
   */
  public ExtendedPublicKey receiveChainPublicKey() {
    return receiveChain.neuter();
  }

  /** The network the addresses and keys belong to. */
  public NetworkParameters network() {
    return receiveChain.network();
  }

  /** Zeroes the chain's private key. */
  @Override
  public void destroy() {
    receiveChain.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return receiveChain.isDestroyed();
  }

  /** Network and counter only; never key material. */
  @Override
  public synchronized String toString() {
    return "HdKeyChain{network=" + network().id() + ", nextIndex=" + nextIndex + "}";
  }
}
