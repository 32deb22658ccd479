package org.priwatt.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.msg.MessageNode;
import org.priwatt.node.internal.NodeRuntime;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.NetworkAccess.AddNodeCommand;
import org.priwatt.node.rpc.NetworkInfo;
import org.priwatt.node.rpc.NodeMetrics;
import org.priwatt.node.rpc.PeerInfo;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.role.RoleAgent;
import org.priwatt.script.Script;

/**
 * The reference node (paper §5.1): a chain state on RocksDB in the data directory (or in
 * memory), its mempool and wallet, a message node for the anonymous object stream, and the P2P
 * network that relays blocks, transactions and objects to peers with Bitcoin's framing, an
 * optional mining thread, and the bitcoind-compatible JSON-RPC server when {@link
 * NodeConfig#rpcEnabled()} (its {@code stop} closes the node: see {@link #awaitClose()}).
 *
 * <pre>{@code
 * NodeConfig config = NodeConfig.builder().dataDir(Path.of("node1")).port(18444)
 *     .addNode(HostPort.parse("127.0.0.1:18445", 18444)).build();
 * try (Node node = Node.create(config)) {
 *   node.start();
 *   node.mine(1, script);            // announced to every peer once connected
 * }
 * }</pre>
 *
 * <p>Work from outside the node (the energy roles) joins it as {@link NodeService}s given to
 * {@link #create(NodeConfig, NodeService...)}: started with the node, served by its RPC.
 *
 * <p>The accessors are the narrow read/control API the JSON-RPC server uses: the chain state,
 * mempool, wallet and message node themselves (each thread-safe), snapshots of the peers, the
 * network and the metrics, and the few controls bitcoind offers (addnode, disconnect, mining on
 * demand). {@link #start()} and {@link #close()} are idempotent; after a crash (kill -9) the
 * node reopens at the last block written atomically and resyncs the rest from its peers.
 * Thread-safe.
 */
public final class Node implements AutoCloseable {
  private final NodeConfig config;
  private final List<NodeService> services;
  private final List<NodeService> started = new ArrayList<>();
  private final CountDownLatch closeDone = new CountDownLatch(1);
  private NodeRuntime runtime;
  private boolean closed;

  private Node(NodeConfig config, List<NodeService> services) {
    this.config = config;
    this.services = services;
  }

  /** A node for {@code config}, not started. */
  public static Node create(NodeConfig config) {
    return create(config, new NodeService[0]);
  }

  /**
   * A node for {@code config} running {@code services} (started in order after the node's own
   * parts, closed in reverse order before them), not started.
   *
   * @throws NullPointerException if an argument or a service is null
   */
  public static Node create(NodeConfig config, NodeService... services) {
    Objects.requireNonNull(config, "config");
    return new Node(config, List.of(services));
  }

  /**
   * Opens the data directory, the chain, the wallet and the message node, binds the P2P port,
   * connects to the configured peers and starts mining if configured. Does nothing if started.
   *
   * @throws NodeException {@link NodeError#NOT_RUNNING} after {@link #close()}, {@link
   *     NodeError#DATA_DIR_LOCKED} if another node uses the data directory, {@link
   *     NodeError#DATA_DIR_FAILURE}, {@link NodeError#CHAIN_FAILURE}, {@link
   *     NodeError#WALLET_FAILURE} (a wrong passphrase, say), {@link NodeError#BIND_FAILED} (the
   *     P2P or RPC port), {@link NodeError#ROLE_FAILURE}, {@link NodeError#INVALID_CONFIG} (an
   *     invalid mining address or RPC setting, two markets), or what a service's start throws;
   *     what was started is closed again
   */
  public synchronized void start() throws NodeException {
    if (closed) {
      throw new NodeException(NodeError.NOT_RUNNING, "closed");
    }
    if (runtime != null) {
      return;
    }
    runtime = NodeRuntime.start(config);
    try {
      for (NodeService s : services) {
        s.start(this);
        started.add(s);
      }
      // The role's agent is the node's own market; a service may bring one instead, not both.
      MarketAccess market = runtime.role();
      List<RpcMethod> methods = new ArrayList<>();
      for (NodeService s : services) {
        Optional<MarketAccess> m = s.market();
        if (m.isPresent() && market != null) {
          throw new NodeException(NodeError.INVALID_CONFIG, "two markets: the role's and a service's, or two services'");
        }
        market = m.orElse(market);
        methods.addAll(s.rpcMethods());
      }
      // The role's agent serves the channel methods too (a consumer opens, a prosumer serves).
      runtime.startRpc(market, runtime.role(), methods, this::closeInBackground);
    } catch (NodeException | RuntimeException e) {
      stopAll();
      runtime = null;
      throw e;
    }
  }

  /** {@code stop} over RPC: closes the node on another thread so the reply still goes out. */
  private void closeInBackground() {
    Thread t = new Thread(this::close, "priwatt-" + config.name() + "-stop");
    t.setDaemon(false); // the close must finish (wallet saved, chain closed) even as main() returns
    t.start();
  }

