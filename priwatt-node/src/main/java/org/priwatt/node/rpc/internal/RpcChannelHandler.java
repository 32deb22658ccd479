package org.priwatt.node.rpc.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one connection's requests strictly in order, one at a time: reading pauses while a
 * request is being answered, so a client cannot queue unbounded work on one connection (at most
 * {@link #MAX_QUEUED} already-decoded pipelined requests wait; more close the connection). The
 * JSON-RPC work runs on the bounded worker pool; when its queue is full the reply is bitcoind's
 * 503 "Work queue depth exceeded". An idle connection with nothing in flight is closed.
 */
final class RpcChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RpcChannelHandler.class);
  static final int MAX_QUEUED = 8;

  private final Dispatcher dispatcher;
  private final Executor workers;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean busy;

  RpcChannelHandler(Dispatcher dispatcher, Executor workers) {
    this.dispatcher = dispatcher;
    this.workers = workers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest) && !(msg instanceof Rejection)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (queue.size() >= MAX_QUEUED) {
      release(msg);
      ctx.close();
      return;
    }
    queue.add(msg);
    ctx.channel().config().setAutoRead(false);
    if (!busy) {
      next(ctx);
    }
  }

  private void next(ChannelHandlerContext ctx) {
    Object m = queue.poll();
    if (m == null) {
      busy = false;
      ctx.channel().config().setAutoRead(true);
      return;
    }
    busy = true;
    if (m instanceof Rejection) {
      Rejection r = (Rejection) m;
      if (r.delayMillis() > 0) {
        ctx.executor().schedule(() -> respond(ctx, r.response(), r.keepAlive()), r.delayMillis(), TimeUnit.MILLISECONDS);
      } else {
        respond(ctx, r.response(), r.keepAlive());
      }
      return;
    }
    FullHttpRequest req = (FullHttpRequest) m;
    byte[] body = ByteBufUtil.getBytes(req.content());
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpVersion version = req.protocolVersion();
    req.release();
    try {
      workers.execute(() -> {
        List<Runnable> after = new ArrayList<>();
        FullHttpResponse response;
        try {
          response = toHttp(version, AfterReply.collecting(after, () -> dispatcher.handle(body)));
        } catch (RuntimeException e) {
          LOG.error("RPC dispatch failed", e);
          response = text(version, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error");
        }
        FullHttpResponse r = response;
        ctx.executor().execute(() -> respond(ctx, r, keepAlive, after));
      });
    } catch (RejectedExecutionException e) {
      respond(ctx, text(version, HttpResponseStatus.SERVICE_UNAVAILABLE, "Work queue depth exceeded"), keepAlive);
    }
  }

  private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    respond(ctx, response, keepAlive, List.of());
  }

  /** Writes the reply, then runs what its method deferred ({@link AfterReply}), written or not. */
  private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, List<Runnable> after) {
    if (!ctx.channel().isActive()) {
      response.release();
      drain();
      after.forEach(Runnable::run);
      return;
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    ChannelFuture f = ctx.writeAndFlush(response);
    if (!after.isEmpty()) {
      f.addListener(done -> after.forEach(Runnable::run));
    }
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
      drain();
      return;
    }
    f.addListener(done -> next(ctx));
  }

  private static FullHttpResponse toHttp(HttpVersion version, Dispatcher.Reply reply) {
    HttpResponseStatus status = HttpResponseStatus.valueOf(reply.status());
    FullHttpResponse r = new DefaultFullHttpResponse(version, status,
        reply.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
    if (reply.body() != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    HttpUtil.setContentLength(r, r.content().readableBytes());
    return r;
  }

  static FullHttpResponse text(HttpVersion version, HttpResponseStatus status, String text) {
    FullHttpResponse r = new DefaultFullHttpResponse(version, status,
        Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_HTML);
    HttpUtil.setContentLength(r, r.content().readableBytes());
    return r;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (!busy && queue.isEmpty()) {
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    drain();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("RPC connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void drain() {
    for (Object o; (o = queue.poll()) != null;) {
      release(o);
    }
  }

  private static void release(Object o) {
    if (o instanceof Rejection) {
      ((Rejection) o).response().release();
    } else {
      ReferenceCountUtil.release(o);
    }
  }
}
