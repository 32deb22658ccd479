package org.priwatt.node.rpc.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server under the RPC: one Netty event loop group parsing HTTP (request line and
 * headers bounded by the codec, bodies by the aggregator after the {@link HttpGate}), and a
 * fixed worker pool with a bounded queue running the JSON-RPC calls (bitcoind's
 * {@code -rpcthreads} and {@code -rpcworkqueue}).
 */
public final class HttpServer implements AutoCloseable {
  /** Longest request line, as libevent's default. */
  static final int MAX_INITIAL_LINE = 8192;
  /** Most header bytes, as bitcoind's {@code MAX_HEADERS_SIZE}. */
  static final int MAX_HEADERS = 8192;

  private final EventLoopGroup group;
  private final ThreadPoolExecutor workers;
  private final Channel channel;

  private HttpServer(EventLoopGroup group, ThreadPoolExecutor workers, Channel channel) {
    this.group = group;
    this.workers = workers;
    this.channel = channel;
  }

  /** The limits and sizes of the server. */
  public record Limits(int maxBodyBytes, int threads, int workQueue, int maxConnections, int idleSeconds) {}

  /**
   * Binds {@code address} and serves.
   *
   * @throws InterruptedException if interrupted while binding
   * @throws java.io.IOException if the address cannot be bound
   */
  public static HttpServer start(InetSocketAddress address, Dispatcher dispatcher, Authenticator auth,
      List<Subnet> allowed, Limits limits) throws InterruptedException, java.io.IOException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rpc-http", true),
        NioIoHandler.newFactory());
    ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(limits.workQueue()), new DefaultThreadFactory("rpc-worker", true));
    ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnections());
    List<Subnet> allowedCopy = List.copyOf(allowed);
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(limiter);
            p.addLast(new IdleStateHandler(0, 0, limits.idleSeconds(), TimeUnit.SECONDS));
            p.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 64 * 1024));
            p.addLast(new HttpGate(auth, allowedCopy));
            p.addLast(new HttpObjectAggregator(limits.maxBodyBytes()));
            p.addLast(new RpcChannelHandler(dispatcher, workers));
          }
        });
    io.netty.channel.ChannelFuture bound;
    try {
      bound = b.bind(address).await();
    } catch (InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownNow();
      throw e;
    }
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownNow();
      Throwable cause = bound.cause();
      throw cause instanceof java.io.IOException ? (java.io.IOException) cause
          : new java.io.IOException("cannot bind " + address, cause);
    }
    return new HttpServer(group, workers, bound.channel());
  }

  /** The bound address (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Stops accepting, lets calls under way finish (up to 5 s), and releases the threads. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
