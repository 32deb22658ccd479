package org.priwatt.node.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.state.ChainState;
import org.priwatt.msg.MessageTransport;
import org.priwatt.node.HostPort;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.priwatt.node.p2p.Addr;
import org.priwatt.node.p2p.BlockMessage;
import org.priwatt.node.p2p.GetAddr;
import org.priwatt.node.p2p.GetHeaders;
import org.priwatt.node.p2p.Headers;
import org.priwatt.node.p2p.InventoryMessage;
import org.priwatt.node.p2p.InventoryVector;
import org.priwatt.node.p2p.ObjectMessage;
import org.priwatt.node.p2p.P2pMessage;
import org.priwatt.node.p2p.Ping;
import org.priwatt.node.p2p.Pong;
import org.priwatt.node.p2p.TxMessage;
import org.priwatt.node.p2p.Verack;
import org.priwatt.node.p2p.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer-to-peer network of one node: the Netty server and client, the registry of peers, the
 * logic thread every protocol handler runs on, the periodic tick (timeouts, pings, stalls,
 * outbound connections), and misbehaviour scoring with bans in one place (Core's {@code
 * Misbehaving}). Handlers: {@link PeerProtocol} (handshake, ping, addresses), {@link ChainSync}
 * (headers-first sync and block relay), {@link TxRelay}, {@link ObjectTransport} (message
 * objects), {@link Connections} (outbound connections).
 */
