package org.priwatt.msg;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.priwatt.crypto.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a {@link MessageNode}: what happens to an object once the node accepted
 * it. A msg is recognised as a returning ack or trial-decrypted against every local identity (and
 * its ack published), a tagged broadcast is opened for a subscription, a getpubkey for a local
 * identity is answered, a pubkey somebody is waiting for completes that wait. Runs on the node's
 * inbound thread, so it never does proof of work itself: answers go through the {@link Outbox}.
 * Thread-safe.
 */
final class LocalDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDelivery.class);

  private final String name;
  private final ObjectRules rules;
  private final LongSupplier clock;
  private final Outbox outbox;
  private final Outbox.Publisher publisher;
  private final List<Identity> identities = new CopyOnWriteArrayList<>();
  private final Map<String, BitmessageAddress> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, PendingPubkey> pendingPubkeys = new ConcurrentHashMap<>();
  private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Duration ackDelay;
  private final Scheduler ackScheduler;

  /** A pubkey lookup in progress. */
  record PendingPubkey(BitmessageAddress address, CompletableFuture<PublicIdentity> future) {}

  /** Runs a task on the node's inbound thread after a delay in nanoseconds. */
  @FunctionalInterface
  interface Scheduler {
    void schedule(Runnable task, long delayNanos);
  }

  LocalDelivery(String name, ObjectRules rules, LongSupplier clock, Outbox outbox, Outbox.Publisher publisher,
      Duration ackDelay, Scheduler ackScheduler) {
    this.ackDelay = ackDelay;
    this.ackScheduler = ackScheduler;
    this.name = name;
    this.rules = rules;
    this.clock = clock;
    this.outbox = outbox;
    this.publisher = publisher;
  }

  void addIdentity(Identity identity) {
    identities.add(Objects.requireNonNull(identity));
  }

  void removeIdentity(Identity identity) {
    identities.remove(identity);
  }

  int identityCount() {
    return identities.size();
  }

  void subscribe(BitmessageAddress address) {
    subscriptions.put(Hex.encode(address.tag()), address);
  }

  void unsubscribe(BitmessageAddress address) {
    subscriptions.remove(Hex.encode(address.tag()));
  }

  void addListener(MessageListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  void removeListener(MessageListener listener) {
    listeners.remove(listener);
  }

  /** Waits for the pubkey of {@code pending.address()}, replacing an earlier wait for it. */
  void expectPubkey(PendingPubkey pending) {
    pendingPubkeys.put(Hex.encode(pending.address().tag()), pending);
  }

  /** Stops waiting, if {@code pending} is still the wait for its address. */
  void forgetPubkey(PendingPubkey pending) {
    pendingPubkeys.remove(Hex.encode(pending.address().tag()), pending);
  }

  /** Handles an object the node just accepted (on the inbound thread). */
  void process(MessageObject o) {
    ObjectType type = o.objectType();
    if (type == ObjectType.MSG) {
      processMsg(o);
    } else if (type == ObjectType.BROADCAST) {
      MessageCrypto.tagOf(o).map(tag -> subscriptions.get(Hex.encode(tag)))
          .flatMap(addr -> MessageCrypto.openBroadcast(o, addr))
          .ifPresent(b -> notifyAll(l -> l.onBroadcast(b)));
    } else if (type == ObjectType.GETPUBKEY) {
      MessageCrypto.tagOf(o).ifPresent(this::answerGetPubkey);
    } else if (type == ObjectType.PUBKEY) {
      MessageCrypto.tagOf(o).map(tag -> pendingPubkeys.get(Hex.encode(tag)))
          .ifPresent(p -> MessageCrypto.openPubkey(o, p.address()).ifPresent(id -> {
            forgetPubkey(p);
            p.future().complete(id);
          }));
    }
  }

  private void processMsg(MessageObject o) {
    Optional<SentMessage> acked = outbox.takeAck(o.payload());
    if (acked.isPresent()) {
      notifyAll(l -> l.onAck(acked.get()));
      return;
    }
    long now = clock.getAsLong();
    for (Identity id : identities) {
      // A per-identity difficulty override is enforced only by the identity's own node.
      if (!ProofOfWork.isSufficient(o, id.publicIdentity().pow().atLeast(rules.minimum()), now)) {
        continue;
      }
      Optional<ReceivedMessage> m = MessageCrypto.openMsg(o, id);
      if (m.isPresent()) {
        notifyAll(l -> l.onMessage(m.get()));
        scheduleAck(m.get());
        return;
      }
    }
  }

  /**
   * Each listener on its own: a listener that throws is a bug, logged at ERROR with its
   * exception, and must not keep the message from the node's other listeners (every trade
   * session on a node listens to every message).
   */
  private void notifyAll(Consumer<MessageListener> event) {
    for (MessageListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.error("{}: listener {} failed", name, l, e);
      }
    }
  }

  /**
   * Publishes the ack after a random delay up to the node's ack delay: an ack published the
   * moment a message is decrypted tells an observer which objects one node opened, linking the
   * node's identities (a seller's fresh identity per injection) by timing.
   */
  private void scheduleAck(ReceivedMessage m) {
    long max = ackDelay.toNanos();
    long delay = max == 0 ? 0 : (long) (RANDOM.nextDouble() * max);
    ackScheduler.schedule(() -> publishAck(m), delay);
  }

  /** Publishes the ack the sender embedded: already solved by the sender, so no work here. */
  private void publishAck(ReceivedMessage m) {
    byte[] packet = m.ackPacket();
    if (packet.length == 0) {
      return;
    }
    try {
      WirePacket p = WirePacket.decode(packet);
      if (p.command().equals("object")) {
        publisher.publish(MessageObject.decode(p.payload()));
      }
    } catch (MessageException e) {
      LOG.debug("{}: unusable ack from {}: {}", name, m.sender().address(), e.getMessage());
    }
  }

  /** The pubkey's proof of work is only queued on the PoW pool; this thread does not wait for it. */
  private void answerGetPubkey(byte[] tag) {
    for (Identity id : identities) {
      if (MessageDigest.isEqual(id.address().tag(), tag)) {
        outbox.publishPubkey(id, Outbox.MAX_SEND_TTL).whenComplete((h, e) -> {
          if (e != null) {
            LOG.debug("{}: could not publish pubkey: {}", name, e.getMessage());
          }
        });
      }
    }
  }
}
