package org.priwatt.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.msg.PowParameters;
import org.priwatt.node.role.RoleConfig;

/**
 * Everything a {@link Node} is told at start: network, storage, listening address, peers,
 * limits, timeouts, mining, message proof of work, and the RPC settings (read by the RPC server,
 * not by the node). Immutable; built with {@link #builder()} or read from a properties file by
 * {@link NodeProperties}. {@link #toString()} never shows the wallet passphrase or the RPC
 * password.
 */
public final class NodeConfig {
  /** Default most inbound connections (Core: 125 connections minus 8 outbound). */
  public static final int DEFAULT_MAX_INBOUND = 117;
  /** Default most automatic outbound connections (Core's full-relay outbound count). */
  public static final int DEFAULT_MAX_OUTBOUND = 8;
  /** Most manual connections ({@code connect}/{@code addnode}), beside the automatic ones. */
  public static final int MAX_MANUAL = 8;

  private final String name;
  private final ChainParameters network;
  private final Path dataDir;
  private final String bindHost;
  private final int port;
  private final boolean listen;
  private final List<HostPort> connect;
  private final List<HostPort> addNodes;
  private final HostPort proxy;
  private final int maxInbound;
  private final int maxOutbound;
  private final boolean mine;
  private final String mineAddress;
  private final Duration mineInterval;
  private final Duration handshakeTimeout;
  private final Duration pingInterval;
  private final Duration pingTimeout;
  private final Duration idleTimeout;
  private final Duration stallTimeout;
  private final Duration slowReaderTimeout;
  private final Duration banDuration;
  private final int maxMessagesPerSecond;
  private final long maxBytesPerSecond;
  private final long maxSendBuffer;
  private final int addressBookSize;
  private final PowParameters messagePow;
  private final String walletPassphrase;
  private final Duration statusInterval;
  private final boolean rpcEnabled;
  private final String rpcBind;
  private final int rpcPort;
  private final String rpcUser;
  private final String rpcPassword;
  private final RoleConfig role;

  private NodeConfig(Builder b) {
    this.name = b.name;
    this.network = b.network;
    this.dataDir = b.dataDir;
    this.bindHost = b.bindHost;
    this.port = b.port < 0 ? b.network.p2pPort() : b.port;
    this.listen = b.listen;
    this.connect = List.copyOf(b.connect);
    this.addNodes = List.copyOf(b.addNodes);
    this.proxy = b.proxy;
    this.maxInbound = b.maxInbound;
    this.maxOutbound = b.maxOutbound;
    this.mine = b.mine;
    this.mineAddress = b.mineAddress;
    this.mineInterval = b.mineInterval;
    this.handshakeTimeout = b.handshakeTimeout;
    this.pingInterval = b.pingInterval;
    this.pingTimeout = b.pingTimeout;
    this.idleTimeout = b.idleTimeout;
    this.stallTimeout = b.stallTimeout;
    this.slowReaderTimeout = b.slowReaderTimeout;
    this.banDuration = b.banDuration;
    this.maxMessagesPerSecond = b.maxMessagesPerSecond;
    this.maxBytesPerSecond = b.maxBytesPerSecond;
    this.maxSendBuffer = b.maxSendBuffer;
    this.addressBookSize = b.addressBookSize;
    this.messagePow = b.messagePow;
    this.walletPassphrase = b.walletPassphrase;
    this.statusInterval = b.statusInterval;
    this.rpcEnabled = b.rpcEnabled;
    this.rpcBind = b.rpcBind;
    this.rpcPort = b.rpcPort;
    this.rpcUser = b.rpcUser;
    this.rpcPassword = b.rpcPassword;
    this.role = b.role;
  }

  /** A builder with the defaults documented on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The node's name in logs and thread names. */
  public String name() {
    return name;
  }

  /** The chain: {@link ChainParameters#REGTEST} or {@link ChainParameters#PRIWATT}. */
  public ChainParameters network() {
    return network;
  }

  /** The data directory; empty for a node kept in memory. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /** Whether nothing is stored: chain, wallet and bans live in memory. */
  public boolean inMemory() {
    return dataDir == null;
  }

  /** The address the P2P listener binds. */
  public String bindHost() {
    return bindHost;
  }

  /** The P2P port; 0 picks a free one (see {@link Node#p2pAddress()}). */
  public int port() {
    return port;
  }

  /** Whether the node accepts inbound connections. */
  public boolean listen() {
    return listen;
  }

  /** Peers to connect to exclusively: with any, no automatic outbound connections are made. */
  public List<HostPort> connect() {
    return connect;
  }

  /** Peers to keep connected to, beside the automatic ones. */
  public List<HostPort> addNodes() {
    return addNodes;
  }

