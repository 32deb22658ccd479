package org.priwatt.msg;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.priwatt.crypto.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One messaging node: validates, stores and relays objects, trial-decrypts every msg against all
 * local identities and every tagged broadcast against the subscriptions, answers getpubkey for
 * its identities, and publishes acknowledgements. Inbound work runs on one thread per node; an
 * optional receive delay before processing each object (0.6 s in the PriWatt paper §5.1, to damp
 * denial-of-service bursts) is configurable. Thread-safe; {@link #close()} stops it.
 */
public final class MessageNode implements MessageTransport.Receiver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageNode.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long CLEANUP_PERIOD_SECONDS = 300;
  /** Bitmessage's limit of hashes in one inv message; longer announcements are cut. */
  static final int MAX_INV_HASHES = 50_000;

  private final String name;
  private final ObjectRules rules;
  private final LongSupplier clock;
  private final int powThreads;
  private final Duration receiveDelay;
  private final ObjectStore store;
  private final ScheduledExecutorService inbox;
  private final List<Identity> identities = new CopyOnWriteArrayList<>();
  private final Map<String, BitmessageAddress> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, SentMessage> awaitingAck = new ConcurrentHashMap<>();
  private final Map<String, PendingPubkey> pendingPubkeys = new ConcurrentHashMap<>();
  private final Map<InventoryHash, Boolean> requested = new ConcurrentHashMap<>();
  private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
  private volatile MessageTransport transport;

  private record PendingPubkey(BitmessageAddress address, CompletableFuture<PublicIdentity> future) {}

  private MessageNode(Builder b) {
    this.name = b.name;
    this.rules = b.rules;
    this.clock = b.clock;
    this.powThreads = b.powThreads;
    this.receiveDelay = b.receiveDelay;
    this.store = b.store;
    this.inbox = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "priwatt-msg-" + name);
      t.setDaemon(true);
      return t;
    });
    inbox.scheduleAtFixedRate(() -> store.cleanup(clock.getAsLong()), CLEANUP_PERIOD_SECONDS, CLEANUP_PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  /** Returns a builder for a node called {@code name} (used as its peer name). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Configures a {@link MessageNode}; defaults: network rules, system clock, 2 PoW threads, no delay. */
  public static final class Builder {
    private final String name;
    private ObjectRules rules = ObjectRules.networkDefault();
    private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private int powThreads = 2;
    private Duration receiveDelay = Duration.ZERO;
    private ObjectStore store = ObjectStore.withDefaultLimits();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Sets the acceptance rules (minimum difficulty). */
    public Builder rules(ObjectRules rules) {
      this.rules = Objects.requireNonNull(rules);
      return this;
    }

    /** Sets the clock in Unix seconds. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Sets the number of proof-of-work threads (at least 1). */
    public Builder powThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads < 1");
      }
      this.powThreads = threads;
      return this;
    }

    /** Sets the delay between receiving an object and processing it (paper: 0.6 s). */
    public Builder receiveDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("negative delay");
      }
      this.receiveDelay = delay;
      return this;
    }

    /** Sets the object store. */
    public Builder store(ObjectStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** Builds the node; attach a transport with {@link MessageNode#attach}. */
    public MessageNode build() {
      return new MessageNode(this);
    }
  }

  /** Returns the node's name. */
  public String name() {
    return name;
  }

  /** Connects the node to its transport (replacing any previous one). */
  public void attach(MessageTransport transport) {
    this.transport = Objects.requireNonNull(transport);
  }

  /** Returns the node's object store (its inventory). */
  public ObjectStore store() {
    return store;
  }

  /** Adds a local identity: msgs to it are decrypted and getpubkey for it answered. */
  public void addIdentity(Identity identity) {
    identities.add(Objects.requireNonNull(identity));
  }

  /** Removes a local identity. */
  public void removeIdentity(Identity identity) {
    identities.remove(identity);
  }

  /** Subscribes to the broadcasts of {@code address}. */
  public void subscribe(BitmessageAddress address) {
    subscriptions.put(Hex.encode(address.tag()), address);
  }

  /** Stops receiving the broadcasts of {@code address}. */
  public void unsubscribe(BitmessageAddress address) {
    subscriptions.remove(Hex.encode(address.tag()));
  }

  /** Registers a listener. */
  public void addListener(MessageListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Unregisters a listener (a no-op if it was not registered); it gets no further callbacks once this returns, except one already running. */
  public void removeListener(MessageListener listener) {
    listeners.remove(listener);
  }

  // ------------------------------------------------------------------ sending

  /**
   * Encrypts, signs and proves work for a message from {@code from} to {@code to}, with an
   * embedded acknowledgement, then stores and announces it. Proof of work runs on the caller's
   * thread at the recipient's difficulty (at least the network minimum).
   *
   * @throws MessageException {@link MessageError#POW_CANCELLED} if interrupted
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public SentMessage sendMessage(Identity from, PublicIdentity to, MessageContent content, long ttlSeconds) throws MessageException {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    byte[] ackData = new byte[32];
    RANDOM.nextBytes(ackData);
    MessageObject ack = solve(MessageObject.unsolved(now + ackTtl(ttlSeconds), ObjectType.MSG.code(), 1, to.address().stream(), ackData), rules.minimum(), now);
    byte[] ackPacket = WirePacket.of("object", ack.encoded()).encode();
    MessageObject msg = solve(MessageCrypto.buildMsg(from, to, content, ackPacket, now + ttlSeconds), to.pow().atLeast(rules.minimum()), now);
    SentMessage sent = new SentMessage(msg.inventoryHash(), ackData);
    awaitingAck.put(Hex.encode(ackData), sent);
    publish(msg);
    return sent;
  }

  /** Signs, encrypts to the sender's address key and publishes a v5 broadcast. */
  public InventoryHash broadcast(Identity from, MessageContent content, long ttlSeconds) throws MessageException {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    MessageObject o = solve(MessageCrypto.buildBroadcast(from, content, now + ttlSeconds), rules.minimum(), now);
    publish(o);
    return o.inventoryHash();
  }

  /** Publishes the v4 pubkey of {@code me} so others can message it. */
  public InventoryHash publishPubkey(Identity me, long ttlSeconds) throws MessageException {
    checkTtl(ttlSeconds);
    long now = clock.getAsLong();
    MessageObject o = solve(MessageCrypto.buildPubkey(me, now + ttlSeconds), rules.minimum(), now);
    publish(o);
    return o.inventoryHash();
  }

  /**
   * Looks up the public identity of {@code address}: from a stored pubkey object if there is one,
   * otherwise by publishing a getpubkey and waiting for the owner's answer.
   */
  public CompletableFuture<PublicIdentity> requestPubkey(BitmessageAddress address, long ttlSeconds) throws MessageException {
    CompletableFuture<PublicIdentity> f = new CompletableFuture<>();
    pendingPubkeys.put(Hex.encode(address.tag()), new PendingPubkey(address, f));
    long now = clock.getAsLong();
    publish(solve(MessageCrypto.buildGetPubkey(address, now + ttlSeconds), rules.minimum(), now));
    return f;
  }

  private static void checkTtl(long ttl) {
    if (ttl < 1 || ttl > 28L * 24 * 3600) {
      throw new IllegalArgumentException("ttl must be 1 s .. 28 days: " + ttl);
    }
  }

  /** PyBitmessage's ack TTL buckets (1 day, 1 week, 4 weeks) so an ack does not reveal its message's TTL. */
  private static long ackTtl(long ttl) {
    long bucket = ttl < 24 * 3600 ? 24 * 3600 : ttl < 7 * 24 * 3600 ? 7 * 24 * 3600 : 28L * 24 * 3600;
    return bucket + RANDOM.nextInt(601) - 300;
  }

  private MessageObject solve(MessageObject unsolved, PowParameters pow, long now) throws MessageException {
    return ProofOfWork.solve(unsolved, pow, now, powThreads, new AtomicBoolean());
  }

  /**
   * Validates an object created elsewhere (or locally), stores it, processes it and announces it.
   *
   * @throws MessageException if the object breaks the node's rules or the store is full
   */
  public void publish(MessageObject object) throws MessageException {
    rules.check(object, clock.getAsLong());
    if (store.add(object)) {
      inbox.execute(() -> process(object));
      announce(object, null);
    }
  }

  // ------------------------------------------------------------------ inbound

  @Override
  public void onInv(String from, List<InventoryHash> hashes) {
    List<InventoryHash> bounded = hashes.size() > MAX_INV_HASHES ? hashes.subList(0, MAX_INV_HASHES) : hashes;
    inbox.execute(() -> {
      List<InventoryHash> wanted = new ArrayList<>();
      for (InventoryHash h : bounded) {
        if (!store.contains(h) && requested.putIfAbsent(h, Boolean.TRUE) == null) {
          wanted.add(h);
        }
      }
      MessageTransport t = transport;
      if (!wanted.isEmpty() && t != null) {
        t.sendGetData(from, wanted);
      }
    });
  }

  @Override
  public void onGetData(String from, List<InventoryHash> hashes) {
    inbox.execute(() -> {
      MessageTransport t = transport;
      for (InventoryHash h : hashes) {
        Optional<MessageObject> o = store.get(h);
        if (o.isPresent() && t != null) {
          t.sendObject(from, o.get());
        }
      }
    });
  }

  @Override
  public void onConnected(String peer) {
    inbox.execute(() -> {
      MessageTransport t = transport;
      if (t == null) {
        return;
      }
      List<InventoryHash> inventory = store.inventory(clock.getAsLong());
      for (int i = 0; i < inventory.size(); i += MAX_INV_HASHES) {
        t.sendInv(peer, inventory.subList(i, Math.min(inventory.size(), i + MAX_INV_HASHES)));
      }
    });
  }

  @Override
  public void onObject(String from, byte[] encoded) {
    byte[] copy = encoded.clone();
    inbox.schedule(() -> receive(from, copy), receiveDelay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void receive(String from, byte[] encoded) {
    try {
      MessageObject o = MessageObject.decode(encoded);
      requested.remove(o.inventoryHash());
      rules.check(o, clock.getAsLong());
      if (store.add(o)) {
        process(o);
        announce(o, from);
      }
    } catch (MessageException e) {
      LOG.debug("{}: dropped object from {}: {}", name, from, e.getMessage());
    }
  }

  private void announce(MessageObject o, String except) {
    MessageTransport t = transport;
    if (t == null) {
      return;
    }
    for (String peer : t.peers()) {
      if (!peer.equals(except)) {
        t.sendInv(peer, List.of(o.inventoryHash()));
      }
    }
  }

  private void process(MessageObject o) {
    ObjectType type = o.objectType();
    if (type == ObjectType.MSG) {
      processMsg(o);
    } else if (type == ObjectType.BROADCAST) {
      MessageCrypto.tagOf(o).map(tag -> subscriptions.get(Hex.encode(tag)))
          .flatMap(addr -> MessageCrypto.openBroadcast(o, addr))
          .ifPresent(b -> listeners.forEach(l -> l.onBroadcast(b)));
    } else if (type == ObjectType.GETPUBKEY) {
      MessageCrypto.tagOf(o).ifPresent(this::answerGetPubkey);
    } else if (type == ObjectType.PUBKEY) {
      MessageCrypto.tagOf(o).map(tag -> pendingPubkeys.get(Hex.encode(tag)))
          .ifPresent(p -> MessageCrypto.openPubkey(o, p.address()).ifPresent(id -> {
            pendingPubkeys.remove(Hex.encode(id.address().tag()));
            p.future().complete(id);
          }));
    }
  }

  private void processMsg(MessageObject o) {
    byte[] payload = o.payload();
    if (payload.length == 32) {
      SentMessage sent = awaitingAck.remove(Hex.encode(payload));
      if (sent != null) {
        listeners.forEach(l -> l.onAck(sent));
        return;
      }
    }
    long now = clock.getAsLong();
    for (Identity id : identities) {
      // A per-identity difficulty override is enforced only by the identity's own node.
      if (!ProofOfWork.isSufficient(o, id.publicIdentity().pow().atLeast(rules.minimum()), now)) {
        continue;
      }
      Optional<ReceivedMessage> m = MessageCrypto.openMsg(o, id);
      if (m.isPresent()) {
        listeners.forEach(l -> l.onMessage(m.get()));
        sendAck(m.get());
        return;
      }
    }
  }

  private void sendAck(ReceivedMessage m) {
    byte[] packet = m.ackPacket();
    if (packet.length == 0) {
      return;
    }
    try {
      WirePacket p = WirePacket.decode(packet);
      if (p.command().equals("object")) {
        publish(MessageObject.decode(p.payload()));
      }
    } catch (MessageException e) {
      LOG.debug("{}: unusable ack from {}: {}", name, m.sender().address(), e.getMessage());
    }
  }

  private void answerGetPubkey(byte[] tag) {
    for (Identity id : identities) {
      if (java.security.MessageDigest.isEqual(id.address().tag(), tag)) {
        try {
          publishPubkey(id, 28L * 24 * 3600);
        } catch (MessageException e) {
          LOG.debug("{}: could not publish pubkey: {}", name, e.getMessage());
        }
      }
    }
  }

  /** Stops the inbound thread; pending work is dropped. */
  @Override
  public void close() {
    inbox.shutdownNow();
  }

  @Override
  public String toString() {
    return "MessageNode{" + name + ", " + store.size() + " objects}";
  }
}
