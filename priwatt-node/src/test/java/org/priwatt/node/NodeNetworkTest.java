package org.priwatt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.node.TestNodes.await;
import static org.priwatt.node.TestNodes.awaitPeers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.node.p2p.BlockMessage;
import org.priwatt.node.p2p.FrameHeader;
import org.priwatt.node.p2p.Payloads;
import org.priwatt.node.p2p.Ping;

/**
 * Several nodes in one process on loopback: blocks, transactions and message objects cross a
 * line of nodes; a fresh node syncs headers first; hostile peers (garbage, oversized frames, bad
 * checksums, an invalid block) are banned while the honest links carry on; a node restarts from
 * its data directory; two nodes never share one.
 */
class NodeNetworkTest {
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  private static boolean sameTip(Node a, Node b) {
    return a.chain().tip().hash().equals(b.chain().tip().hash());
  }

  @Test
  void aBlockMinedOnAReachesCThroughB() throws Exception {
    Node a = nodes.start("a");
    Node b = nodes.start("b", a);
    Node c = nodes.start("c", b);
    awaitPeers(b, 2);
    List<Block> mined = a.mine(3, TestNodes.ANYONE);
    await("c at a's tip", () -> c.chain().height() == 3 && sameTip(a, c));
    assertThat(c.chain().tip().hash()).isEqualTo(mined.get(2).hash());
    assertThat(b.metrics().counter("p2p.blocks.relayed")).isPositive();
    assertThat(c.metrics().timing("p2p.block.propagation").count()).isPositive();
    assertThat(c.metrics().counters()).containsKeys("p2p.messages.received.headers", "p2p.messages.received.block");
  }

  @Test
  void aTransactionAcceptedOnAReachesC() throws Exception {
    Node a = nodes.start("a");
    Node b = nodes.start("b", a);
    Node c = nodes.start("c", b);
    awaitPeers(b, 2);
    a.mine(101, PaymentBuilder.scriptFor(a.wallet().freshReceiveAddress()));
    await("c synced", () -> c.chain().height() == 101);
    Transaction tx = a.wallet().send(c.wallet().freshReceiveAddress(), Amount.ofSat(100_000_000));
    await("tx in c's mempool", () -> c.mempool().contains(tx.txId()));
    assertThat(b.mempool().contains(tx.txId())).isTrue();
    a.mine(1, TestNodes.ANYONE);
    await("tx mined everywhere", () -> !c.mempool().contains(tx.txId()) && c.chain().height() == 102);
  }