  /** The SOCKS5 proxy for outbound connections, if any (paper R12). */
  public Optional<HostPort> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** Most inbound connections. */
  public int maxInbound() {
    return maxInbound;
  }

  /** Most automatic outbound connections. */
  public int maxOutbound() {
    return maxOutbound;
  }

  /** Whether a mining thread runs. */
  public boolean mine() {
    return mine;
  }

  /** Where mined coins go (an address of the network); empty: a fresh address of the node's wallet. */
  public Optional<String> mineAddress() {
    return Optional.ofNullable(mineAddress);
  }

  /** The pause between two blocks of the mining thread. */
  public Duration mineInterval() {
    return mineInterval;
  }

  /** How long a peer has to complete the version handshake. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** How often each peer is pinged. */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** How long a ping may stay unanswered. */
  public Duration pingTimeout() {
    return pingTimeout;
  }

  /** How long a connection may stay silent. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** How long a requested block may take before the request moves to another peer. */
  public Duration stallTimeout() {
    return stallTimeout;
  }

  /** How long a peer may leave the send queue above its high-water mark. */
  public Duration slowReaderTimeout() {
    return slowReaderTimeout;
  }

  /** How long a ban lasts. */
  public Duration banDuration() {
    return banDuration;
  }

  /** Messages per second a peer may send on average (bursts of twice that). */
  public int maxMessagesPerSecond() {
    return maxMessagesPerSecond;
  }

  /** Bytes per second a peer may send on average (bursts of twice that). */
  public long maxBytesPerSecond() {
    return maxBytesPerSecond;
  }

  /** Most unsent bytes queued for one peer before it is disconnected as a slow reader. */
  public long maxSendBuffer() {
    return maxSendBuffer;
  }

  /** Most addresses in the address book. */
  public int addressBookSize() {
    return addressBookSize;
  }

  /** The least proof of work a message object must carry to be accepted and relayed. */
  public PowParameters messagePow() {
    return messagePow;
  }

  /** The wallet file's passphrase (never in {@link #toString()}). */
  public String walletPassphrase() {
    return walletPassphrase;
  }

  /** How often {@code status.json} is written in the data directory; zero: never. */
  public Duration statusInterval() {
    return statusInterval;
  }

  /** Whether the node serves JSON-RPC ({@link Node#start()} starts the server). */
  public boolean rpcEnabled() {
    return rpcEnabled;
  }

  /** The RPC listen address (a loopback address unless the server allows other clients). */
  public String rpcBind() {
    return rpcBind;
  }

  /** The RPC port: -1 for the network's default (one below its P2P port), 0 for a free one. */
  public int rpcPort() {
    return rpcPort;
  }

  /** The RPC user name, if user/password authentication is configured. */
  public Optional<String> rpcUser() {
    return Optional.ofNullable(rpcUser);
  }

  /** The RPC password, if configured (never in {@link #toString()}). */
  public Optional<String> rpcPassword() {
    return Optional.ofNullable(rpcPassword);
  }

  /** The energy role the node plays, if any ({@code --role}). */
  public Optional<RoleConfig> role() {
    return Optional.ofNullable(role);
  }

  @Override
  public String toString() {
    return "NodeConfig{" + name + ", " + network.id() + ", " + (dataDir == null ? "in memory" : dataDir)
        + ", bind " + bindHost + ":" + port + (listen ? "" : " (not listening)") + ", connect " + connect
        + ", addnode " + addNodes + (proxy == null ? "" : ", proxy " + proxy) + ", in/out " + maxInbound + "/"
        + maxOutbound + (mine ? ", mining every " + mineInterval : "")
        + (role == null ? "" : ", role " + role.role().id()) + "}";
  }

  /** Builds a {@link NodeConfig}; each setter names its default. Not thread-safe. */
  public static final class Builder {
    private String name = "node";
    private ChainParameters network = ChainParameters.REGTEST;
    private Path dataDir;
    private String bindHost = "0.0.0.0";
    private int port = -1;
    private boolean listen = true;
    private List<HostPort> connect = new ArrayList<>();
    private List<HostPort> addNodes = new ArrayList<>();
    private HostPort proxy;
    private int maxInbound = DEFAULT_MAX_INBOUND;
    private int maxOutbound = DEFAULT_MAX_OUTBOUND;
    private boolean mine;
    private String mineAddress;
    private Duration mineInterval = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(60);
    private Duration pingInterval = Duration.ofMinutes(2);
    private Duration pingTimeout = Duration.ofMinutes(20);
    private Duration idleTimeout = Duration.ofMinutes(20);
    private Duration stallTimeout = Duration.ofSeconds(60);
    private Duration slowReaderTimeout = Duration.ofMinutes(2);
    private Duration banDuration = Duration.ofHours(24);
    private int maxMessagesPerSecond = 2_000;
    private long maxBytesPerSecond = 32L << 20;
    private long maxSendBuffer = 16L << 20;
    private int addressBookSize = 2_048;
    private PowParameters messagePow = PowParameters.NETWORK_DEFAULT;
    private String walletPassphrase = "";
    private Duration statusInterval = Duration.ofSeconds(5);
    private boolean rpcEnabled;
    private String rpcBind = "127.0.0.1";
    private int rpcPort = -1;
    private String rpcUser;
    private String rpcPassword;
    private RoleConfig role;

