package org.priwatt.node.rpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.node.rpc.internal.Authenticator;
import org.priwatt.node.rpc.internal.BuiltinMethods;
import org.priwatt.node.rpc.internal.CookieFile;
import org.priwatt.node.rpc.internal.Dispatcher;
import org.priwatt.node.rpc.internal.HttpServer;
import org.priwatt.node.rpc.internal.Json;
import org.priwatt.node.rpc.internal.MethodTable;
import org.priwatt.node.rpc.internal.RpcContext;
import org.priwatt.node.rpc.internal.Subnet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's JSON-RPC server, compatible with bitcoind: HTTP/1.1 with keep-alive on loopback by
 * default, Basic authentication by cookie file ({@code .cookie} in the data directory) or
 * user and password, JSON-RPC 1.0 and 2.0 requests and batches, bitcoind's reply and error
 * formats, and the methods listed by {@code help}.
 *
 * <pre>{@code
 * RpcServer rpc = RpcServer.builder(ChainAccess.of(chain, pool, wallet))
 *     .cookie(dataDir)          // or .credentials("user", password)
 *     .port(0)                  // ephemeral: read rpc.port()
 *     .start();
 * }</pre>
 *
 * <p>Untrusted input is bounded before it is held: request line and headers (8 KiB), body
 * ({@link Builder#maxBodyBytes}, 32 MiB by default as bitcoind), JSON nesting and batch size,
 * open connections, one request in flight per connection, and the worker queue (503 "Work queue
 * depth exceeded" beyond it). Thread-safe; {@link #close()} stops it and deletes the cookie.
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  private final HttpServer http;
  private final CookieFile cookie;
  private final AtomicReference<String> warmup;
  private final MethodTable table;

  private RpcServer(HttpServer http, CookieFile cookie, AtomicReference<String> warmup, MethodTable table) {
    this.http = http;
    this.cookie = cookie;
    this.warmup = warmup;
    this.table = table;
  }

  /**
   * A builder serving {@code chain}.
   *
   * @throws NullPointerException if {@code chain} is null
   */
  public static Builder builder(ChainAccess chain) {
    return new Builder(Objects.requireNonNull(chain, "chain"));
  }

  /** bitcoind's RPC port convention: one below the network's P2P port (18443 for regtest). */
  public static int defaultPort(ChainParameters params) {
    return params.p2pPort() - 1;
  }

  /** The address and port the server listens on (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return http.address();
  }

  /** The port the server listens on. */
  public int port() {
    return http.address().getPort();
  }

  /** The cookie file, when cookie authentication is on. */
  public Optional<Path> cookieFile() {
    return Optional.ofNullable(cookie).map(CookieFile::path);
  }

  /** The registered method names, sorted. */
  public List<String> methods() {
    return table.names();
  }

  /** Puts the server in warm-up: calls answer -28 with {@code status} until {@link #warmupFinished()}. */
  public void setWarmupStatus(String status) {
    warmup.set(Objects.requireNonNull(status, "status"));
  }

  /** Ends warm-up: calls are answered. */
  public void warmupFinished() {
    warmup.set(null);
  }

  /** Stops listening, lets calls under way finish (up to 5 s), and deletes the cookie file. */
  @Override
  public void close() {
    http.close();
    if (cookie != null) {
      try {
        cookie.delete();
      } catch (IOException e) {
        LOG.warn("Unable to remove random auth cookie file {}: {}", cookie.path(), e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "RpcServer[" + address() + "]";
  }

  /** Configures and starts a server. Not thread-safe; build once. */
  public static final class Builder {
    private final ChainAccess chain;
    private NetworkAccess network;
    private MessageAccess messages;
    private MarketAccess market;
    private ChannelAccess channels;
    private MetricsAccess metrics;
    private Shutdown shutdown;
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int port = -1;
    private final List<String> allowIps = new ArrayList<>();
    private Path cookieDir;
    private String user;
    private char[] password;
    private int maxBodyBytes = 32 * 1024 * 1024;
    private int maxBatch = 1_000;
    private int maxDepth = 512;
    private int threads = 4;
    private int workQueue = 64;
    private int maxConnections = 128;
    private int idleSeconds = 30;
    private String warmupStatus;
    private String version = "PriWatt:0.1.0";
    private SecureRandom random = new SecureRandom();
    private final List<RpcMethod> extra = new ArrayList<>();

    private Builder(ChainAccess chain) {
      this.chain = chain;
    }

    /** The P2P network (without it, network methods answer -31). */
    public Builder network(NetworkAccess value) {
      this.network = Objects.requireNonNull(value, "network");
      return this;
    }

    /** The messaging (without it, message methods answer -1). */
    public Builder messages(MessageAccess value) {
      this.messages = Objects.requireNonNull(value, "messages");
      return this;
    }

    /** The energy market (without it, market methods answer -1). */
    public Builder market(MarketAccess value) {
      this.market = Objects.requireNonNull(value, "market");
      return this;
    }

    /** The payment channels (without them, channel methods answer -1). */
    public Builder channels(ChannelAccess value) {
      this.channels = Objects.requireNonNull(value, "channels");
      return this;
    }

    /** The metrics for {@code getnodemetrics}. */
    public Builder metrics(MetricsAccess value) {
      this.metrics = Objects.requireNonNull(value, "metrics");
      return this;
    }

    /** What {@code stop} calls (by default it closes this server only). */
    public Builder shutdown(Shutdown value) {
      this.shutdown = Objects.requireNonNull(value, "shutdown");
      return this;
    }

    /**
     * The address to listen on ({@code -rpcbind}); loopback by default. A non-loopback address
     * needs at least one {@link #allowIp} range, as bitcoind refuses to listen publicly without
     * {@code -rpcallowip}.
     */
    public Builder bind(InetAddress value) {
      this.bind = Objects.requireNonNull(value, "bind");
      return this;
    }

    /** The port; 0 for an ephemeral one; by default {@link #defaultPort} of the chain. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port out of range: " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Allows clients from {@code range} ({@code -rpcallowip}: an address or address/prefix);
     * loopback clients are always allowed.
     *
     * @throws IllegalArgumentException if it is not an IP address or subnet
     */
    public Builder allowIp(String range) {
      Subnet.parse(range);
      allowIps.add(range);
      return this;
    }

    /** Cookie authentication: {@code .cookie} written in {@code dataDir} at start, deleted at stop. */
    public Builder cookie(Path dataDir) {
      this.cookieDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /**
     * User and password authentication ({@code -rpcuser}, {@code -rpcpassword}); the server
     * keeps only a salted hash and the caller may clear {@code password} after {@link #start()}.
     */
    public Builder credentials(String user, char[] password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /** Largest request body in bytes (413 beyond). */
    public Builder maxBodyBytes(int value) {
      this.maxBodyBytes = positive(value, "maxBodyBytes");
      return this;
    }

    /** Most requests in one batch. */
    public Builder maxBatch(int value) {
      this.maxBatch = positive(value, "maxBatch");
      return this;
    }

    /** Deepest JSON nesting accepted in a request. */
    public Builder maxDepth(int value) {
      this.maxDepth = positive(value, "maxDepth");
      return this;
    }

    /** Worker threads ({@code -rpcthreads}). */
    public Builder threads(int value) {
      this.threads = positive(value, "threads");
      return this;
    }

    /** Requests waiting for a worker before 503 ({@code -rpcworkqueue}). */
    public Builder workQueue(int value) {
      this.workQueue = positive(value, "workQueue");
      return this;
    }

    /** Most connections open at once. */
    public Builder maxConnections(int value) {
      this.maxConnections = positive(value, "maxConnections");
      return this;
    }

    /** Seconds an idle connection stays open ({@code -rpcservertimeout}). */
    public Builder idleSeconds(int value) {
      this.idleSeconds = positive(value, "idleSeconds");
      return this;
    }

    /** Starts in warm-up: calls answer -28 with {@code status} until {@link RpcServer#warmupFinished()}. */
    public Builder warmup(String status) {
      this.warmupStatus = Objects.requireNonNull(status, "status");
      return this;
    }

    /** The node's version string. */
    public Builder version(String value) {
      this.version = Objects.requireNonNull(value, "version");
      return this;
    }

    /** The randomness for the cookie and the password hash's salt (a {@link SecureRandom}). */
    public Builder random(SecureRandom value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * Registers a further method (channels, roles): one declaration gives binding, type checks
     * and help.
     *
     * @throws IllegalArgumentException at {@link #start()} if its name is taken
     */
    public Builder method(RpcMethod m) {
      extra.add(Objects.requireNonNull(m, "method"));
      return this;
    }

    private static int positive(int v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return v;
    }

    /**
     * Writes the cookie (if asked), binds and serves.
     *
     * @throws IllegalStateException if neither cookie nor credentials were given, or a
     *     non-loopback address was asked without {@link #allowIp}
     * @throws IOException if the cookie cannot be written or the address cannot be bound
     * @throws InterruptedException if interrupted while binding
     */
    public RpcServer start() throws IOException, InterruptedException {
      if (cookieDir == null && user == null) {
        throw new IllegalStateException("RPC needs cookie(dataDir) or credentials(user, password)");
      }
      if (!bind.isLoopbackAddress() && allowIps.isEmpty()) {
        throw new IllegalStateException("-rpcbind of " + bind.getHostAddress()
            + " needs -rpcallowip: refusing to allow everyone to connect");
      }
      List<Subnet> allowed = new ArrayList<>();
      allowed.add(Subnet.parse("127.0.0.0/8"));
      allowed.add(Subnet.parse("::1"));
      allowIps.forEach(r -> allowed.add(Subnet.parse(r)));
      AtomicReference<String> warm = new AtomicReference<>(warmupStatus);
      AtomicReference<MethodTable> tableRef = new AtomicReference<>();
      AtomicReference<RpcServer> self = new AtomicReference<>();
      Shutdown stop = shutdown != null ? shutdown : () -> {
        Thread t = new Thread(() -> {
          RpcServer s = self.get();
          if (s != null) {
            s.close();
          }
        }, "rpc-stop");
        t.setDaemon(true);
        t.start();
      };
      RpcContext ctx = new RpcContext(chain, network, messages, market, channels, metrics, stop,
          chain.clock().getAsLong(), tableRef::get, version);
      List<RpcMethod> methods = new ArrayList<>(BuiltinMethods.all(ctx));
      methods.addAll(extra);
      MethodTable table = MethodTable.of(methods);
      tableRef.set(table);
      Dispatcher dispatcher = new Dispatcher(table, Json.reader(maxDepth, maxBodyBytes), maxBatch, warm::get);
      CookieFile cookie = null;
      Authenticator auth;
      if (cookieDir != null) {
        char[][] pw = new char[1][];
        cookie = CookieFile.create(cookieDir, random, pw);
        auth = new Authenticator(CookieFile.USER, pw[0], random);
        Arrays.fill(pw[0], '\0');
        LOG.info("Generated RPC authentication cookie {}", cookie.path());
      } else {
        auth = new Authenticator(user, password, random);
        Arrays.fill(password, '\0');
      }
      int p = port >= 0 ? port : defaultPort(chain.chain().params());
      HttpServer http;
      try {
        http = HttpServer.start(new InetSocketAddress(bind, p), dispatcher, auth, allowed,
            new HttpServer.Limits(maxBodyBytes, threads, workQueue, maxConnections, idleSeconds));
      } catch (IOException | InterruptedException | RuntimeException e) {
        if (cookie != null) {
          cookie.delete();
        }
        throw e;
      }
      RpcServer server = new RpcServer(http, cookie, warm, table);
      self.set(server);
      LOG.info("JSON-RPC server listening on {}", server.address());
      return server;
    }
  }
}
