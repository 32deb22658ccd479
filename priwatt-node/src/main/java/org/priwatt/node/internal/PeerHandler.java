package org.priwatt.node.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.priwatt.node.NodeError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a peer's pipeline, on the peer's event loop: counts traffic, applies the
 * per-peer token buckets and the bound on messages waiting for the logic thread by pausing reads
 * (TCP back-pressure, so a fast peer is slowed rather than buffered for), and hands decoded
 * messages to the logic thread. It never validates anything itself.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);
  /** Messages waiting for the logic thread before reads pause. */
  static final int MAX_PENDING_MESSAGES = 1_000;
  /** Bytes waiting for the logic thread before reads pause: two of the largest frames. */
  static final long MAX_PENDING_BYTES = 8_000_048L;

  private final P2pNetwork net;
  private final Peer.Kind kind;
  private final InetSocketAddress target;
  private Peer peer;
  private TokenBucket messageBucket;
  private TokenBucket byteBucket;
  private boolean rateLimited;
  private boolean queueFull;
  private final java.util.ArrayDeque<FrameDecoder.Frame> throttled = new java.util.ArrayDeque<>();
  private ChannelHandlerContext ctx;

  PeerHandler(P2pNetwork net, Peer.Kind kind, InetSocketAddress target) {
    this.net = net;
    this.kind = kind;
    this.target = target;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    this.ctx = context;
    long now = System.nanoTime();
    messageBucket = new TokenBucket(net.config().maxMessagesPerSecond(), 2.0 * net.config().maxMessagesPerSecond(), now);
    byteBucket = new TokenBucket(net.config().maxBytesPerSecond(), 2.0 * net.config().maxBytesPerSecond(), now);
    peer = net.register(context.channel(), kind, target, this);
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (peer == null) {
      return;
    }
    if (msg instanceof FrameDecoder.Fault fault) {
      net.submitFault(peer, fault);
      return;
    }
    FrameDecoder.Frame frame = (FrameDecoder.Frame) msg;
    peer.bytesIn.addAndGet(frame.wireSize());
    peer.lastRecvMillis = System.currentTimeMillis();
    net.metrics().received(frame.command(), frame.wireSize());
    if (rateLimited || !throttled.isEmpty()) {
      // Frames decoded from bytes already read wait here, in order, until the buckets refill;
      // reads are paused meanwhile, so this holds at most what one read delivered.
      throttled.add(frame);
      return;
    }
    admit(frame);
  }

  /** Charges the buckets for {@code frame} and passes it on; pauses reads when a bucket runs dry. */
  private void admit(FrameDecoder.Frame frame) {
    long now = System.nanoTime();
    double m = messageBucket.take(1, now);
    double b = byteBucket.take(frame.wireSize(), now);
    if (frame.message() != null) {
      int pending = peer.pendingMessages.incrementAndGet();
      long bytes = peer.pendingBytes.addAndGet(frame.wireSize());
      if (pending >= MAX_PENDING_MESSAGES || bytes >= MAX_PENDING_BYTES) {
        queueFull = true;
        updateAutoRead();
      }
      net.submit(peer, frame.message(), frame.wireSize());
    }
    if (m < 0 || b < 0) {
      rateLimited = true;
      updateAutoRead();
      long wait = Math.max(messageBucket.waitNanos(now), byteBucket.waitNanos(now));
      ctx.executor().schedule(this::release, Math.max(wait, 1_000_000L), TimeUnit.NANOSECONDS);
    }
  }

  /** The buckets refilled: admits waiting frames until one runs dry again, then resumes reads. */
  private void release() {
    rateLimited = false;
    while (!rateLimited && !throttled.isEmpty()) {
      admit(throttled.poll());
    }
    updateAutoRead();
  }

  /** Called from the logic thread when it has caught up with this peer's messages. */
  void drained() {
    ChannelHandlerContext c = ctx;
    if (c != null) {
      c.executor().execute(() -> {
        if (queueFull && peer.pendingMessages.get() < MAX_PENDING_MESSAGES / 2
            && peer.pendingBytes.get() < MAX_PENDING_BYTES / 2) {
          queueFull = false;
          updateAutoRead();
        }
      });
    }
  }

  private void updateAutoRead() {
    boolean read = !rateLimited && !queueFull && throttled.isEmpty();
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
      if (read) {
        ctx.channel().read();
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    if (peer != null) {
      boolean writable = context.channel().isWritable();
      peer.unwritableSinceNanos = writable ? 0 : System.nanoTime();
      if (writable) {
        net.onWritable(peer);
      }
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (peer != null) {
      net.unregister(peer);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object evt) {
    if (evt instanceof IdleStateEvent && peer != null) {
      peer.close(NodeError.IDLE_TIMEOUT, "nothing received for " + net.config().idleTimeout());
    } else {
      context.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // Resets and proxy refusals are the network's business, not bugs: the connection just ends.
    if (cause instanceof IOException) {
      LOG.debug("{}: {}", peer, cause.getMessage());
    } else {
      LOG.warn("{}: unexpected failure in the pipeline", peer, cause);
    }
    context.close();
  }
}
