package org.priwatt.node.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.CoinSelector;
import org.priwatt.chain.wallet.FeeEstimator;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.chain.wallet.ScriptWatchList;
import org.priwatt.chain.wallet.TxStore;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.chain.wallet.WalletFile;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;

/**
 * The node's wallet: the chain module's {@link Wallet}, loaded from {@code wallet.dat} (or
 * created with a fresh 32-byte seed) and saved there encrypted under the configured passphrase.
 * A node in memory keeps it in memory.
 */
final class NodeWallet {
  private final Wallet wallet;
  private final Path file;
  private final byte[] passphrase;

  private NodeWallet(Wallet wallet, Path file, byte[] passphrase) {
    this.wallet = wallet;
    this.file = file;
    this.passphrase = passphrase;
  }

  static NodeWallet open(Path file, String passphrase, ChainParameters params, ChainState chain, Mempool pool,
      SecureRandom random) throws NodeException {
    byte[] pass = passphrase.getBytes(StandardCharsets.UTF_8);
    try {
      KeyChain keys;
      TxStore store;
      ScriptWatchList watched;
      boolean created = file == null || !Files.exists(file);
      if (created) {
        try (SecretBytes seed = SecretBytes.random(32, random)) {
          keys = KeyChain.fromSeed(seed, params.network());
        }
        store = TxStore.inMemory();
        watched = new ScriptWatchList();
      } else {
        try (SecretBytes p = SecretBytes.copyOf(pass)) {
          WalletFile.Contents c = WalletFile.load(file, p, params.network());
          keys = c.keys();
          store = c.store();
          watched = c.watched();
        }
      }
      Wallet w = Wallet.create(keys, store, watched, CoinSelector.standard(),
          FeeEstimator.fromMempool(pool, params.maxBlockSize()), ChainStateBridge.tipOf(chain), pool);
      NodeWallet nw = new NodeWallet(w, file, pass);
      if (created) {
        nw.save();
      }
      return nw;
    } catch (ChainException e) {
      throw new NodeException(NodeError.WALLET_FAILURE, "wallet " + file + ": " + e.getMessage(), e);
    }
  }

  Wallet wallet() {
    return wallet;
  }

  /** Writes the wallet file (nothing for a wallet in memory). */
  synchronized void save() throws NodeException {
    if (file == null) {
      return;
    }
    try (SecretBytes p = SecretBytes.copyOf(passphrase)) {
      WalletFile.save(file, wallet.keys(), wallet.store(), wallet.watchList(), p, ScryptParameters.DEFAULT);
    } catch (ChainException e) {
      throw new NodeException(NodeError.WALLET_FAILURE, "cannot save " + file + ": " + e.getMessage(), e);
    }
  }
}