    private Builder() {}

    private Builder(NodeConfig c) {
      name = c.name;
      network = c.network;
      dataDir = c.dataDir;
      bindHost = c.bindHost;
      port = c.port;
      listen = c.listen;
      connect = new ArrayList<>(c.connect);
      addNodes = new ArrayList<>(c.addNodes);
      proxy = c.proxy;
      maxInbound = c.maxInbound;
      maxOutbound = c.maxOutbound;
      mine = c.mine;
      mineAddress = c.mineAddress;
      mineInterval = c.mineInterval;
      handshakeTimeout = c.handshakeTimeout;
      pingInterval = c.pingInterval;
      pingTimeout = c.pingTimeout;
      idleTimeout = c.idleTimeout;
      stallTimeout = c.stallTimeout;
      slowReaderTimeout = c.slowReaderTimeout;
      banDuration = c.banDuration;
      maxMessagesPerSecond = c.maxMessagesPerSecond;
      maxBytesPerSecond = c.maxBytesPerSecond;
      maxSendBuffer = c.maxSendBuffer;
      addressBookSize = c.addressBookSize;
      messagePow = c.messagePow;
      walletPassphrase = c.walletPassphrase;
      statusInterval = c.statusInterval;
      rpcEnabled = c.rpcEnabled;
      rpcBind = c.rpcBind;
      rpcPort = c.rpcPort;
      rpcUser = c.rpcUser;
      rpcPassword = c.rpcPassword;
      role = c.role;
    }

    /** The node's name (default "node"). */
    public Builder name(String value) {
      this.name = requireText(value, "name");
      return this;
    }

    /** The chain (default {@link ChainParameters#REGTEST}). */
    public Builder network(ChainParameters value) {
      this.network = Objects.requireNonNull(value, "network");
      return this;
    }

    /** The data directory; null keeps everything in memory (the default). */
    public Builder dataDir(Path value) {
      this.dataDir = value;
      return this;
    }

    /** The P2P listen address (default 0.0.0.0, every interface). */
    public Builder bindHost(String value) {
      this.bindHost = requireText(value, "bindHost");
      return this;
    }

    /** The P2P port (default: the network's, {@link ChainParameters#p2pPort()}); 0 picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port " + value);
      }
      this.port = value;
      return this;
    }

    /** Whether to accept inbound connections (default true). */
    public Builder listen(boolean value) {
      this.listen = value;
      return this;
    }

    /** Adds a peer to connect to exclusively (default none). */
    public Builder connect(HostPort peer) {
      connect.add(Objects.requireNonNull(peer, "peer"));
      return this;
    }

    /** Adds a peer to keep connected to (default none). */
    public Builder addNode(HostPort peer) {
      addNodes.add(Objects.requireNonNull(peer, "peer"));
      return this;
    }

    /** The SOCKS5 proxy for outbound connections (default none). */
    public Builder proxy(HostPort value) {
      this.proxy = value;
      return this;
    }

    /** Most inbound connections (default {@value #DEFAULT_MAX_INBOUND}). */
    public Builder maxInbound(int value) {
      this.maxInbound = nonNegative(value, "maxInbound");
      return this;
    }

    /** Most automatic outbound connections (default {@value #DEFAULT_MAX_OUTBOUND}). */
    public Builder maxOutbound(int value) {
      this.maxOutbound = nonNegative(value, "maxOutbound");
      return this;
    }

    /** Whether a mining thread runs (default false). */
    public Builder mine(boolean value) {
      this.mine = value;
      return this;
    }

    /** Where mined coins go (default: a fresh address of the node's wallet). */
    public Builder mineAddress(String value) {
      this.mineAddress = value;
      return this;
    }

    /** The pause between mined blocks (default 10 s). */
    public Builder mineInterval(Duration value) {
      this.mineInterval = nonNegative(value, "mineInterval");
      return this;
    }

    /** The handshake deadline (default 60 s). */
    public Builder handshakeTimeout(Duration value) {
      this.handshakeTimeout = positive(value, "handshakeTimeout");
      return this;
    }

    /** The ping period (default 2 min). */
    public Builder pingInterval(Duration value) {
      this.pingInterval = positive(value, "pingInterval");
      return this;
    }