  private void stopAll() {
    NodeRuntime r = runtime;
    if (r != null) {
      r.stopRpc();
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
    if (r != null) {
      r.close();
    }
  }

  private synchronized NodeRuntime running() throws NodeException {
    if (runtime == null || closed) {
      throw new NodeException(NodeError.NOT_RUNNING, closed ? "closed" : "not started");
    }
    return runtime;
  }

  private NodeRuntime runningUnchecked() {
    try {
      return running();
    } catch (NodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The configuration. */
  public NodeConfig config() {
    return config;
  }

  /**
   * The chain state.
   *
   * @throws IllegalStateException if the node is not running
   */
  public ChainState chain() {
    return runningUnchecked().chain();
  }

  /**
   * The mempool.
   *
   * @throws IllegalStateException if the node is not running
   */
  public Mempool mempool() {
    return runningUnchecked().mempool();
  }

  /**
   * The node's wallet (saved in the data directory every minute and on close).
   *
   * @throws IllegalStateException if the node is not running
   */
  public Wallet wallet() {
    return runningUnchecked().wallet();
  }

  /**
   * The message node: identities added to it read what peers relay; what it sends is relayed
   * over the P2P connections.
   *
   * @throws IllegalStateException if the node is not running
   */
  public MessageNode messages() {
    return runningUnchecked().messages();
  }

  /**
   * The energy role's agent ({@link NodeConfig#role()}), started with the node and stopped before
   * it; empty when the node plays no role or is not running. It is the {@link
   * org.priwatt.node.rpc.MarketAccess} of the RPC server's energy methods and the {@link
   * org.priwatt.node.rpc.ChannelAccess} of its channel methods.
   */
  public synchronized Optional<RoleAgent> role() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.role());
  }

  /** The bound P2P address; empty when not listening or not running. */
  public synchronized Optional<InetSocketAddress> p2pAddress() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.p2pAddress());
  }

  /** The JSON-RPC server's address; empty when RPC is off or the node not running. */
  public synchronized Optional<InetSocketAddress> rpcAddress() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.rpcAddress());
  }

  /**
   * The RPC cookie file ({@code .cookie} in the data directory, or in a temporary directory for
   * a node in memory); empty when RPC is off, uses a user and password, or the node is not
   * running. It holds {@code __cookie__:<password>} and is deleted when the node closes.
   */
  public synchronized Optional<Path> rpcCookieFile() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.rpcCookieFile());
  }

  /**
   * The connected peers, by id.
   *
   * @throws NodeException {@link NodeError#NOT_RUNNING}
   */
  public List<PeerInfo> peers() throws NodeException {
    return running().peers();
  }

  /**
   * bitcoind's {@code addnode}: keeps a connection to {@code address} ({@link AddNodeCommand#ADD}),
   * stops keeping it ({@link AddNodeCommand#REMOVE}), or tries once ({@link AddNodeCommand#ONETRY}).
   *
   * @throws NodeException {@link NodeError#INVALID_CONFIG} to add an added node or remove one not
   *     added, {@link NodeError#TOO_MANY_CONNECTIONS} beyond {@value NodeConfig#MAX_MANUAL}, or
   *     {@link NodeError#NOT_RUNNING}
   */
  public void addNode(HostPort address, AddNodeCommand command) throws NodeException {
    running().addNode(Objects.requireNonNull(address, "address"), Objects.requireNonNull(command, "command"));
  }

  /**
   * Closes the connection to peer {@code peerId} (see {@link PeerInfo#id()}).
   *
   * @throws NodeException {@link NodeError#UNKNOWN_PEER} or {@link NodeError#NOT_RUNNING}
   */
  public void disconnect(long peerId) throws NodeException {
    running().disconnect(peerId);
  }

  /**
   * The network state.
   *
   * @throws NodeException {@link NodeError#NOT_RUNNING}
   */
  public NetworkInfo networkInfo() throws NodeException {
    return running().networkInfo();
  }

  /**
   * What the node has done: traffic, relays, propagation and validation times.
   *
   * @throws NodeException {@link NodeError#NOT_RUNNING}
   */
  public NodeMetrics metrics() throws NodeException {
    return running().metrics();
  }

  /**
   * Mines {@code count} blocks on the tip now (bitcoind's {@code generatetoaddress}), paying
   * {@code payTo}; each is announced to the peers once connected.
   *
   * @return the blocks mined
   * @throws NodeException {@link NodeError#CHAIN_FAILURE} or {@link NodeError#NOT_RUNNING}
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public List<Block> mine(int count, Script payTo) throws NodeException {
    if (count < 0) {
      throw new IllegalArgumentException("negative count");
    }
    return running().mine(count, Objects.requireNonNull(payTo, "payTo"));
  }

  /**
   * Stops the RPC server, the services and mining, closes every connection, saves the wallet
   * and closes the chain. Idempotent; a call while another thread closes the node waits until
   * it is closed.
   */
  @Override
  public void close() {
    boolean closing;
    synchronized (this) {
      closing = closed;
      closed = true;
    }
    if (closing) {
      // Wait outside the lock: the closing thread's services may still call the accessors.
      awaitCloseUninterruptibly();
      return;
    }
    try {
      stopAll();
    } finally {
      closeDone.countDown();
    }
  }

  private void awaitCloseUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        closeDone.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the node is closed: by {@link #close()} or by the RPC's {@code stop}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    closeDone.await();
  }

  /**
   * Waits at most {@code timeout} until the node is closed.
   *
   * @return whether it is closed
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitClose(Duration timeout) throws InterruptedException {
    return closeDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "Node{" + config.name() + "}";
  }
}
