package org.priwatt.chain.wallet;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.DerivationPath;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.ExtendedPrivateKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The wallet's keys, derived from one BIP 32 seed in the default wallet layout: account {@code
 * m/0'}, receive keys {@code m/0'/0/i}, change keys {@code m/0'/1/i}. Every call to {@link
 * #freshAddress(Purpose)} hands out a key never handed out before, so each trade uses a new
 * receive and change address (paper R17/R18: addresses cannot be linked to one user by reuse).
 *
 * <p>A lookahead window of {@value #LOOKAHEAD} keys beyond the last issued one per chain is
 * recognised too, so a wallet restored from its seed finds payments to addresses it handed out
 * before; a payment to a lookahead key marks it and all keys below it issued.
 *
 * <p>Thread-safe. Security: holds the seed; {@link #destroy()} zeroes it. Private keys are
 * derived on demand and never appear in {@code toString}.
 */
public final class KeyChain {
  /** Keys recognised beyond the last issued one on each chain (BIP 44's gap limit). */
  public static final int LOOKAHEAD = 20;

  /** The two key chains. */
  public enum Purpose {
    /** Addresses given to payers. */
    RECEIVE,
    /** Addresses the wallet pays its own change to. */
    CHANGE
  }

  /** Where a key sits: its chain and index. */
  public record KeyRef(Purpose purpose, int index) {}

  private final SecretBytes seed;
  private final NetworkParameters network;
  private final ExtendedPrivateKey[] chains = new ExtendedPrivateKey[2];
  private final int[] issued = new int[2];
  private final int[] derived = new int[2];
  private final Map<String, KeyRef> byHash160 = new HashMap<>();

  private KeyChain(SecretBytes seed, NetworkParameters network) throws WalletException {
    this.seed = SecretBytes.copyOf(seed.copyBytes());
    this.network = network;
    try {
      ExtendedPrivateKey account = ExtendedPrivateKey.fromSeed(seed, network)
          .derive(DerivationPath.of(DerivationPath.hardened(0)));
      chains[0] = account.deriveChild(0);
      chains[1] = account.deriveChild(1);
    } catch (CryptoException e) {
      throw new WalletException(WalletError.KEY_DERIVATION, "seed yields no account key", e);
    }
  }

  /**
   * Creates a key chain from {@code seed} (16 to 64 bytes, e.g. a BIP 39 seed) with no key
   * issued yet.
   *
   * @throws IllegalArgumentException if the seed length is outside 16..64
   * @throws WalletException {@link WalletError#KEY_DERIVATION} in the negligible case that BIP 32
   *     derivation fails
   */
  public static KeyChain fromSeed(SecretBytes seed, NetworkParameters network)
      throws WalletException {
    return restore(seed, network, 0, 0);
  }

  /**
   * Recreates a key chain with {@code receiveIssued} and {@code changeIssued} keys already handed
   * out (from a wallet file).
   *
   * @throws IllegalArgumentException if a count is negative
   * @throws WalletException as {@link #fromSeed}
   */
  public static KeyChain restore(SecretBytes seed, NetworkParameters network, int receiveIssued,
      int changeIssued) throws WalletException {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(network, "network");
    if (receiveIssued < 0 || changeIssued < 0) {
      throw new IllegalArgumentException("issued counts must be non-negative");
    }
    KeyChain kc = new KeyChain(seed, network);
    synchronized (kc) {
      kc.issued[0] = receiveIssued;
      kc.issued[1] = changeIssued;
      kc.extendLookahead(0);
      kc.extendLookahead(1);
    }
    return kc;
  }

  /** The network addresses are encoded for. */
  public NetworkParameters network() {
    return network;
  }

  /**
   * Issues the next never-used key of {@code purpose} and returns its P2PKH address.
   *
   * @throws WalletException {@link WalletError#KEY_DERIVATION} in the negligible case that the
   *     next child is invalid
   */
  public synchronized Address freshAddress(Purpose purpose) throws WalletException {
    int c = purpose.ordinal();
    EcKey key = derive(c, issued[c]);
    issued[c]++;
    extendLookahead(c);
    return Address.p2pkh(key.publicKey(), network);
  }

  /** The number of keys of {@code purpose} handed out so far. */
  public synchronized int issued(Purpose purpose) {
    return issued[purpose.ordinal()];
  }

  /** Where the key hashing to {@code hash160} sits, if it is issued or in the lookahead. */
  public synchronized Optional<KeyRef> find(byte[] hash160) {
    return Optional.ofNullable(byHash160.get(Hex.encode(hash160)));
  }

  /** Whether {@code scriptPubKey} is P2PKH to one of this chain's keys. */
  public boolean isMine(Script scriptPubKey) {
    return ScriptTemplates.p2pkhHash(scriptPubKey).flatMap(this::find).isPresent();
  }

  /**
   * Records that {@code ref} received funds: it and every key below it on its chain count as
   * issued, and the lookahead moves on.
   */
  public synchronized void markUsed(KeyRef ref) {
    int c = ref.purpose().ordinal();
    if (ref.index() >= issued[c]) {
      issued[c] = ref.index() + 1;
      try {
        extendLookahead(c);
      } catch (WalletException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The signing key at {@code ref}; the caller should {@link EcKey#destroy()} it after use.
   *
   * @throws WalletException {@link WalletError#KEY_DERIVATION} if derivation fails
   */
  public synchronized EcKey key(KeyRef ref) throws WalletException {
    return derive(ref.purpose().ordinal(), ref.index());
  }

  /**
   * The signing key for a public key of this chain (compressed SEC encoding), if it is one.
   *
   * @throws WalletException {@link WalletError#KEY_DERIVATION} if derivation fails
   */
  public Optional<EcKey> keyForPublicKey(byte[] encodedPublicKey) throws WalletException {
    Optional<KeyRef> ref = find(org.priwatt.crypto.Hashes.hash160(encodedPublicKey));
    return ref.isEmpty() ? Optional.empty() : Optional.of(key(ref.get()));
  }

  /** A copy of the seed, for persistence; destroy it after use. */
  public SecretBytes seed() {
    return SecretBytes.copyOf(seed.copyBytes());
  }

  /** Zeroes the seed and the chain keys; the chain is unusable afterwards. */
  public synchronized void destroy() {
    seed.destroy();
    chains[0].destroy();
    chains[1].destroy();
  }

  private void extendLookahead(int c) throws WalletException {
    while (derived[c] < issued[c] + LOOKAHEAD) {
      EcKey key = derive(c, derived[c]);
      byHash160.put(Hex.encode(key.publicKey().hash160()),
          new KeyRef(Purpose.values()[c], derived[c]));
      key.destroy();
      derived[c]++;
    }
  }

  private EcKey derive(int c, int index) throws WalletException {
    try {
      return chains[c].deriveChild(index).key();
    } catch (CryptoException e) {
      throw new WalletException(WalletError.KEY_DERIVATION, "child " + index + " is invalid", e);
    }
  }

  /** Shows the counters only. */
  @Override
  public synchronized String toString() {
    return "KeyChain{network=" + network + ", receiveIssued=" + issued[0] + ", changeIssued="
        + issued[1] + "}";
  }
}