final class P2pNetwork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);
  /** The misbehaviour score at which a peer is banned (Core's {@code DISCOURAGEMENT_THRESHOLD}). */
  static final int BAN_SCORE = 100;
  static final long TICK_MILLIS = 200;
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  private final NodeConfig config;
  private final MetricsRecorder metrics;
  private final BanList bans;
  private final SecureRandom random;
  private final ScheduledExecutorService logic;
  private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final EventLoopGroup group;
  final PeerProtocol protocol;
  final ChainSync sync;
  final TxRelay txs;
  final ObjectTransport objects;
  final Connections connections;
  private volatile Channel server;
  private volatile boolean closed;

  P2pNetwork(NodeConfig config, ChainState chain, Mempool mempool, MetricsRecorder metrics, BanList bans,
      SecureRandom random) {
    this.config = config;
    this.metrics = metrics;
    this.bans = bans;
    this.random = random;
    this.logic = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("priwatt-" + config.name(), true));
    this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("priwatt-" + config.name() + "-io", true),
        NioIoHandler.newFactory());
    this.protocol = new PeerProtocol(this, chain, random);
    this.sync = new ChainSync(this, chain, metrics);
    this.txs = new TxRelay(this, mempool, metrics);
    this.objects = new ObjectTransport(this, metrics);
    this.connections = new Connections(this, random);
  }

  NodeConfig config() {
    return config;
  }

  MetricsRecorder metrics() {
    return metrics;
  }

  BanList bans() {
    return bans;
  }

  /** The message transport for the node's message node. */
  MessageTransport transport() {
    return objects;
  }

  /** Binds the listener (if listening), starts the tick and connects the manual peers. */
  void start() throws NodeException {
    if (config.listen()) {
      ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              pipeline(ch, Peer.Kind.INBOUND, null);
            }
          });
      ChannelFuture f = b.bind(config.bindHost(), config.port()).awaitUninterruptibly();
      if (!f.isSuccess()) {
        throw new NodeException(NodeError.BIND_FAILED, config.bindHost() + ":" + config.port() + ": "
            + f.cause().getMessage(), f.cause());
      }
      server = f.channel();
      LOG.info("{}: listening on {}", config.name(), server.localAddress());
    }
    logic.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    execute(connections::start);
  }

  /** The bound P2P address, or null if not listening. */
  InetSocketAddress localAddress() {
    Channel s = server;
    return s == null ? null : (InetSocketAddress) s.localAddress();
  }

  private void pipeline(Channel ch, Peer.Kind kind, InetSocketAddress target) {
    if (kind != Peer.Kind.INBOUND && config.proxy().isPresent()) {
      // The proxy's own address is resolved here (the resolver is disabled for the targets).
      HostPort proxy = config.proxy().get();
      ch.pipeline().addLast(new Socks5ProxyHandler(new InetSocketAddress(proxy.host(), proxy.port())));
    }
    ch.pipeline().addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    ch.pipeline().addLast(new FrameDecoder(config.network().magic()));
    ch.pipeline().addLast(new PeerHandler(this, kind, target));
  }

  /** Opens an outbound connection; {@code onFailure} runs on the logic thread if it cannot be made. */
  void connect(InetSocketAddress target, Peer.Kind kind, Consumer<Throwable> onFailure) {
    if (closed) {
      return;
    }
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            pipeline(ch, kind, target);
          }
        });
    if (config.proxy().isPresent()) {
      b.resolver(NoopAddressResolverGroup.INSTANCE); // the proxy resolves names (no DNS leak)
    }
    b.connect(target).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        execute(() -> onFailure.accept(f.cause()));
      }
    });
  }

  // ------------------------------------------------------------------ peers

  /**
   * Called on the event loop when a connection opens: refuses banned addresses and connections
   * beyond the inbound limit, else registers the peer and starts the handshake.
   */
  Peer register(Channel channel, Peer.Kind kind, InetSocketAddress target, PeerHandler handler) {
    InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
    InetSocketAddress address = kind == Peer.Kind.INBOUND || config.proxy().isEmpty() ? remote : target;
    if (closed) {
      channel.close();
      return null;
    }
    if (address.getAddress() != null && bans.isBanned(address.getAddress())) {
      LOG.debug("{}: refused banned {}", config.name(), address);
      channel.close();
      return null;
    }
    if (kind == Peer.Kind.INBOUND && count(Peer.Kind.INBOUND) >= config.maxInbound()) {
      LOG.debug("{}: refused inbound {}: {} inbound already", config.name(), address, config.maxInbound());
      channel.close();
      return null;
    }
    Peer peer = new Peer(nextId.getAndIncrement(), channel, kind, address, target, System.currentTimeMillis(),
        random.nextLong(), config.network().magic(), config.maxSendBuffer(), metrics, handler);
    peers.put(peer.id, peer);
    execute(() -> protocol.onOpen(peer));
    return peer;
  }

  /** Called on the event loop when a connection closes. */
  void unregister(Peer peer) {
    peers.remove(peer.id);
    execute(() -> {
      sync.onClose(peer);
      txs.onClose(peer);
      connections.onClose(peer);
      LOG.debug("{}: {} disconnected{}", config.name(), peer, peer.closeReason == null ? "" : ": " + peer.closeReason);
    });
  }

  /** Every registered peer (handshake complete or not). */
  Collection<Peer> peers() {
    return peers.values();
  }

  /** Peers whose handshake is complete. */
  List<Peer> established() {
    List<Peer> out = new ArrayList<>();
    for (Peer p : peers.values()) {
      if (p.established && p.channel.isActive()) {
        out.add(p);
      }
    }
    return out;
  }

  Peer peer(long id) {
    return peers.get(id);
  }

  int count(Peer.Kind kind) {
    int n = 0;
    for (Peer p : peers.values()) {
      if (p.kind == kind) {
        n++;
      }
    }
    return n;
  }

  /** The outbound peer whose version carried {@code nonce}, if any: then we connected to ourselves. */
  Peer outboundWithNonce(long nonce) {
    for (Peer p : peers.values()) {
      if (p.ourNonce == nonce && !p.inbound()) {
        return p;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ inbound messages

  void submit(Peer peer, P2pMessage message, int size) {
    execute(() -> {
      int left = peer.pendingMessages.decrementAndGet();
      long bytes = peer.pendingBytes.addAndGet(-size);
      if (left < PeerHandler.MAX_PENDING_MESSAGES / 2 && bytes < PeerHandler.MAX_PENDING_BYTES / 2) {
        peer.handler.drained();
      }
      if (peer.channel.isActive()) {
        handle(peer, message);
      }
    });
  }

  void submitFault(Peer peer, FrameDecoder.Fault fault) {
    execute(() -> misbehave(peer, BAN_SCORE, fault.error(), fault.detail()));
  }

  private void handle(Peer peer, P2pMessage m) {
    if (m instanceof Version v) {
      protocol.onVersion(peer, v);
      return;
    }
    if (m instanceof Verack) {
      protocol.onVerack(peer);
      return;
    }
    if (!peer.established) {
      LOG.debug("{}: {} sent {} before the handshake; ignored", config.name(), peer, m.command());
      return;
    }
    if (m instanceof Ping p) {
      peer.send(new Pong(p.nonce()));
    } else if (m instanceof Pong p) {
      protocol.onPong(peer, p);
    } else if (m instanceof GetAddr) {
      protocol.onGetAddr(peer);
    } else if (m instanceof Addr a) {
      protocol.onAddr(peer, a);
    } else if (m instanceof InventoryMessage inv) {
      Inventories.dispatch(this, peer, inv, sync, txs, objects);
      drainGetData(peer);
    } else if (m instanceof GetHeaders g) {
      sync.onGetHeaders(peer, g);
    } else if (m instanceof Headers h) {
      sync.onHeaders(peer, h);
    } else if (m instanceof BlockMessage b) {
      sync.onBlock(peer, b.block());
    } else if (m instanceof TxMessage t) {
      txs.onTx(peer, t.transaction());
    } else if (m instanceof ObjectMessage o) {
      objects.onObject(peer, o.object());
    }
  }

  /** Serves queued getdata requests while the peer's send queue is below its high-water mark. */
  void drainGetData(Peer peer) {
    List<InventoryVector> notFound = new ArrayList<>();
    while (!peer.getDataQueue.isEmpty() && peer.channel.isWritable()) {
      InventoryVector v = peer.getDataQueue.poll();
      boolean served = v.type() == InventoryVector.MSG_BLOCK ? sync.serveBlock(peer, v.blockHash())
          : v.type() == InventoryVector.MSG_TX && txs.serveTx(peer, v.txId());
      if (!served) {
        notFound.add(v);
      }
    }
    if (!notFound.isEmpty()) {
      peer.send(InventoryMessage.notFound(notFound));
    }
  }

  void onWritable(Peer peer) {
    execute(() -> drainGetData(peer));
  }

  /**
   * Adds {@code howMuch} to the peer's misbehaviour score; at {@value #BAN_SCORE} its address
   * is banned for the configured duration and the connection closed.
   */
  void misbehave(Peer peer, int howMuch, NodeError why, String detail) {
    peer.score += howMuch;
    LOG.info("{}: {} misbehaved (+{} = {}): {} {}", config.name(), peer, howMuch, peer.score, why, detail);
    if (peer.score >= BAN_SCORE) {
      InetAddress ip = peer.address.getAddress();
      if (ip != null) {
        bans.ban(ip, System.currentTimeMillis() + config.banDuration().toMillis());
      }
      peer.close(NodeError.MISBEHAVING, why + ": " + detail);
      // Every other connection from the banned address goes too.
      for (Peer other : peers.values()) {
        if (other != peer && ip != null && ip.equals(other.address.getAddress())) {
          other.close(NodeError.BANNED, "address banned");
        }
      }
    }
  }

  // ------------------------------------------------------------------ the tick

  private void tick() {
    try {
      long now = System.nanoTime();
      for (Peer p : peers.values()) {
        if (!p.channel.isActive()) {
          continue;
        }
        if (!p.established && System.currentTimeMillis() - p.connectedMillis > config.handshakeTimeout().toMillis()) {
          p.close(NodeError.HANDSHAKE_TIMEOUT, "no handshake within " + config.handshakeTimeout());
          continue;
        }
        long since = p.unwritableSinceNanos;
        if (since != 0 && now - since > config.slowReaderTimeout().toNanos()) {
          p.close(NodeError.SLOW_READER, "send queue full for " + config.slowReaderTimeout());
          continue;
        }
        if (p.established) {
          protocol.tickPing(p, now);
        }
      }
      sync.tick(now);
      txs.tick(now);
      connections.tick();
    } catch (RuntimeException e) {
      // A bug in a handler must not stop the tick (and with it every timeout): log it loudly.
      LOG.error("{}: tick failed", config.name(), e);
    }
  }

  /** Runs {@code task} on the logic thread; dropped after {@link #close()}. */
  void execute(Runnable task) {
    if (closed) {
      return;
    }
    try {
      logic.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("{}: handler failed", config.name(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("{}: closed, task dropped", config.name());
    }
  }

  /** Runs {@code task} on the logic thread and waits for it (for snapshots taken by other threads). */
  <T> T call(java.util.concurrent.Callable<T> task) throws NodeException {
    try {
      return logic.submit(task).get(30, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      throw new NodeException(NodeError.NOT_RUNNING, "node closed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(NodeError.NOT_RUNNING, "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof NodeException ne) {
        throw ne;
      }
      throw new IllegalStateException("logic thread task failed", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new NodeException(NodeError.NOT_RUNNING, "logic thread did not answer within 30 s", e);
    }
  }

  /** Closes every connection and the listener and stops the threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Channel s = server;
    if (s != null) {
      s.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    for (Peer p : peers.values()) {
      p.channel.close();
    }
    logic.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    try {
      logic.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Unused-address guard for outbound picks: not connected, not banned. */
  boolean isConnectedTo(InetSocketAddress a) {
    for (Peer p : peers.values()) {
      if (p.address.equals(a)) {
        return true;
      }
    }
    return false;
  }
}
