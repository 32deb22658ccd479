package org.priwatt.node.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.state.ChainStateOptions;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.store.RocksDbChainStore;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;
import org.priwatt.node.HostPort;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.priwatt.node.p2p.Version;
import org.priwatt.node.rpc.ChannelAccess;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.NetworkAccess.AddNodeCommand;
import org.priwatt.node.rpc.NetworkInfo;
import org.priwatt.node.rpc.NodeMetrics;
import org.priwatt.node.rpc.PeerInfo;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.Shutdown;
import org.priwatt.node.role.RoleAgent;
import org.priwatt.node.role.internal.RoleAgents;
import org.priwatt.node.role.internal.RoleHost;
import org.priwatt.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a node and their order of birth and death: data directory lock, chain
 * store, chain state, mempool, wallet, message node, P2P network, mining thread, status file.
 * {@code org.priwatt.node.Node} is its public face; this class is public only because that
 * facade lives in another package.
 */
public final class NodeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
  private static final long WALLET_SAVE_SECONDS = 60;
  /** The version as bitcoind's integer ({@code getnetworkinfo}'s {@code version}): 0.1.0. */
  private static final int CLIENT_VERSION = 10_000;

  private final NodeConfig config;
  private final SecureRandom random = new SecureRandom();
  private final MetricsRecorder metrics = new MetricsRecorder();
  private final List<Runnable> closers = new ArrayList<>();
  private DataDirectory dir;
  private ChainStore store;
  private ChainState chain;
  private Mempool mempool;
  private NodeWallet wallet;
  private MessageNode messages;
  private P2pNetwork net;
  private MiningLoop mining;
  private RoleAgent role;
  private ScheduledExecutorService housekeeping;
  private volatile NodeRpc rpc;
  private boolean closed;

  private NodeRuntime(NodeConfig config) {
    this.config = config;
  }

  /**
   * Opens everything and starts the network.
   *
   * @throws NodeException {@link NodeError#DATA_DIR_LOCKED}, {@link NodeError#DATA_DIR_FAILURE},
   *     {@link NodeError#CHAIN_FAILURE}, {@link NodeError#WALLET_FAILURE}, {@link
   *     NodeError#BIND_FAILED} or {@link NodeError#INVALID_CONFIG}; what was opened is closed again
   */
  public static NodeRuntime start(NodeConfig config) throws NodeException {
    NodeRuntime r = new NodeRuntime(config);
    try {
      r.open();
      return r;
    } catch (NodeException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  private void open() throws NodeException {
    try {
      if (config.inMemory()) {
        store = MemoryChainStore.create();
      } else {
        dir = DataDirectory.open(config.dataDir().orElseThrow());
        closers.add(dir::close);
        store = RocksDbChainStore.open(dir.chainState());
      }
      closers.add(store::close);
      chain = ChainState.open(config.network(), store, ChainStateOptions.defaults()
          .withVerifierThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
      closers.add(chain::close);
    } catch (ChainException e) {
      throw new NodeException(NodeError.CHAIN_FAILURE, e.getMessage(), e);
    }
    mempool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    wallet = NodeWallet.open(dir == null ? null : dir.wallet(), config.walletPassphrase(), config.network(), chain,
        mempool, random);
    chain.addListener(wallet.wallet());
    closers.add(this::saveWallet);
    BanList bans = dir == null ? BanList.inMemory(System::currentTimeMillis)
        : BanList.load(dir.banList(), System::currentTimeMillis);
    net = new P2pNetwork(config, chain, mempool, metrics, bans, random);
    closers.add(net::close);
    chain.addListener(net.sync);
    mempool.addListener(net.txs);
    messages = MessageNode.builder(config.name()).rules(ObjectRules.withMinimum(config.messagePow())).powThreads(1)
        .build();
    closers.add(messages::close);
    messages.attach(net.transport());
    net.objects.attach(messages);
    startRole();
    net.start();
    if (config.mine()) {
      Miner miner = Miner.create(chain, mempool, payoutScript(), 1, () -> System.currentTimeMillis() / 1000);
      mining = new MiningLoop(config.name(), miner, config.mineInterval());
      closers.add(mining::close);
      mining.start();
    }
    housekeeping = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("priwatt-" + config.name()
        + "-housekeeping", true));
    if (dir != null) {
      if (!config.statusInterval().isZero()) {
        long every = config.statusInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::writeStatus, 0, every, TimeUnit.MILLISECONDS);
      }
      housekeeping.scheduleWithFixedDelay(this::saveWallet, WALLET_SAVE_SECONDS, WALLET_SAVE_SECONDS, TimeUnit.SECONDS);
    }
    LOG.info("{}: started on {} at height {}", config.name(), config.network().id(), chain.height());
  }

  /** Starts the role's agent before the network, so it hears the first objects peers send. */
  private void startRole() throws NodeException {
    if (config.role().isEmpty()) {
      return;
    }
    try {
      role = RoleAgents.start(new RoleHost(config.name(), config.network(), dir == null ? null : dir.root(), chain,
          mempool, wallet.wallet(), messages, config.messagePow(), config.walletPassphrase()), config.role().get(), random);
    } catch (EnergyException e) {
      throw new NodeException(NodeError.ROLE_FAILURE, config.role().get().role().id() + ": " + e.getMessage(), e);
    }
    closers.add(role::close);
  }

  /**
   * Starts the JSON-RPC server if the configuration enables it; does nothing otherwise or if it
   * runs. Called once the node and its services run, so the first call sees them.
   *
   * @param market the market to serve, or null for none
   * @param channels the payment channels to serve, or null for none
   * @param methods further methods
   * @param stop what {@code stop} does
   * @throws NodeException see {@link NodeRpc#start}
   */
  public synchronized void startRpc(MarketAccess market, ChannelAccess channels, List<RpcMethod> methods,
      Shutdown stop) throws NodeException {
    if (closed || rpc != null || !config.rpcEnabled()) {
      return;
    }
    rpc = NodeRpc.start(this, dir == null ? null : dir.root(), dir == null ? null : dir.chainState(), market,
        channels, methods, stop);
  }

  /** Stops the RPC server (before the services it serves stop); idempotent. */
  public void stopRpc() {
    NodeRpc r;
    synchronized (this) {
      r = rpc;
      rpc = null;
    }
    if (r != null) {
      r.close();
    }
  }

  /** The RPC server's address, or null when it does not run. */
  public InetSocketAddress rpcAddress() {
    NodeRpc r = rpc;
    return r == null ? null : r.server().address();
  }

  /** The RPC cookie file, or null without one. */
  public Path rpcCookieFile() {
    NodeRpc r = rpc;
    return r == null ? null : r.server().cookieFile().orElse(null);
  }

  private Script payoutScript() throws NodeException {
    try {
      Address a = config.mineAddress().isPresent() ? Address.parse(config.mineAddress().get(),
          config.network().network()) : wallet.wallet().freshReceiveAddress();
      return PaymentBuilder.scriptFor(a);
    } catch (CryptoException e) {
      throw new NodeException(NodeError.INVALID_CONFIG, "mine address: " + e.getMessage(), e);
    } catch (ChainException e) {
      throw new NodeException(NodeError.WALLET_FAILURE, e.getMessage(), e);
    }
  }

  public NodeConfig config() {
    return config;
  }

  public ChainState chain() {
    return chain;
  }

  public Mempool mempool() {
    return mempool;
  }

  public Wallet wallet() {
    return wallet.wallet();
  }

  public MessageNode messages() {
    return messages;
  }

  /** The role's agent, or null when the node plays no role. */
  public RoleAgent role() {
    return role;
  }

  /** The bound P2P address, or null when not listening. */
  public InetSocketAddress p2pAddress() {
    return net.localAddress();
  }

  /** The connected peers, by id. */
  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    int height = chain.height();
    for (Peer p : net.peers()) {
      Version v = p.version;
      String type = switch (p.kind) {
        case INBOUND -> "inbound";
        case OUTBOUND -> "outbound-full-relay";
        case MANUAL -> "manual";
      };
      int headers = p.bestKnownHeight;
      out.add(new PeerInfo(p.id, p.address.getHostString() + ":" + p.address.getPort(), "",
          v == null ? 0 : v.services(), p.relaysTransactions(), p.lastSendMillis / 1000, p.lastRecvMillis / 1000,
          p.bytesOut.get(), p.bytesIn.get(), p.connectedMillis / 1000,
          v == null ? 0 : v.timestamp() - p.connectedMillis / 1000, seconds(p.pingMicros), seconds(p.minPingMicros),
          v == null ? 0 : v.protocolVersion(), v == null ? "" : v.userAgent(), p.inbound(),
          v == null ? -1 : v.startHeight(), p.score, headers, headers < 0 ? -1 : Math.min(headers, height), type,
          p.established));
    }
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  private static double seconds(long micros) {
    return micros < 0 ? -1 : micros / 1e6;
  }

  public void addNode(HostPort address, AddNodeCommand command) throws NodeException {
    net.call(() -> {
      net.connections.addNode(address, command);
      return null;
    });
  }

  public void disconnect(long peerId) throws NodeException {
    Peer p = net.peer(peerId);
    if (p == null) {
      throw new NodeException(NodeError.UNKNOWN_PEER, "no peer " + peerId);
    }
    p.disconnect("disconnected on request");
  }

  /** The network state. */
  public NetworkInfo networkInfo() throws NodeException {
    InetSocketAddress local = net.localAddress();
    List<String> added = net.call(net.connections::added);
    List<NetworkInfo.LocalAddress> locals = local == null || local.getAddress().isAnyLocalAddress() ? List.of()
        : List.of(new NetworkInfo.LocalAddress(local.getHostString(), local.getPort(), 1));
    return new NetworkInfo(CLIENT_VERSION, Version.USER_AGENT, Version.PROTOCOL_VERSION, Version.NODE_NETWORK,
        true, 0, true, config.proxy().map(HostPort::toString).orElse(""), locals, List.of(), net.bans().size(), added);
  }

  /** The P2P network's counters and timings with the node's gauges now. */
  public NodeMetrics metrics() {
    int inbound = net.count(Peer.Kind.INBOUND);
    int all = net.peers().size();
    Map<String, Double> gauges = new LinkedHashMap<>();
    gauges.put("p2p.peers", (double) all);
    gauges.put("p2p.peers.inbound", (double) inbound);
    gauges.put("p2p.peers.outbound", (double) (all - inbound));
    gauges.put("p2p.banned", (double) net.bans().size());
    gauges.put("chain.height", (double) chain.height());
    gauges.put("chain.headers", (double) chain.bestHeader().height());
    gauges.put("mempool.transactions", (double) mempool.size());
    gauges.put("msg.objects", (double) messages.store().size());
    return metrics.snapshot(gauges);
  }

  /** Mines {@code count} blocks now, paying {@code payTo}. */
  public List<Block> mine(int count, Script payTo) throws NodeException {
    try (Miner miner = Miner.create(chain, mempool, payTo, 1, () -> System.currentTimeMillis() / 1000)) {
      return miner.mine(count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(NodeError.NOT_RUNNING, "interrupted while mining");
    } catch (ChainException e) {
      throw new NodeException(NodeError.CHAIN_FAILURE, e.getMessage(), e);
    }
  }

  private void writeStatus() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", config.name());
    s.put("network", config.network().id());
    s.put("height", chain.height());
    s.put("tip", chain.tip().hash().toString());
    s.put("headers", chain.bestHeader().height());
    InetSocketAddress local = net.localAddress();
    s.put("p2pPort", local == null ? 0 : local.getPort());
    InetSocketAddress rpcAt = rpcAddress();
    s.put("rpcPort", rpcAt == null ? 0 : rpcAt.getPort());
    List<PeerInfo> peers = peers();
    s.put("peers", peers.size());
    s.put("inbound", peers.stream().filter(PeerInfo::inbound).count());
    s.put("mempool", mempool.size());
    s.put("objects", messages.store().size());
    s.put("banned", net.bans().size());
    if (role != null) {
      s.put("role", role.summary());
    }
    s.put("time", System.currentTimeMillis() / 1000);
    try {
      AtomicFiles.write(dir.status(), new ObjectMapper().writeValueAsBytes(s));
    } catch (IOException e) {
      // Jackson's own failures are IOExceptions too; a map of strings and numbers never fails.
      LOG.warn("{}: cannot write {}: {}", config.name(), dir.status(), e.getMessage());
    }
  }

  private void saveWallet() {
    try {
      wallet.save();
    } catch (NodeException e) {
      LOG.warn("{}: {}", config.name(), e.getMessage());
    }
  }

  /** Stops everything in reverse order (the RPC server first), saving the wallet. Idempotent. */
  @Override
  public void close() {
    stopRpc();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (housekeeping != null) {
      // Not shutdownNow: an interrupted status write would leave a temporary file behind.
      housekeeping.shutdown();
      try {
        housekeeping.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).run();
      } catch (RuntimeException e) {
        // Each part is closed whatever the others do: report the failure and go on.
        LOG.error("{}: closing a part failed", config.name(), e);
      }
    }
    LOG.info("{}: stopped", config.name());
  }
}
