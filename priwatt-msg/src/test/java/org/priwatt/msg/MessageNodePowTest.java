package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proof of work a node does for others (issue 11): a peer must not decide how much. The node
 * refuses demands above its ceiling before any work, runs the work on its own pool (never the
 * caller's thread), lets it be cancelled, and shares the pool so that a demanding send cannot
 * hold up a cheap one.
 */
class MessageNodePowTest {
  static final PowParameters EASY = new PowParameters(1, 0);
  /** What the hostile identity demands: the largest parameters a pubkey can carry. */
  static final PowParameters HOSTILE = new PowParameters(1L << 40, 1L << 40);
  static final MessageContent HELLO = MessageContent.simple("testify", "meter 42");

  final MessageNetwork net = new MessageNetwork();

  @AfterEach
  void close() {
    net.close();
  }

  private MessageNode node(String name) {
    return net.add(MessageNode.builder(name).rules(ObjectRules.withMinimum(EASY)).powThreads(1).build());
  }

  private static MessageError errorOf(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(Await.SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MessageException m) {
        return m.error();
      }
      throw new AssertionError("expected a MessageException", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("future not done within " + Await.SECONDS + " s", e);
    }
    throw new AssertionError("future succeeded");
  }

  /** Regression (issue 11): a send to an identity demanding (2^40, 2^40) never returned. */
  @Test
  void aRecipientDemandingTwoToTheFortyIsRefusedBeforeAnyWork() throws Exception {
    MessageNode node = node("dso");
    Identity me = Identity.newIdentity();
    PublicIdentity hostile = Identity.newIdentity().withPow(HOSTILE).publicIdentity();

    CompletableFuture<SentMessage> f = node.sendMessageAsync(me, hostile, HELLO, 3600);
    assertThat(f).as("failed when the call returns").isCompletedExceptionally();
    assertThat(errorOf(f)).isEqualTo(MessageError.POW_TOO_DEMANDING);
    assertThat(node.queuedPowJobs()).isZero();

    Await.Outcome sync = Await.onThread(() -> node.sendMessage(me, hostile, HELLO, 3600)).join();
    assertThat(sync.error()).isEqualTo(MessageError.POW_TOO_DEMANDING);
    assertThat(node.store().size()).isZero();
  }

  /** Difficulties learned from the network (a pubkey, a received message's sender block) meet the same ceiling. */
  @Test
  void demandsLearnedFromTheNetworkMeetTheCeiling() throws Exception {
    MessageNode mine = node("mine");
    MessageNode theirs = node("theirs");
    net.connect(mine, theirs);
    Identity me = Identity.newIdentity().withPow(EASY);
    Identity hostile = Identity.newIdentity().withPow(HOSTILE);
    mine.addIdentity(me);
    theirs.addIdentity(hostile);
    MessageNetworkTest.Recorder seen = new MessageNetworkTest.Recorder();
    mine.addListener(seen);

    PublicIdentity looked = mine.requestPubkey(hostile.address(), 3600).get(Await.SECONDS, TimeUnit.SECONDS);
    assertThat(looked.pow()).isEqualTo(HOSTILE);
    assertThat(errorOf(mine.sendMessageAsync(me, looked, HELLO, 3600))).isEqualTo(MessageError.POW_TOO_DEMANDING);

    theirs.sendMessage(hostile, me.publicIdentity(), HELLO, 3600);
    ReceivedMessage got = seen.message.get(Await.SECONDS, TimeUnit.SECONDS);
    assertThat(got.sender().pow()).isEqualTo(HOSTILE);
    assertThat(errorOf(mine.sendMessageAsync(me, got.sender(), HELLO, 3600))).isEqualTo(MessageError.POW_TOO_DEMANDING);
  }

  @Test
  void theCeilingIsInclusiveFieldByFieldAndHasADocumentedDefault() throws Exception {
    assertThat(MessageNode.DEFAULT_MAX_ACCEPTED_POW)
        .isEqualTo(new PowParameters(1000 * MessageNode.DEFAULT_POW_CEILING_FACTOR, 1000 * MessageNode.DEFAULT_POW_CEILING_FACTOR));
    try (MessageNode dflt = MessageNode.builder("d").build();
        MessageNode strict = MessageNode.builder("s").rules(ObjectRules.withMinimum(new PowParameters(50_000, 100))).build()) {
      assertThat(dflt.maxAcceptedPow()).isEqualTo(MessageNode.DEFAULT_MAX_ACCEPTED_POW);
      assertThat(strict.maxAcceptedPow()).as("raised to the minimum").isEqualTo(new PowParameters(50_000, 10_000));
    }
    assertThatThrownBy(() -> MessageNode.builder("x").maxAcceptedPow(new PowParameters(999, 1000)).build())
        .isInstanceOf(IllegalArgumentException.class);

    MessageNode node = net.add(MessageNode.builder("n").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(new PowParameters(5, 5)).build());
    Identity me = Identity.newIdentity();
    PublicIdentity atCeiling = Identity.newIdentity().withPow(new PowParameters(5, 5)).publicIdentity();
    assertThat(node.sendMessageAsync(me, atCeiling, HELLO, 3600).get(Await.SECONDS, TimeUnit.SECONDS)).isNotNull();
    for (PowParameters above : new PowParameters[] {new PowParameters(6, 5), new PowParameters(5, 6)}) {
      PublicIdentity demanding = Identity.newIdentity().withPow(above).publicIdentity();
      assertThat(errorOf(node.sendMessageAsync(me, demanding, HELLO, 3600))).as("%s", above).isEqualTo(MessageError.POW_TOO_DEMANDING);
    }
  }

  /**
   * One PoW thread, a send that would take days at an admissible difficulty, then an honest send:
   * the honest one completes while the demanding one still runs (the pool shares itself round-robin;
   * plain FIFO would hold the honest send for days), and cancelling the demanding one ends it.
   */
  @Test
  void anHonestSendQueuedAfterADemandingOneCompletes() throws Exception {
    PowParameters admissible = new PowParameters(1L << 20, 1L << 20);
    MessageNode node = net.add(MessageNode.builder("dso").rules(ObjectRules.withMinimum(EASY)).powThreads(1).maxAcceptedPow(admissible).build());
    Identity me = Identity.newIdentity();
    PublicIdentity demanding = Identity.newIdentity().withPow(admissible).publicIdentity();
    PublicIdentity honest = Identity.newIdentity().withPow(EASY).publicIdentity();

    CompletableFuture<SentMessage> slow = node.sendMessageAsync(me, demanding, HELLO, 3600);
    Await.until("the demanding send is under way", () -> node.queuedPowJobs() == 1 && !slow.isDone());
    SentMessage sent = node.sendMessageAsync(me, honest, HELLO, 3600).get(Await.SECONDS, TimeUnit.SECONDS);

    assertThat(node.store().contains(sent.inventoryHash())).isTrue();
    assertThat(slow).isNotDone();
    assertThat(slow.cancel(true)).isTrue();
    Await.until("the cancelled job leaves the pool", () -> node.queuedPowJobs() == 0);
  }

  /** Regression: a blocking send ignored Thread.interrupt(); now the interrupt cancels its work. */
  @Test
  void interruptingABlockingSendCancelsItsWork() throws Exception {
    MessageNode node = net.add(MessageNode.builder("n").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(HOSTILE).build());
    Identity me = Identity.newIdentity();
    PublicIdentity hostile = Identity.newIdentity().withPow(HOSTILE).publicIdentity();
    Await.Outcome o = Await.onThread(() -> node.sendMessage(me, hostile, HELLO, 3600));
    Await.until("the send is under way", () -> node.queuedPowJobs() == 1 && node.store().size() == 0 && o.thread.isAlive());
    o.thread.interrupt();
    o.join();
    assertThat(o.error()).isEqualTo(MessageError.POW_CANCELLED);
    assertThat(o.interruptedAfter).as("interrupt status kept").isTrue();
    Await.until("the cancelled job leaves the pool", () -> node.queuedPowJobs() == 0);
  }

  @Test
  void aDeadlineOrClosingEndsPendingSendsWithTheirOwnErrors() throws Exception {
    MessageNode timed = net.add(MessageNode.builder("t").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(HOSTILE)
        .powTimeout(Duration.ofMillis(50)).build());
    Identity me = Identity.newIdentity();
    PublicIdentity hostile = Identity.newIdentity().withPow(HOSTILE).publicIdentity();
    assertThat(errorOf(timed.sendMessageAsync(me, hostile, HELLO, 3600))).isEqualTo(MessageError.POW_DEADLINE_EXCEEDED);

    MessageNode closing = net.add(MessageNode.builder("c").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(HOSTILE).build());
    CompletableFuture<SentMessage> pending = closing.sendMessageAsync(me, hostile, HELLO, 3600);
    closing.close();
    assertThat(errorOf(pending)).isEqualTo(MessageError.NODE_CLOSED);
    assertThat(errorOf(closing.broadcastAsync(me, HELLO, 3600))).isEqualTo(MessageError.NODE_CLOSED);
  }

  /** Waiting for the pool on the pool's own thread would deadlock a one-thread pool: refused. */
  @Test
  void aBlockingSendInASendsCallbackIsRefused() throws Exception {
    MessageNode node = node("n");
    Identity me = Identity.newIdentity();
    // About a million trials: the callback below is registered long before the send completes.
    PublicIdentity recipient = Identity.newIdentity().withPow(PowParameters.NETWORK_DEFAULT).publicIdentity();
    CompletableFuture<String> inCallback = node.sendMessageAsync(me, recipient, HELLO, 3600).thenApply(sent -> {
      try {
        node.broadcast(me, HELLO, 3600);
        return "no error";
      } catch (IllegalStateException e) {
        return Thread.currentThread().getName();
      } catch (MessageException e) {
        return e.toString();
      }
    });
    assertThat(inCallback.get(Await.SECONDS, TimeUnit.SECONDS)).startsWith("priwatt-pow-n");
  }

  @Test
  void aSendFitsInAQueueOfOneJob() throws Exception {
    // A send is two jobs in a row (its ack, then the msg): the second is queued from the first's
    // completion, which must find the first job's slot free again.
    MessageNode node = net.add(MessageNode.builder("one").rules(ObjectRules.withMinimum(EASY)).maxQueuedPow(1).build());
    Identity me = Identity.newIdentity();
    PublicIdentity you = Identity.newIdentity().withPow(EASY).publicIdentity();
    assertThat(node.sendMessageAsync(me, you, HELLO, 3600).get(Await.SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(node.acceptedPowJobs()).isEqualTo(2);
    assertThat(node.queuedPowJobs()).isZero();
  }

  @Test
  void theQueueOfPowJobsIsBounded() throws Exception {
    MessageNode node = net.add(MessageNode.builder("q").rules(ObjectRules.withMinimum(EASY)).maxAcceptedPow(HOSTILE).maxQueuedPow(1).build());
    Identity me = Identity.newIdentity();
    PublicIdentity hostile = Identity.newIdentity().withPow(HOSTILE).publicIdentity();
    CompletableFuture<SentMessage> first = node.sendMessageAsync(me, hostile, HELLO, 3600);
    // Its ack is solved first (one job), then the msg's job is queued: wait for that second one.
    Await.until("the msg's proof of work is under way", () -> node.acceptedPowJobs() == 2 && node.queuedPowJobs() == 1);
    assertThat(errorOf(node.broadcastAsync(me, HELLO, 3600))).isEqualTo(MessageError.POW_QUEUE_FULL);
    first.cancel(true);
    Await.until("the cancelled job leaves the pool", () -> node.queuedPowJobs() == 0);
    assertThat(node.broadcastAsync(me, HELLO, 3600).get(Await.SECONDS, TimeUnit.SECONDS)).isNotNull();
  }
}
