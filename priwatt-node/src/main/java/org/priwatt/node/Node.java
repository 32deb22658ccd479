package org.priwatt.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.msg.MessageNode;
import org.priwatt.node.internal.NodeRuntime;
import org.priwatt.node.role.RoleAgent;
import org.priwatt.script.Script;

/**
 * The reference node (paper §5.1): a chain state on RocksDB in the data directory (or in
 * memory), its mempool and wallet, a message node for the anonymous object stream, and the P2P
 * network that relays blocks, transactions and objects to peers with Bitcoin's framing, with an
 * optional mining thread.
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
 * <p>The accessors are the narrow read/control API the JSON-RPC server uses: the chain state,
 * mempool, wallet and message node themselves (each thread-safe), snapshots of the peers, the
 * network and the metrics, and the few controls bitcoind offers (addnode, disconnect, mining on
 * demand). {@link #start()} and {@link #close()} are idempotent; after a crash (kill -9) the
 * node reopens at the last block written atomically and resyncs the rest from its peers.
 * Thread-safe.
 */
public final class Node implements AutoCloseable {
  private final NodeConfig config;
  private NodeRuntime runtime;
  private boolean closed;

  private Node(NodeConfig config) {
    this.config = config;
  }

  /** A node for {@code config}, not started. */
  public static Node create(NodeConfig config) {
    return new Node(Objects.requireNonNull(config, "config"));
  }

  /**
   * Opens the data directory, the chain, the wallet and the message node, binds the P2P port,
   * connects to the configured peers and starts mining if configured. Does nothing if started.
   *
   * @throws NodeException {@link NodeError#NOT_RUNNING} after {@link #close()}, {@link
   *     NodeError#DATA_DIR_LOCKED} if another node uses the data directory, {@link
   *     NodeError#DATA_DIR_FAILURE}, {@link NodeError#CHAIN_FAILURE}, {@link
   *     NodeError#WALLET_FAILURE} (a wrong passphrase, say), {@link NodeError#BIND_FAILED},
   *     {@link NodeError#ROLE_FAILURE} or {@link NodeError#INVALID_CONFIG} (an invalid mining address)
   */
  public synchronized void start() throws NodeException {
    if (closed) {
      throw new NodeException(NodeError.NOT_RUNNING, "closed");
    }
    if (runtime == null) {
      runtime = NodeRuntime.start(config);
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
   * org.priwatt.node.rpc.MarketAccess} of the RPC server's energy methods.
   */
  public synchronized Optional<RoleAgent> role() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.role());
  }

  /** The bound P2P address; empty when not listening or not running. */
  public synchronized Optional<InetSocketAddress> p2pAddress() {
    return runtime == null || closed ? Optional.empty() : Optional.ofNullable(runtime.p2pAddress());
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

  /** Stops mining, closes every connection, saves the wallet and closes the chain. Idempotent. */
  @Override
  public void close() {
    NodeRuntime r;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      r = runtime;
    }
    if (r != null) {
      r.close();
    }
  }

  @Override
  public String toString() {
    return "Node{" + config.name() + "}";
  }
}
