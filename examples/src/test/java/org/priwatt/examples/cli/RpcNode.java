package org.priwatt.examples.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.node.rpc.ChainAccess;
import org.priwatt.node.rpc.RpcServer;

/**
 * A regtest chain with a pool and a wallet behind a real {@link RpcServer} on an ephemeral
 * loopback port, for {@code priwatt rpc} to talk to.
 */
final class RpcNode implements AutoCloseable {
  final ChainState chain;
  final Mempool pool;
  final Wallet wallet;
  final RpcServer server;

  private RpcNode(ChainState chain, Mempool pool, Wallet wallet, RpcServer server) {
    this.chain = chain;
    this.pool = pool;
    this.wallet = wallet;
    this.server = server;
  }

  /** With cookie authentication: {@code .cookie} in {@code dataDir}. */
  static RpcNode withCookie(Path dataDir) throws Exception {
    return start(b -> b.cookie(dataDir));
  }

  /** With user and password authentication. */
  static RpcNode withPassword(String user, String password) throws Exception {
    return start(b -> b.credentials(user, password.toCharArray()));
  }

  /** With {@code auth} and any further settings (port, warm-up) it applies. */
  static RpcNode start(java.util.function.Consumer<RpcServer.Builder> settings) throws Exception {
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    Wallet wallet;
    try (SecretBytes s = SecretBytes.copyOf(seed)) {
      wallet = Wallet.create(KeyChain.fromSeed(s, ChainParameters.REGTEST.network()), ChainStateBridge.tipOf(chain),
          pool, ChainParameters.REGTEST.maxBlockSize());
    }
    chain.addListener(wallet);
    RpcServer.Builder b = RpcServer.builder(ChainAccess.of(chain, pool, wallet)).port(0);
    settings.accept(b);
    return new RpcNode(chain, pool, wallet, b.start());
  }

  /** The port option for the server. */
  String portOption() {
    return "-rpcport=" + server.port();
  }

  @Override
  public void close() throws Exception {
    server.close();
    chain.close();
  }
}
