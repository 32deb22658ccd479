package org.priwatt.msg;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.priwatt.crypto.Hex;

/**
 * The sending half of a {@link MessageNode}: builds msg, broadcast, pubkey and getpubkey objects,
 * queues their proof of work on the node's {@link PowPool} and hands the solved objects to the
 * node to publish; remembers the ack data of sent messages until the ack comes back. Every method
 * returns at once; the PoW never runs on the caller's thread. Thread-safe.
 */
final class Outbox implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Longest TTL a sender may choose: 28 days (the network accepts 3 hours more for clock skew). */
  static final long MAX_SEND_TTL = 28L * 24 * 3600;

  /** Stores and announces a solved object (the node's {@code publish}). */
  @FunctionalInterface
  interface Publisher {
    void publish(MessageObject solved) throws MessageException;
  }

  private final ObjectRules rules;
  private final LongSupplier clock;
  private final PowPool pow;
  private final Publisher publisher;
  private final WorkTracker work;
  private final Map<String, SentMessage> awaitingAck = new ConcurrentHashMap<>();

  /** {@code work} counts every send from its start until its future completes. */
  Outbox(ObjectRules rules, LongSupplier clock, PowPool pow, Publisher publisher, WorkTracker work) {
    this.rules = rules;
    this.clock = clock;
    this.pow = pow;
    this.publisher = publisher;
    this.work = work;
  }

  /** The PoW pool. */
  PowPool pow() {
    return pow;
  }

  /** See {@link MessageNode#sendMessageAsync}. */
  CompletableFuture<SentMessage> sendMessage(Identity from, PublicIdentity to, MessageContent content, long ttlSeconds) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(content, "content");
    checkTtl(ttlSeconds);
    // The recipient's difficulty is a peer's choice: refuse it above the ceiling before any work.
    PowParameters demanded = to.pow().atLeast(rules.minimum());
    try {
      pow.checkCeiling(demanded, to.address());
    } catch (MessageException e) {
      return CompletableFuture.failedFuture(e);
    }
    long now = clock.getAsLong();
    byte[] ackData = new byte[32];
    RANDOM.nextBytes(ackData);
    MessageObject ack = MessageObject.unsolved(now + ackTtl(ttlSeconds), ObjectType.MSG.code(), 1, to.address().stream(), ackData);
    PowPool.Chain<SentMessage> send = tracked(pow.chain());
    send.solve(ack, rules.minimum(), now, solvedAck -> {
      byte[] ackPacket = WirePacket.of("object", solvedAck.encoded()).encode();
      send.solve(MessageCrypto.buildMsg(from, to, content, ackPacket, now + ttlSeconds), demanded, now, msg -> {
        SentMessage sent = new SentMessage(msg.inventoryHash(), ackData);
        String key = Hex.encode(ackData);
        awaitingAck.put(key, sent); // before publishing: the ack may come back at once
        try {
          publisher.publish(msg);
        } catch (MessageException e) {
          awaitingAck.remove(key);
          throw e;
        }
        send.complete(sent);
      });
    });
    return send.result();
  }

  /** See {@link MessageNode#broadcastAsync}. */
  CompletableFuture<InventoryHash> broadcast(Identity from, MessageContent content, long ttlSeconds) {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    return publishSolved(MessageCrypto.buildBroadcast(from, content, now + ttlSeconds), now);
  }

  /** See {@link MessageNode#publishPubkeyAsync}. */
  CompletableFuture<InventoryHash> publishPubkey(Identity me, long ttlSeconds) {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    return publishSolved(MessageCrypto.buildPubkey(me, now + ttlSeconds), now);
  }

  /** Publishes a getpubkey for {@code wanted}. */
  CompletableFuture<InventoryHash> getPubkey(BitmessageAddress wanted, long ttlSeconds) {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    return publishSolved(MessageCrypto.buildGetPubkey(wanted, now + ttlSeconds), now);
  }

  /** Returns (and forgets) the sent message whose 32 ack bytes are {@code payload}, if any. */
  Optional<SentMessage> takeAck(byte[] payload) {
    return payload.length == 32 ? Optional.ofNullable(awaitingAck.remove(Hex.encode(payload))) : Optional.empty();
  }

  /** Closes the PoW pool: queued and running sends fail with {@link MessageError#NODE_CLOSED}. */
  @Override
  public void close() {
    pow.close();
  }

  /**
   * Checks a TTL the caller chose.
   *
   * @throws IllegalArgumentException if ttl is not in 1 s .. 28 days
   */
  static void checkTtl(long ttl) {
    if (ttl < 1 || ttl > MAX_SEND_TTL) {
      throw new IllegalArgumentException("ttl must be 1 s .. 28 days: " + ttl);
    }
  }

  /** PyBitmessage's ack TTL buckets (1 day, 1 week, 4 weeks) so an ack does not reveal its message's TTL. */
  private static long ackTtl(long ttl) {
    long bucket = ttl < 24 * 3600 ? 24 * 3600 : ttl < 7 * 24 * 3600 ? 7 * 24 * 3600 : MAX_SEND_TTL;
    return bucket + RANDOM.nextInt(601) - 300;
  }

  /** Counts {@code chain} as outstanding work until its future completes (after it published). */
  private <T> PowPool.Chain<T> tracked(PowPool.Chain<T> chain) {
    work.begin();
    chain.result().whenComplete((r, e) -> work.end());
    return chain;
  }

  /** Proves work for {@code unsolved} at the node's minimum on the PoW pool, then publishes it. */
  private CompletableFuture<InventoryHash> publishSolved(MessageObject unsolved, long now) {
    PowPool.Chain<InventoryHash> chain = tracked(pow.chain());
    chain.solve(unsolved, rules.minimum(), now, solved -> {
      publisher.publish(solved);
      chain.complete(solved.inventoryHash());
    });
    return chain.result();
  }
}
