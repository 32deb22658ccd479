package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Ecies;
import org.priwatt.crypto.Hex;

/** Three nodes in a line, Bob - Eve - Alice: Eve relays but learns nothing. Low PoW for speed. */
class MessageNetworkTest {
  static final PowParameters EASY = new PowParameters(1, 0);
  final MessageNetwork net = new MessageNetwork();

  @AfterEach
  void close() {
    net.close();
  }

  private MessageNode node(String name) {
    return net.add(MessageNode.builder(name).rules(ObjectRules.withMinimum(EASY)).powThreads(2).build());
  }

  static final class Recorder implements MessageListener {
    final CompletableFuture<ReceivedMessage> message = new CompletableFuture<>();
    final CompletableFuture<ReceivedBroadcast> broadcast = new CompletableFuture<>();
    final CompletableFuture<SentMessage> ack = new CompletableFuture<>();
    final List<Object> all = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ReceivedMessage m) {
      all.add(m);
      message.complete(m);
    }

    @Override
    public void onBroadcast(ReceivedBroadcast b) {
      all.add(b);
      broadcast.complete(b);
    }

    @Override
    public void onAck(SentMessage s) {
      ack.complete(s);
    }
  }

  @Test
  void bobMessagesAliceThroughEve() throws Exception {
    MessageNode bobNode = node("bob");
    MessageNode eveNode = node("eve");
    MessageNode aliceNode = node("alice");
    net.connect(bobNode, eveNode);
    net.connect(eveNode, aliceNode);
    Identity bob = Identity.newIdentity();
    Identity eve = Identity.newIdentity();
    Identity alice = Identity.newIdentity().withPow(EASY);
    bobNode.addIdentity(bob);
    eveNode.addIdentity(eve);
    aliceNode.addIdentity(alice);
    Recorder bobSeen = new Recorder();
    Recorder eveSeen = new Recorder();
    Recorder aliceSeen = new Recorder();
    bobNode.addListener(bobSeen);
    eveNode.addListener(eveSeen);
    aliceNode.addListener(aliceSeen);

    SentMessage sent = bobNode.sendMessage(bob, alice.publicIdentity(), MessageContent.simple("offer", "5 kWh at 0.2"), 3600);

    ReceivedMessage got = aliceSeen.message.get(10, TimeUnit.SECONDS);
    assertThat(got.content()).isEqualTo(MessageContent.simple("offer", "5 kWh at 0.2"));
    assertThat(got.sender().address()).isEqualTo(bob.address());
    assertThat(got.recipient()).isEqualTo(alice.address());
    // The ack Alice publishes travels back through Eve to Bob.
    assertThat(bobSeen.ack.get(10, TimeUnit.SECONDS)).isEqualTo(sent);

    // Eve relayed and stored the object, but could not decrypt it or see whom it was for.
    MessageObject onEve = eveNode.store().get(sent.inventoryHash()).orElseThrow();
    assertThat(eveSeen.all).isEmpty();
    assertThat(MessageCrypto.openMsg(onEve, eve)).isEmpty();
    assertThat(Ecies.decrypt(eve.encryptionKey(), onEve.payload())).isEmpty();
    String hex = Hex.encode(onEve.encoded());
    assertThat(hex).doesNotContain(Hex.encode(alice.address().ripe()))
        .doesNotContain(Hex.encode(alice.address().tag()))
        .doesNotContain(Hex.encode(bob.address().ripe()));
  }

  /** Regression: a node that joined after a broadcast never saw it (no inventory on connect). */
  @Test
  void aLateJoinerCatchesUpOnObjectsPublishedBeforeItConnected() throws Exception {
    MessageNode a = node("a");
    MessageNode b = node("b");
    net.connect(a, b);
    Identity seller = Identity.newIdentity();
    InventoryHash h = a.broadcast(seller, MessageContent.simple("auction", "E1=5kWh P=0.2"), 3600);
    waitUntil(() -> b.store().contains(h));

    MessageNode late = node("late");
    Recorder seen = new Recorder();
    late.addListener(seen);
    late.subscribe(seller.address());
    net.connect(late, b); // b relays what it holds, though a published it
    ReceivedBroadcast got = seen.broadcast.get(10, TimeUnit.SECONDS);
    assertThat(got.inventoryHash()).isEqualTo(h);
    assertThat(late.store().contains(h)).isTrue();

    // Connecting again is a no-op, and what the newcomer publishes reaches the others.
    net.connect(late, b);
    InventoryHash back = late.broadcast(seller, MessageContent.simple("auction", "E2"), 3600);
    waitUntil(() -> a.store().contains(back));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void broadcastReachesEverySubscriberOnly() throws Exception {
    MessageNode a = node("a");
    MessageNode b = node("b");
    MessageNode c = node("c");
    MessageNode d = node("d");
    net.connect(a, b);
    net.connect(b, c);
    net.connect(c, d);
    Identity seller = Identity.newIdentity();
    Recorder rb = new Recorder();
    Recorder rc = new Recorder();
    Recorder rd = new Recorder();
    b.addListener(rb);
    c.addListener(rc);
    d.addListener(rd);
    b.subscribe(seller.address());
    d.subscribe(seller.address());
    c.subscribe(seller.address());
    c.unsubscribe(seller.address());

    InventoryHash h = a.broadcast(seller, MessageContent.simple("auction", "E1=5kWh P=0.2"), 3600);

    assertThat(rb.broadcast.get(10, TimeUnit.SECONDS).content().body()).isEqualTo("E1=5kWh P=0.2");
    ReceivedBroadcast atD = rd.broadcast.get(10, TimeUnit.SECONDS);
    assertThat(atD.sender().address()).isEqualTo(seller.address());
    assertThat(atD.inventoryHash()).isEqualTo(h);
    assertThat(c.store().contains(h)).isTrue();
    assertThat(rc.all).isEmpty();
  }

  @Test
  void pubkeyLookupAndReceiveDelay() throws Exception {
    MessageNode x = node("x");
    MessageNode y = net.add(MessageNode.builder("y").rules(ObjectRules.withMinimum(EASY))
        .receiveDelay(java.time.Duration.ofMillis(50)).build());
    net.connect(x, y);
    Identity yours = Identity.newIdentity();
    y.addIdentity(yours);
    PublicIdentity found = x.requestPubkey(yours.address(), 3600).get(10, TimeUnit.SECONDS);
    assertThat(found).isEqualTo(yours.publicIdentity());
  }

  /**
   * Regression (issue 13): this asserted absence after a 200 ms sleep. Now it waits until the
   * network is quiescent, with a valid object injected after the invalid ones as the positive
   * control that processing (and relaying) really happened.
   */
  @Test
  void invalidObjectsAreNotStoredOrRelayed() throws Exception {
    MessageNode a = node("a");
    MessageNode b = node("b");
    net.connect(a, b);
    // "strict" uses the network default rules: nonce 0 misses their target (about 2^-27 chance of a hit).
    MessageNode strict = net.add(MessageNode.builder("strict").build());
    net.connect(a, strict);
    long now = System.currentTimeMillis() / 1000;
    MessageObject lazy = MessageObject.unsolved(now + 3600, 2, 1, 1, new byte[100]);
    assertThat(ProofOfWork.isSufficient(lazy, PowParameters.NETWORK_DEFAULT, now)).as("precondition: nonce 0 misses").isFalse();
    MessageObject valid = ProofOfWork.solve(MessageObject.unsolved(now + 3600, 2, 1, 1, new byte[] {1}), PowParameters.NETWORK_DEFAULT, now, 2,
        new java.util.concurrent.atomic.AtomicBoolean());

    // From a peer outside the network, so that strict would relay anything it accepted to a (and a to b).
    strict.onObject("outsider", lazy.encoded());
    strict.onObject("outsider", new byte[] {1, 2, 3});
    strict.onObject("outsider", valid.encoded());
    assertThat(net.awaitQuiescence(Duration.ofSeconds(Await.SECONDS))).isTrue();

    assertThat(strict.store().contains(valid.inventoryHash())).isTrue();
    assertThat(b.store().contains(valid.inventoryHash())).as("the valid object was relayed").isTrue();
    assertThat(strict.store().size()).isEqualTo(1);
    assertThat(a.store().size()).isEqualTo(1);
    assertThat(b.store().size()).isEqualTo(1);
  }

  /**
   * Quiescence means everything in flight arrived: a send still proving work, four hops each
   * delayed by a receive delay, and the ack's way back. No polling after the wait.
   */
  @Test
  void quiescenceCoversSendsInFlightReceiveDelaysAndAcks() throws Exception {
    Duration delay = Duration.ofMillis(100);
    MessageNode x = node("x");
    MessageNode y = net.add(MessageNode.builder("y").rules(ObjectRules.withMinimum(EASY)).receiveDelay(delay).build());
    MessageNode z = net.add(MessageNode.builder("z").rules(ObjectRules.withMinimum(EASY)).receiveDelay(delay).build());
    net.connect(x, y);
    net.connect(y, z);
    Identity sender = Identity.newIdentity();
    Identity recipient = Identity.newIdentity().withPow(EASY);
    z.addIdentity(recipient);
    Recorder atX = new Recorder();
    Recorder atZ = new Recorder();
    x.addListener(atX);
    z.addListener(atZ);

    CompletableFuture<SentMessage> sent = x.sendMessageAsync(sender, recipient.publicIdentity(), MessageContent.simple("s", "b"), 3600);
    assertThat(net.awaitQuiescence(Duration.ofSeconds(Await.SECONDS))).isTrue();

    assertThat(sent).isCompleted();
    assertThat(atZ.message).isCompleted();
    assertThat(atX.ack).isCompletedWithValue(sent.get());
    assertThat(y.store().size()).as("msg and ack relayed through y").isEqualTo(2);
  }

  /** Regression: relaying to a closed peer threw RejectedExecutionException into the publisher, cutting off the other peers. */
  @Test
  void aClosedPeerDoesNotBreakRelaying() throws Exception {
    MessageNode a = node("a");
    MessageNode gone = node("gone");
    MessageNode c = node("c");
    net.connect(a, gone);
    net.connect(a, c);
    gone.close();
    InventoryHash h = a.broadcast(Identity.newIdentity(), MessageContent.simple("auction", "E1"), 3600);
    assertThat(net.awaitQuiescence(Duration.ofSeconds(Await.SECONDS))).isTrue();
    assertThat(c.store().contains(h)).isTrue();
    assertThat(gone.store().contains(h)).isFalse();
  }

  /** A send that never finishes keeps the network from being quiescent; cancelling it settles it. */
  @Test
  void aSendStillProvingWorkIsNotQuiescence() throws Exception {
    PowParameters hard = new PowParameters(1L << 30, 1L << 30);
    MessageNode n = net.add(MessageNode.builder("n").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(hard).build());
    CompletableFuture<SentMessage> endless = n.sendMessageAsync(Identity.newIdentity(), Identity.newIdentity().withPow(hard).publicIdentity(),
        MessageContent.simple("s", "b"), 3600);
    assertThat(net.awaitQuiescence(Duration.ofMillis(100))).isFalse();
    endless.cancel(true);
    assertThat(net.awaitQuiescence(Duration.ofSeconds(Await.SECONDS))).isTrue();
    assertThat(n.store().size()).isZero();
  }
}