    /** How long a ping may stay unanswered (default 20 min). */
    public Builder pingTimeout(Duration value) {
      this.pingTimeout = positive(value, "pingTimeout");
      return this;
    }

    /** How long a connection may receive nothing (default 20 min). */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = positive(value, "idleTimeout");
      return this;
    }

    /** How long a requested block may take (default 60 s). */
    public Builder stallTimeout(Duration value) {
      this.stallTimeout = positive(value, "stallTimeout");
      return this;
    }

    /** How long a peer may leave its send queue full (default 2 min). */
    public Builder slowReaderTimeout(Duration value) {
      this.slowReaderTimeout = positive(value, "slowReaderTimeout");
      return this;
    }

    /** How long a ban lasts (default 24 h). */
    public Builder banDuration(Duration value) {
      this.banDuration = positive(value, "banDuration");
      return this;
    }

    /** Average messages per second per peer (default 2,000). */
    public Builder maxMessagesPerSecond(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxMessagesPerSecond must be positive");
      }
      this.maxMessagesPerSecond = value;
      return this;
    }

    /** Average bytes per second per peer (default 32 MiB). */
    public Builder maxBytesPerSecond(long value) {
      if (value < 4_000_024L) {
        throw new IllegalArgumentException("maxBytesPerSecond below one largest frame");
      }
      this.maxBytesPerSecond = value;
      return this;
    }

    /** Most unsent bytes per peer (default 16 MiB; at least one block frame). */
    public Builder maxSendBuffer(long value) {
      if (value < 4_000_024L) {
        throw new IllegalArgumentException("maxSendBuffer below one largest frame");
      }
      this.maxSendBuffer = value;
      return this;
    }

    /** Most addresses kept (default 2,048). */
    public Builder addressBookSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("addressBookSize must be positive");
      }
      this.addressBookSize = value;
      return this;
    }

    /** The minimum proof of work of message objects (default {@link PowParameters#NETWORK_DEFAULT}). */
    public Builder messagePow(PowParameters value) {
      this.messagePow = Objects.requireNonNull(value, "messagePow");
      return this;
    }

    /** The wallet file's passphrase (default empty). */
    public Builder walletPassphrase(String value) {
      this.walletPassphrase = Objects.requireNonNull(value, "walletPassphrase");
      return this;
    }

    /** How often status.json is written (default 5 s; zero: never). */
    public Builder statusInterval(Duration value) {
      this.statusInterval = nonNegative(value, "statusInterval");
      return this;
    }

    /** Whether the node serves JSON-RPC (default false). */
    public Builder rpcEnabled(boolean value) {
      this.rpcEnabled = value;
      return this;
    }

    /** The RPC listen address (default 127.0.0.1). */
    public Builder rpcBind(String value) {
      this.rpcBind = requireText(value, "rpcBind");
      return this;
    }

    /** The RPC port: -1 for the network's default (the default), 0 for a free one. */
    public Builder rpcPort(int value) {
      if (value < -1 || value > 65535) {
        throw new IllegalArgumentException("rpcPort " + value);
      }
      this.rpcPort = value;
      return this;
    }

    /** The RPC user (default none: cookie authentication); needs {@link #rpcPassword}. */
    public Builder rpcUser(String value) {
      this.rpcUser = value;
      return this;
    }

    /** The RPC password (default none). */
    public Builder rpcPassword(String value) {
      this.rpcPassword = value;
      return this;
    }

    /** The energy role the node plays (default none). */
    public Builder role(RoleConfig value) {
      this.role = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if {@code connect} and {@code addNodes} together exceed
     *     {@value #MAX_MANUAL} peers, the ping timeout is not longer than the ping interval, or
     *     only one of the RPC user and password is set
     */
    public NodeConfig build() {
      if (connect.size() + addNodes.size() > MAX_MANUAL) {
        throw new IllegalArgumentException("more than " + MAX_MANUAL + " connect/addnode peers");
      }
      if (pingTimeout.compareTo(pingInterval) <= 0) {
        throw new IllegalArgumentException("pingTimeout must exceed pingInterval");
      }
      if ((rpcUser == null) != (rpcPassword == null)) {
        throw new IllegalArgumentException("rpcUser and rpcPassword go together");
      }
      return new NodeConfig(this);
    }

    private static String requireText(String v, String what) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return v;
    }

    private static int nonNegative(int v, String what) {
      if (v < 0) {
        throw new IllegalArgumentException(what + " must not be negative");
      }
      return v;
    }

    private static Duration nonNegative(Duration v, String what) {
      if (v.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative");
      }
      return v;
    }

    private static Duration positive(Duration v, String what) {
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return v;
    }
  }
}
