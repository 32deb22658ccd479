package org.priwatt.node.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.priwatt.chain.state.ChainState;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.Addr;
import org.priwatt.node.p2p.GetAddr;
import org.priwatt.node.p2p.NetAddress;
import org.priwatt.node.p2p.Ping;
import org.priwatt.node.p2p.Pong;
import org.priwatt.node.p2p.TimedAddress;
import org.priwatt.node.p2p.Verack;
import org.priwatt.node.p2p.Version;

/**
 * The connection-level protocol: the version handshake (with self-connection detection by
 * nonce and the minimum protocol version), pings with their timeout, and address exchange
 * (getaddr answered once per inbound peer, addr entries stored in the bounded address book,
 * the node's own listening address advertised to its outbound peers). Logic thread only.
 */
final class PeerProtocol {
  private static final long TEN_MINUTES = 600;
  private static final long FIVE_DAYS = 5 * 24 * 3600;

  private final P2pNetwork net;
  private final ChainState chain;
  private final SecureRandom random;

  PeerProtocol(P2pNetwork net, ChainState chain, SecureRandom random) {
    this.net = net;
    this.chain = chain;
    this.random = random;
  }

  void onOpen(Peer peer) {
    if (!peer.inbound()) {
      sendVersion(peer);
    }
  }

  private void sendVersion(Peer peer) {
    InetSocketAddress a = peer.address;
    NetAddress receiver = a.getAddress() == null ? NetAddress.unspecified() : NetAddress.of(0, a);
    peer.send(new Version(Version.PROTOCOL_VERSION, Version.NODE_NETWORK, System.currentTimeMillis() / 1000,
        receiver, NetAddress.unspecified(), peer.ourNonce, Version.USER_AGENT, chain.height(), true));
  }

  void onVersion(Peer peer, Version v) {
    if (peer.version != null) {
      net.misbehave(peer, 1, NodeError.PROTOCOL_VIOLATION, "second version message");
      return;
    }
    Peer self = peer.inbound() ? net.outboundWithNonce(v.nonce()) : null;
    if (self != null) {
      peer.close(NodeError.SELF_CONNECTION, "our own nonce");
      self.close(NodeError.SELF_CONNECTION, "connected to ourselves");
      net.connections.onSelfConnection(self);
      return;
    }
    if (v.protocolVersion() < Version.MIN_PROTOCOL_VERSION) {
      peer.close(NodeError.OBSOLETE_VERSION, "protocol " + v.protocolVersion());
      return;
    }
    peer.version = v;
    if (peer.inbound()) {
      sendVersion(peer);
    }
    peer.send(new Verack());
    if (peer.verackReceived) {
      established(peer);
    }
  }

  void onVerack(Peer peer) {
    if (peer.version == null || peer.verackReceived) {
      net.misbehave(peer, 1, NodeError.PROTOCOL_VIOLATION, "verack out of order");
      return;
    }
    peer.verackReceived = true;
    established(peer);
  }

  private void established(Peer peer) {
    peer.established = true;
    if (!peer.inbound()) {
      peer.send(new GetAddr());
      advertiseSelf(peer);
    }
    net.connections.onEstablished(peer);
    net.sync.onEstablished(peer);
    net.objects.onEstablished(peer);
  }

  /** Tells an outbound peer where this node listens, so others can dial it (Core's self-advertisement). */
  private void advertiseSelf(Peer peer) {
    InetSocketAddress local = net.localAddress();
    if (local == null || local.getAddress() == null || local.getAddress().isAnyLocalAddress()) {
      return;
    }
    peer.send(new Addr(List.of(new TimedAddress(System.currentTimeMillis() / 1000,
        NetAddress.of(Version.NODE_NETWORK, local)))));
  }

  void tickPing(Peer peer, long nowNanos) {
    if (peer.pingNonce != 0) {
      if (nowNanos - peer.pingSentNanos > net.config().pingTimeout().toNanos()) {
        peer.close(NodeError.PING_TIMEOUT, "no pong within " + net.config().pingTimeout());
      }
      return;
    }
    if (peer.lastPingSentNanos == 0 || nowNanos - peer.lastPingSentNanos >= net.config().pingInterval().toNanos()) {
      long nonce;
      do {
        nonce = random.nextLong();
      } while (nonce == 0);
      peer.pingNonce = nonce;
      peer.pingSentNanos = nowNanos;
      peer.lastPingSentNanos = nowNanos;
      peer.send(new Ping(nonce));
    }
  }

  void onPong(Peer peer, Pong pong) {
    if (peer.pingNonce != 0 && pong.nonce() == peer.pingNonce) {
      long micros = (System.nanoTime() - peer.pingSentNanos) / 1000;
      peer.pingMicros = micros;
      if (peer.minPingMicros < 0 || micros < peer.minPingMicros) {
        peer.minPingMicros = micros;
      }
      peer.pingNonce = 0;
    }
  }

  void onGetAddr(Peer peer) {
    // Core answers inbound peers only, once per connection: an outbound peer could otherwise map
    // the address book by asking repeatedly.
    if (!peer.inbound() || peer.sentGetAddrAnswer) {
      return;
    }
    peer.sentGetAddrAnswer = true;
    Set<InetSocketAddress> exclude = new HashSet<>();
    exclude.add(peer.address);
    List<TimedAddress> out = new ArrayList<>();
    for (Map.Entry<InetSocketAddress, Long> e : net.connections.book().sample(Addr.MAX_ENTRIES, exclude).entrySet()) {
      out.add(new TimedAddress(e.getValue(), NetAddress.of(Version.NODE_NETWORK, e.getKey())));
    }
    peer.send(new Addr(out));
  }

  void onAddr(Peer peer, Addr addr) {
    long now = System.currentTimeMillis() / 1000;
    for (TimedAddress t : addr.addresses()) {
      long seen = t.time() > now + TEN_MINUTES ? now - FIVE_DAYS : t.time();
      InetAddress ip = t.address().address();
      if (!net.bans().isBanned(ip)) {
        net.connections.book().add(new InetSocketAddress(ip, t.address().port()), seen);
      }
    }
  }
}
