package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a node does with a message it opens (issue 12, "also examine"): it relays before it trial-
 * decrypts, so decryption time leaks nothing through relay timing; a failing listener cannot
 * keep the message from the others; acknowledgements go out after a random delay, so their
 * timing does not tie a node's identities together.
 */
class MessageDeliveryTest {
  static final PowParameters EASY = new PowParameters(1, 0);
  final MessageNetwork net = new MessageNetwork();

  @AfterEach
  void close() {
    net.close();
  }

  private MessageNode node(String name, Duration ackDelay) {
    return net.add(MessageNode.builder(name).rules(ObjectRules.withMinimum(EASY)).powThreads(1).ackDelay(ackDelay).build());
  }

  @Test
  void aNodeRelaysBeforeItOpensAMessage() throws Exception {
    MessageNode a = node("a", Duration.ZERO);
    MessageNode b = MessageNode.builder("b").rules(ObjectRules.withMinimum(EASY)).powThreads(1).ackDelay(Duration.ZERO)
        .build();
    Identity alice = Identity.newIdentity().withPow(EASY);
    Identity bob = Identity.newIdentity().withPow(EASY);
    // b's only peer is a recorder: what b announces, and when.
    List<InventoryHash> announced = new CopyOnWriteArrayList<>();
    b.attach(new MessageTransport() {
      @Override
      public Set<String> peers() {
        return Set.of("c");
      }

      @Override
      public void sendInv(String peer, List<InventoryHash> hashes) {
        announced.addAll(hashes);
      }

      @Override
      public void sendGetData(String peer, List<InventoryHash> hashes) {}

      @Override
      public void sendObject(String peer, MessageObject object) {}
    });
    b.addIdentity(bob);
    CompletableFuture<Boolean> relayedFirst = new CompletableFuture<>();
    b.addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        relayedFirst.complete(announced.contains(m.inventoryHash()));
      }
    });
    a.addIdentity(alice);
    SentMessage sent = a.sendMessage(alice, bob.publicIdentity(), MessageContent.simple("s", "b"), 600);
    b.onObject("a", a.store().get(sent.inventoryHash()).orElseThrow().encoded());
    assertThat(relayedFirst.get(10, TimeUnit.SECONDS)).as("announced to the peer before the listener ran").isTrue();
    b.close();
  }

  @Test
  void aListenerThatThrowsDoesNotKeepTheMessageFromTheOthers() throws Exception {
    MessageNode a = node("a", Duration.ZERO);
    MessageNode b = node("b", Duration.ZERO);
    net.connect(a, b);
    Identity alice = Identity.newIdentity().withPow(EASY);
    Identity bob = Identity.newIdentity().withPow(EASY);
    a.addIdentity(alice);
    b.addIdentity(bob);
    b.addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        throw new IllegalStateException("a buggy listener");
      }
    });
    CompletableFuture<ReceivedMessage> second = new CompletableFuture<>();
    b.addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        second.complete(m);
      }
    });
    CompletableFuture<SentMessage> acked = new CompletableFuture<>();
    a.addListener(new MessageListener() {
      @Override
      public void onAck(SentMessage s) {
        acked.complete(s);
      }
    });
    SentMessage sent = a.sendMessage(alice, bob.publicIdentity(), MessageContent.simple("s", "b"), 600);
    assertThat(second.get(10, TimeUnit.SECONDS).content().subject()).isEqualTo("s");
    assertThat(acked.get(10, TimeUnit.SECONDS)).isEqualTo(sent);
  }

  @Test
  void acknowledgementsWaitARandomDelay() throws Exception {
    MessageNode a = node("a", Duration.ZERO);
    MessageNode b = node("b", Duration.ofHours(1));
    net.connect(a, b);
    Identity alice = Identity.newIdentity().withPow(EASY);
    Identity bob = Identity.newIdentity().withPow(EASY);
    a.addIdentity(alice);
    b.addIdentity(bob);
    CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
    b.addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        got.complete(m);
      }
    });
    SentMessage sent = a.sendMessage(alice, bob.publicIdentity(), MessageContent.simple("s", "b"), 600);
    got.get(10, TimeUnit.SECONDS);
    // The ack is scheduled, not published: the network is not quiet and b's store holds only the msg.
    assertThat(net.awaitQuiescence(Duration.ofMillis(300))).isFalse();
    assertThat(b.store().size()).isEqualTo(1);
    assertThat(b.store().contains(sent.inventoryHash())).isTrue();
  }

}
