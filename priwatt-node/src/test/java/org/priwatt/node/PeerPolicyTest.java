package org.priwatt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.node.p2p.Ping;
import org.priwatt.node.p2p.Pong;
import org.priwatt.node.rpc.NetworkAccess.AddNodeCommand;

/**
 * The connection policy against single misbehaving or slow peers: handshake and ping timeouts,
 * the inbound limit, per-peer rate limits (a flood is slowed, not served at once and not
 * banned), and self-connection detection.
 */
class PeerPolicyTest {
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  private static int port(Node n) {
    return n.p2pAddress().orElseThrow().getPort();
  }

  @Test
  void aPeerThatNeverShakesHandsIsDroppedButNotBanned() throws Exception {
    Node n = nodes.start(TestNodes.config("n").handshakeTimeout(Duration.ofMillis(800)).build());
    try (RawPeer silent = RawPeer.connect("127.0.0.1", port(n))) {
      assertThat(silent.closedWithin(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(n.networkInfo().banned()).isZero();
  }

  @Test
  void aPeerThatNeverAnswersPingsIsDropped() throws Exception {
    Node n = nodes.start(TestNodes.config("n").pingInterval(Duration.ofMillis(200))
        .pingTimeout(Duration.ofMillis(1000)).build());
    try (RawPeer deaf = RawPeer.connect("127.0.0.1", port(n)).handshake(0)) {
      assertThat(deaf.closedWithin(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void answeredPingsKeepTheConnectionAndMeasureIt() throws Exception {
    Node n = nodes.start(TestNodes.config("n").pingInterval(Duration.ofMillis(100))
        .pingTimeout(Duration.ofMillis(600)).build());
    try (RawPeer peer = RawPeer.connect("127.0.0.1", port(n)).handshake(0)) {
      long until = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < until) {
        Ping ping = peer.readUntil(Ping.class);
        peer.send(new Pong(ping.nonce()));
      }
      assertThat(n.peers()).hasSize(1);
      assertThat(n.peers().get(0).pingTime()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void inboundConnectionsBeyondTheLimitAreRefused() throws Exception {
    Node n = nodes.start(TestNodes.config("n").maxInbound(1).build());
    try (RawPeer first = RawPeer.connect("127.0.0.1", port(n)).handshake(0);
        RawPeer second = RawPeer.connect("127.0.0.1", port(n))) {
      assertThat(second.closedWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(n.peers()).hasSize(1);
    }
  }

  @Test
  void aFloodIsSlowedToTheRateLimitWithoutABan() throws Exception {
    Node n = nodes.start(TestNodes.config("n").maxMessagesPerSecond(100).build());
    try (RawPeer flood = RawPeer.connect("127.0.0.1", port(n)).handshake(0)) {
      long start = System.nanoTime();
      for (int i = 1; i <= 400; i++) {
        flood.send(new Ping(i));
      }
      int pongs = 0;
      while (pongs < 400) {
        if (flood.read() instanceof Pong p && p.nonce() >= 1 && p.nonce() <= 400) {
          pongs++;
        }
      }
      // A burst of 200, then 100 per second: the last pongs cannot come before ~2 s.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
      assertThat(n.peers()).hasSize(1);
      assertThat(n.networkInfo().banned()).isZero();
    }
  }

  @Test
  void aConnectionToItselfIsDetectedAndDropped() throws Exception {
    Node n = nodes.start("n");
    n.addNode(TestNodes.address(n), AddNodeCommand.ONETRY);
    await("the self-connection was tried and dropped", () -> {
      try {
        return n.metrics().counter("p2p.messages.received.version") >= 1 && n.peers().isEmpty();
      } catch (NodeException e) {
        return false;
      }
    });
  }

  @Test
  void outboundConnectionsGoThroughTheSocks5ProxyWithNamesUnresolved() throws Exception {
    try (Socks5Relay proxy = new Socks5Relay()) {
      Node a = nodes.start("a");
      Node b = nodes.start(TestNodes.config("b").proxy(new HostPort("127.0.0.1", proxy.port()))
          .connect(new HostPort("localhost", port(a))).build());
      TestNodes.awaitPeers(b, 1);
      a.mine(2, TestNodes.ANYONE);
      await("b syncs through the proxy", () -> b.chain().height() == 2);
      assertThat(proxy.targets).containsExactly("localhost:" + port(a));
    }
  }
}
