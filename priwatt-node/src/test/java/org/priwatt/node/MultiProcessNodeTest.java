package org.priwatt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;

/**
 * Three real node processes on loopback (A mines every 300 ms; B dials A, C dials B) with two
 * in-process nodes at the ends (T on A, U on C) to send and observe: blocks and transactions
 * reach every process, a message object sent at one end is read at the other, a garbage peer is
 * banned while the honest links carry on, and a process killed with kill -9 restarts at a
 * consistent tip and catches up. Every process is stopped in {@link #stopAll()} (and killed by a
 * shutdown hook if the test JVM dies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessNodeTest {
  private NodeProcess a;
  private NodeProcess b;
  private NodeProcess c;
  private final TestNodes local = new TestNodes();
  private Node t;
  private Node u;

  @BeforeAll
  void startAll(@TempDir Path tmp) throws Exception {
    String payout = Address.p2pkh(EcKey.generate().publicKey(), org.priwatt.chain.params.ChainParameters.REGTEST
        .network()).toString();
    int pa = NodeProcess.freePort();
    int pb = NodeProcess.freePort();
    int pc = NodeProcess.freePort();
    Map<String, String> ca = NodeProcess.defaults("A", tmp.resolve("a"), pa);
    ca.put("mine", "true");
    ca.put("mine-interval-ms", "300");
    ca.put("mine-address", payout);
    a = NodeProcess.start("A", tmp.resolve("a"), ca);
    Map<String, String> cb = NodeProcess.defaults("B", tmp.resolve("b"), pb);
    cb.put("addnode", "127.0.0.1:" + pa);
    b = NodeProcess.start("B", tmp.resolve("b"), cb);
    Map<String, String> cc = NodeProcess.defaults("C", tmp.resolve("c"), pc);
    cc.put("addnode", "127.0.0.1:" + pb);
    c = NodeProcess.start("C", tmp.resolve("c"), cc);
    t = local.start(TestNodes.config("T").connect(new HostPort("127.0.0.1", pa)).listen(false).build());
    u = local.start(TestNodes.config("U").connect(new HostPort("127.0.0.1", pc)).listen(false).build());
  }

  @AfterAll
  void stopAll() throws Exception {
    try {
      local.close();
    } finally {
      for (NodeProcess p : new NodeProcess[] {a, b, c}) {
        if (p != null) {
          p.stop();
        }
      }
    }
  }

  @Test
  @Order(1)
  void blocksMinedOnAReachEveryProcess() throws Exception {
    await("A mined 5 blocks", () -> a.height() >= 5);
    int target = a.height();
    await("B and C reach " + target + "; " + b.log() + c.log(), () -> b.height() >= target && c.height() >= target);
    await("U (behind C) reaches " + target, () -> u.chain().height() >= target);
    assertThat(c.intStatus("peers")).isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  void aTransactionFromTReachesTheMempoolBehindC() throws Exception {
    await("T synced", () -> t.chain().height() >= 1);
    // T mines 101 blocks to its own wallet on top of A's chain: A, B, C and U follow the longer chain.
    t.mine(101, PaymentBuilder.scriptFor(t.wallet().freshReceiveAddress()));
    int target = t.chain().height();
    await("U follows T's chain through A, B, C", () -> u.chain().height() >= target);
    Transaction tx = t.wallet().send(u.wallet().freshReceiveAddress(), Amount.ofSat(50_000_000));
    // A mines every 300 ms, so the transaction may reach U in A's next block before it reaches
    // U's mempool through B and C: either way U's wallet sees the payment.
    await("U's wallet sees the payment", () -> u.wallet().balance().total().equals(Amount.ofSat(50_000_000)));
    await("A mined it and U holds it confirmed", () -> !u.mempool().contains(tx.txId())
        && u.wallet().balance().confirmed().equals(Amount.ofSat(50_000_000)));
  }

  @Test
  @Order(3)
  void aMessageSentAtOneEndIsReadAtTheOther() throws Exception {
    Identity sender = Identity.of(EcKey.generate(), EcKey.generate(), 1, TestNodes.EASY_POW);
    Identity reader = Identity.of(EcKey.generate(), EcKey.generate(), 1, TestNodes.EASY_POW);
    t.messages().addIdentity(sender);
    u.messages().addIdentity(reader);
    List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
    u.messages().addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        inbox.add(m);
      }
    });
    t.messages().sendMessage(sender, reader.publicIdentity(), MessageContent.simple("bid", "3 kWh at 12"), 3600);
    await("U read the message relayed by A, B and C", () -> !inbox.isEmpty());
    assertThat(inbox.get(0).content().body()).isEqualTo("3 kWh at 12");
    await("every process holds the object", () -> a.intStatus("objects") >= 1 && b.intStatus("objects") >= 1
        && c.intStatus("objects") >= 1);
  }

  @Test
  @Order(4)
  void aGarbagePeerIsBannedWhileHonestOnesContinue() throws Exception {
    int port = ((Number) b.status().get("p2pPort")).intValue();
    try (RawPeer evil = RawPeer.connect("127.0.0.9", port)) {
      evil.sendRaw(new byte[] {'G', 'A', 'R', 'B', 'A', 'G', 'E', '!', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
          14, 15, 16});
      assertThat(evil.closedWithin(TestNodes.WAIT)).isTrue();
    }
    await("B banned it", () -> b.intStatus("banned") == 1);
    try (RawPeer again = RawPeer.connect("127.0.0.9", port)) {
      assertThat(again.closedWithin(TestNodes.WAIT)).isTrue();
    }
    int target = a.height() + 2;
    await("C keeps following A through B", () -> c.height() >= target);
  }

  @Test
  @Order(5)
  void aKilledProcessRestartsAtAConsistentTipAndCatchesUp() throws Exception {
    await("B has blocks", () -> b.height() >= 3);
    b.kill();
    int afterKill = a.height();
    await("A mines on without B", Duration.ofSeconds(30), () -> a.height() >= afterKill + 3);
    b.restart();
    await("B reopened its chain", () -> b.height() >= 0);
    int target = a.height();
    await("B caught up with A; " + b.log(), () -> b.height() >= target);
    await("C reconnected to B and caught up", () -> c.height() >= target);
  }
}
