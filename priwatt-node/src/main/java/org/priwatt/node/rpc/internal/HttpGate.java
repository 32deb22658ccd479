package org.priwatt.node.rpc.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a request from its head, before its body is buffered, in bitcoind's order: client
 * address allowed ({@code -rpcallowip}, else 403), a known path ({@code /} or
 * {@code /wallet/...}, else 404), POST (else 405 "JSONRPC server handles only POST requests"),
 * credentials present (else 401 with {@code WWW-Authenticate: Basic realm="jsonrpc"}) and right
 * (else the same 401 after 250 ms, to slow guessing). A refused request's body is discarded as
 * it arrives, so unauthenticated clients never make the server hold a large body.
 */
final class HttpGate extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
  static final String REALM = "Basic realm=\"jsonrpc\"";
  static final long WRONG_PASSWORD_DELAY_MILLIS = 250;

  private final Authenticator auth;
  private final List<Subnet> allowed;
  private boolean discarding;

  HttpGate(Authenticator auth, List<Subnet> allowed) {
    this.auth = auth;
    this.allowed = allowed;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      HttpRequest req = (HttpRequest) msg;
      Rejection r = check(ctx, req);
      if (r == null) {
        discarding = false;
        ctx.fireChannelRead(msg);
        return;
      }
      discarding = !(msg instanceof LastHttpContent);
      ReferenceCountUtil.release(msg);
      ctx.fireChannelRead(r);
      return;
    }
    if (discarding && msg instanceof HttpContent) {
      if (msg instanceof LastHttpContent) {
        discarding = false;
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private Rejection check(ChannelHandlerContext ctx, HttpRequest req) {
    // A body the client would send only after "100 Continue" never comes: close after refusing.
    boolean keepAlive = HttpUtil.isKeepAlive(req) && !HttpUtil.is100ContinueExpected(req)
        && req.decoderResult().isSuccess();
    if (!req.decoderResult().isSuccess()) {
      return new Rejection(reply(req, HttpResponseStatus.BAD_REQUEST, ""), 0, false);
    }
    SocketAddress remote = ctx.channel().remoteAddress();
    InetAddress ip = remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
    if (ip == null || allowed.stream().noneMatch(s -> s.contains(ip))) {
      LOG.debug("HTTP request from {} refused: not in rpcallowip", remote);
      return new Rejection(reply(req, HttpResponseStatus.FORBIDDEN, ""), 0, false);
    }
    String path = req.uri();
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    if (!path.equals("/") && !path.startsWith("/wallet/")) {
      return new Rejection(reply(req, HttpResponseStatus.NOT_FOUND, ""), 0, keepAlive);
    }
    if (!HttpMethod.POST.equals(req.method())) {
      return new Rejection(reply(req, HttpResponseStatus.METHOD_NOT_ALLOWED,
          "JSONRPC server handles only POST requests"), 0, keepAlive);
    }
    String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (authorization == null) {
      FullHttpResponse r = reply(req, HttpResponseStatus.UNAUTHORIZED, "");
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM);
      return new Rejection(r, 0, keepAlive);
    }
    if (!auth.check(authorization)) {
      LOG.warn("ThreadRPCServer incorrect password attempt from {}", remote);
      FullHttpResponse r = reply(req, HttpResponseStatus.UNAUTHORIZED, "");
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM);
      return new Rejection(r, WRONG_PASSWORD_DELAY_MILLIS, keepAlive);
    }
    return null;
  }

  static FullHttpResponse reply(HttpRequest req, HttpResponseStatus status, String text) {
    FullHttpResponse r = new DefaultFullHttpResponse(req.protocolVersion(), status,
        Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    if (!text.isEmpty()) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_HTML);
    }
    HttpUtil.setContentLength(r, r.content().readableBytes());
    return r;
  }
}