  @Test
  void aMessageSentOnAIsReadOnC() throws Exception {
    Node a = nodes.start("a");
    Node b = nodes.start("b", a);
    Node c = nodes.start("c", b);
    awaitPeers(b, 2);
    Identity alice = Identity.of(EcKey.generate(), EcKey.generate(), 1, TestNodes.EASY_POW);
    Identity carol = Identity.of(EcKey.generate(), EcKey.generate(), 1, TestNodes.EASY_POW);
    a.messages().addIdentity(alice);
    c.messages().addIdentity(carol);
    List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
    c.messages().addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        inbox.add(m);
      }
    });
    a.messages().sendMessage(alice, carol.publicIdentity(), MessageContent.simple("offer", "5 kWh"), 3600);
    await("carol read it", () -> !inbox.isEmpty());
    assertThat(inbox.get(0).content().body()).isEqualTo("5 kWh");
    assertThat(inbox.get(0).sender().address()).isEqualTo(alice.address());
    assertThat(b.messages().store().size()).isPositive();
    assertThat(a.metrics().counter("p2p.objects.relayed")).isPositive();
  }

  @Test
  void aFreshNodeSyncsFiveHundredBlocksHeadersFirst() throws Exception {
    Node a = nodes.start("a");
    a.mine(500, TestNodes.ANYONE);
    Node fresh = nodes.start("fresh", a);
    await("fresh synced", () -> fresh.chain().height() == 500 && sameTip(a, fresh));
    assertThat(fresh.metrics().counter("p2p.messages.received.headers")).isPositive();
    assertThat(fresh.metrics().counter("p2p.messages.received.block")).isGreaterThanOrEqualTo(500L);
  }

  @Test
  void theSenderOfAnInvalidBlockIsBannedWhileTheHonestLinkKeepsSyncing() throws Exception {
    Node a = nodes.start("a");
    Node b = nodes.start("b", a);
    awaitPeers(b, 1);
    a.mine(2, TestNodes.ANYONE);
    await("b synced", () -> b.chain().height() == 2);
    int port = b.p2pAddress().orElseThrow().getPort();
    try (RawPeer evil = RawPeer.connect("127.0.0.2", port).handshake(2)) {
      Block bad = BadBlocks.overpayingCoinbase(b.chain().tip().header(), 3);
      evil.send(new BlockMessage(bad));
      assertThat(evil.closedWithin(TestNodes.WAIT)).isTrue();
      assertThat(b.chain().isInvalid(bad.hash())).isTrue();
    }
    assertThat(b.networkInfo().banned()).isEqualTo(1);
    try (RawPeer again = RawPeer.connect("127.0.0.2", port)) {
      assertThat(again.closedWithin(TestNodes.WAIT)).isTrue();
    }
    a.mine(2, TestNodes.ANYONE);
    await("b follows a", () -> b.chain().height() == 4 && sameTip(a, b));
  }

  @Test
  void garbageOversizedFramesAndBadChecksumsGetTheirSendersBanned() throws Exception {
    Node a = nodes.start("a");
    Node b = nodes.start("b", a);
    awaitPeers(b, 1);
    int port = b.p2pAddress().orElseThrow().getPort();
    int magic = b.config().network().magic();
    byte[] oversized = FrameHeader.CODEC.encode(new FrameHeader(magic, "block", 4_000_001, 0));
    byte[] badChecksum = Payloads.frame(magic, new Ping(1));
    badChecksum[badChecksum.length - 1] ^= 1;
    byte[][] attacks = {"GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        oversized, badChecksum};
    for (int i = 0; i < attacks.length; i++) {
      try (RawPeer evil = RawPeer.connect("127.0.0." + (3 + i), port)) {
        evil.handshake(0);
        evil.sendRaw(attacks[i]);
        assertThat(evil.closedWithin(TestNodes.WAIT)).as("attack %d", i).isTrue();
      }
    }
    await("three bans", () -> {
      try {
        return b.networkInfo().banned() == 3;
      } catch (NodeException e) {
        return false;
      }
    });
    a.mine(1, TestNodes.ANYONE);
    await("honest link still syncs", () -> b.chain().height() == 1);
    assertThat(b.peers()).hasSize(1);
  }

  @Test
  void aNodeRestartsFromItsDataDirectory(@TempDir Path tmp) throws Exception {
    NodeConfig config = TestNodes.config("disk").dataDir(tmp.resolve("disk")).build();
    Node first = nodes.start(config);
    first.mine(20, TestNodes.ANYONE);
    String tip = first.chain().tip().hash().toString();
    assertThatThrownBy(() -> Node.create(config).start()).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.DATA_DIR_LOCKED);
    first.close();
    Node second = nodes.start(config);
    assertThat(second.chain().height()).isEqualTo(20);
    assertThat(second.chain().tip().hash().toString()).isEqualTo(tip);
    await("status file", Duration.ofSeconds(10), () -> java.nio.file.Files.exists(tmp.resolve("disk/status.json")));
  }

  @Test
  void startAndCloseAreIdempotent() throws Exception {
    Node n = nodes.start("n");
    n.start();
    n.close();
    n.close();
    assertThatThrownBy(n::start).isInstanceOf(NodeException.class);
    assertThatThrownBy(n::peers).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.NOT_RUNNING);
  }

  @Test
  void headersOfABetterChainWhoseBlocksNeverComeDoNotSilenceRelay() throws Exception {
    Node elsewhere = nodes.start(TestNodes.config("elsewhere").listen(false).build());
    List<Block> better = elsewhere.mine(3, TestNodes.ANYONE);
    // One link b-c only: no automatic connection, whose getheaders would carry the block anyway.
    Node b = nodes.start(TestNodes.config("b").maxOutbound(0).build());
    Node c = nodes.start(TestNodes.config("c").maxOutbound(0).connect(TestNodes.address(b)).build());
    awaitPeers(b, 1);
    try (RawPeer liar = RawPeer.connect("127.0.0.1", b.p2pAddress().orElseThrow().getPort()).handshake(3)) {
      liar.send(new org.priwatt.node.p2p.Headers(better.stream().map(Block::header).toList()));
      await("b knows the better headers", () -> b.chain().bestHeader().height() == 3);
      Block mined = b.mine(1, TestNodes.ANYONE).get(0);
      // Before the fix, b announced only when its tip was its best header: c never heard of the block.
      await("c gets b's block", () -> c.chain().isOnBestChain(mined.hash()));
    }
  }
}
