package org.priwatt.msg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One messaging node: validates, stores and relays objects, trial-decrypts every msg against all
 * local identities and every tagged broadcast against the subscriptions, answers getpubkey for
 * its identities, and publishes acknowledgements. Inbound work runs on one thread per node; an
 * optional receive delay before processing each object (0.6 s in the PriWatt paper §5.1, to damp
 * denial-of-service bursts) is configurable. Thread-safe; {@link #close()} stops it.
 *
 * <p>Proof of work for what the node sends runs on the node's own small pool of PoW threads
 * ({@link Builder#powThreads}), never on the inbound thread or the caller's: the {@code ...Async}
 * methods return at once with a future, the blocking ones wait for it. The pool serves its jobs
 * round-robin in slices of a few thousand trials, so a demanding job delays a cheap one queued
 * after it by at most the cheap job's own cost. A recipient's difficulty is a peer's choice, so
 * the node refuses ({@link MessageError#POW_TOO_DEMANDING}, before any work) to do more than
 * {@link Builder#maxAcceptedPow}; see {@link #DEFAULT_MAX_ACCEPTED_POW} for the default and the
 * worst-case cost it allows.
 */
public final class MessageNode implements MessageTransport.Receiver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageNode.class);
  private static final long CLEANUP_PERIOD_SECONDS = 300;
  /** Bitmessage's limit of hashes in one inv message; longer announcements are cut. */
  static final int MAX_INV_HASHES = 50_000;
  /** The default ceiling is this many times the network default difficulty, field by field. */
  public static final long DEFAULT_POW_CEILING_FACTOR = 10;
  /**
   * The default {@link Builder#maxAcceptedPow}: {@value #DEFAULT_POW_CEILING_FACTOR} times the
   * network default, 10,000 trials per byte and 10,000 extra bytes (raised to the node's minimum
   * if that is higher).
   *
   * <p>Why 10: PyBitmessage lets its user cap accepted difficulty as multiples of the network
   * default ({@code maxacceptablenoncetrialsperbyte}, {@code maxacceptablepayloadlengthextrabytes};
   * its fallback, 20,000,000 times, assumes a human decides). A PriWatt node answers automated
   * steps with nobody to ask. The factors multiply, so a small message costs up to about
   * {@code 10^2} times its network-default work: 600 bytes with a one-hour TTL, 1.1e8 expected
   * trials instead of 1.7e6, some 50 s on one core (2.2 million trials/s, JDK 17).
   *
   * <p>The bound in general: a job's expected trials are {@link ProofOfWork#expectedTrials}, at
   * most {@code ceiling.trials * (len + ceiling.extra) * (1 + ttl / 2^16)} for an object of
   * {@code len} bytes and {@code ttl} seconds, both chosen by the sender, never by the peer.
   */
  public static final PowParameters DEFAULT_MAX_ACCEPTED_POW = PowParameters.NETWORK_DEFAULT.times(DEFAULT_POW_CEILING_FACTOR);
  /** The default {@link Builder#maxQueuedPow}. */
  public static final int DEFAULT_MAX_QUEUED_POW = 256;
  /** Default longest random delay before an acknowledgement is published. */
  public static final Duration DEFAULT_MAX_ACK_DELAY = Duration.ofSeconds(2);

  private final String name;
  private final ObjectRules rules;
  private final LongSupplier clock;
  private final Duration receiveDelay;
  private final ObjectStore store;
  private final ScheduledExecutorService inbox;
  private final Outbox outbox;
  private final LocalDelivery delivery;
  private final Map<InventoryHash, Boolean> requested = new ConcurrentHashMap<>();
  private final WorkTracker work = new WorkTracker();
  private volatile boolean closed;
  private volatile MessageTransport transport;

  private MessageNode(Builder b) {
    this.name = b.name;
    this.rules = b.rules;
    this.clock = b.clock;
    this.receiveDelay = b.receiveDelay;
    this.store = b.store;
    this.inbox = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "priwatt-msg-" + name);
      t.setDaemon(true);
      return t;
    });
    inbox.scheduleAtFixedRate(() -> store.cleanup(clock.getAsLong()), CLEANUP_PERIOD_SECONDS, CLEANUP_PERIOD_SECONDS, TimeUnit.SECONDS);
    this.outbox = new Outbox(rules, clock, new PowPool(name, b.powThreads, b.maxQueuedPow, b.ceiling(), b.powTimeout), this::publish, work);
    this.delivery = new LocalDelivery(name, rules, clock, outbox, this::publish, b.ackDelay, this::enqueue);
  }

  /** Returns a builder for a node called {@code name} (used as its peer name). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Configures a {@link MessageNode}; defaults: network rules, system clock, 2 PoW threads, no
   * receive delay, {@link #DEFAULT_MAX_ACCEPTED_POW}, no PoW timeout, at most
   * {@value #DEFAULT_MAX_QUEUED_POW} queued PoW jobs.
   */
  public static final class Builder {
    private final String name;
    private ObjectRules rules = ObjectRules.networkDefault();
    private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private int powThreads = 2;
    private Duration receiveDelay = Duration.ZERO;
    private Duration ackDelay = DEFAULT_MAX_ACK_DELAY;
    private ObjectStore store = ObjectStore.withDefaultLimits();
    private PowParameters maxAcceptedPow;
    private Duration powTimeout;
    private int maxQueuedPow = DEFAULT_MAX_QUEUED_POW;

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

    /** Sets the size of the node's proof-of-work pool, shared by all its sends (at least 1). */
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

    /**
     * Sets the longest random delay before the node publishes the acknowledgement of a message it
     * opened (default {@link #DEFAULT_MAX_ACK_DELAY}); zero publishes at once, which lets an
     * observer link the node's identities by the timing of their acks.
     */
    public Builder ackDelay(Duration maxDelay) {
      if (maxDelay.isNegative()) {
        throw new IllegalArgumentException("negative delay");
      }
      this.ackDelay = maxDelay;
      return this;
    }

    /** Sets the object store. */
    public Builder store(ObjectStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /**
     * Sets the most proof of work the node does for anyone: a send whose recipient demands more
     * nonce trials per byte or more extra bytes than {@code ceiling} (after raising the demand to
     * the node's minimum) fails with {@link MessageError#POW_TOO_DEMANDING} before any work. The
     * default is {@link #DEFAULT_MAX_ACCEPTED_POW} (raised to the minimum if that is higher).
     */
    public Builder maxAcceptedPow(PowParameters ceiling) {
      this.maxAcceptedPow = Objects.requireNonNull(ceiling, "ceiling");
      return this;
    }

    /**
     * Sets how long one send's proof of work may take, counted from the call (queueing
     * included); past it the send fails with {@link MessageError#POW_DEADLINE_EXCEEDED}.
     * Default: no limit (the ceiling still bounds the work).
     *
     * @throws IllegalArgumentException if timeout is zero or negative
     */
    public Builder powTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.powTimeout = timeout;
      return this;
    }

    /**
     * Sets how many proof-of-work jobs may be queued or running at once; beyond that sends fail
     * with {@link MessageError#POW_QUEUE_FULL} (each message send is two jobs, one after the other).
     *
     * @throws IllegalArgumentException if jobs is below 1
     */
    public Builder maxQueuedPow(int jobs) {
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs < 1");
      }
      this.maxQueuedPow = jobs;
      return this;
    }

    private PowParameters ceiling() {
      if (maxAcceptedPow == null) {
        return DEFAULT_MAX_ACCEPTED_POW.atLeast(rules.minimum());
      }
      if (!rules.minimum().isWithin(maxAcceptedPow)) {
        throw new IllegalArgumentException("ceiling below the node's minimum difficulty");
      }
      return maxAcceptedPow;
    }

    /**
     * Builds the node and starts its threads; attach a transport with {@link MessageNode#attach}.
     *
     * @throws IllegalArgumentException if an explicit {@link #maxAcceptedPow} is below the rules'
     *     minimum in either field (the node could then send nothing)
     */
    public MessageNode build() {
      ceiling();
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
    delivery.addIdentity(identity);
  }

  /** Removes a local identity. */
  public void removeIdentity(Identity identity) {
    delivery.removeIdentity(identity);
  }

  /** How many local identities the node decrypts for: each costs one trial decryption per incoming msg. */
  public int identityCount() {
    return delivery.identityCount();
  }

  /** Subscribes to the broadcasts of {@code address}. */
  public void subscribe(BitmessageAddress address) {
    delivery.subscribe(address);
  }

  /** Stops receiving the broadcasts of {@code address}. */
  public void unsubscribe(BitmessageAddress address) {
    delivery.unsubscribe(address);
  }

  /** Registers a listener. */
  public void addListener(MessageListener listener) {
    delivery.addListener(listener);
  }

  /** Unregisters a listener (a no-op if it was not registered); it gets no further callbacks once this returns, except one already running. */
  public void removeListener(MessageListener listener) {
    delivery.removeListener(listener);
  }

  // ------------------------------------------------------------------ sending

  /**
   * Encrypts, signs and proves work for a message from {@code from} to {@code to}, with an
   * embedded acknowledgement, then stores and announces it. The proof of work (the ack's at the
   * node's minimum, then the message's at the recipient's difficulty raised to that minimum) runs
   * on the node's PoW pool; this method returns at once.
   *
   * <p>The future completes with the sent message, or exceptionally with a
   * {@link MessageException}: {@link MessageError#POW_TOO_DEMANDING} if the recipient demands
   * more than {@link Builder#maxAcceptedPow} (the future is already failed when this returns and
   * no work was queued), {@link MessageError#POW_QUEUE_FULL}, {@link
   * MessageError#POW_DEADLINE_EXCEEDED} (after {@link Builder#powTimeout}), {@link
   * MessageError#POW_CANCELLED}, {@link MessageError#NODE_CLOSED} or {@link
   * MessageError#STORE_FULL}. Cancelling or completing the future from outside (also through
   * {@link CompletableFuture#orTimeout}) stops the work. It completes on a PoW thread: attach slow
   * follow-up work with the {@code ...Async} methods of {@link CompletableFuture}.
   *
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<SentMessage> sendMessageAsync(Identity from, PublicIdentity to, MessageContent content, long ttlSeconds) {
    return outbox.sendMessage(from, to, content, ttlSeconds);
  }

  /**
   * As {@link #sendMessageAsync}, but blocks the calling thread until the proof of work is done:
   * about a second at the network difficulty, up to the ceiling's cost for a demanding recipient
   * (see {@link #DEFAULT_MAX_ACCEPTED_POW}). Never call it from a {@link MessageListener} callback
   * or another thread that serves others; use {@link #sendMessageAsync} there.
   *
   * @throws MessageException an error listed at {@link #sendMessageAsync}, or
   *     {@link MessageError#POW_CANCELLED} if the calling thread is interrupted (the work is
   *     cancelled and the interrupt status stays set)
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   * @throws IllegalStateException if called on the node's own PoW thread (in a callback of a
   *     send's future), where waiting could deadlock the pool
   */
  public SentMessage sendMessage(Identity from, PublicIdentity to, MessageContent content, long ttlSeconds) throws MessageException {
    return outbox.pow().await(sendMessageAsync(from, to, content, ttlSeconds));
  }

  /**
   * Signs, encrypts to the sender's address key and publishes a v5 broadcast, its proof of work
   * at the node's minimum on the PoW pool. The future fails as for {@link #sendMessageAsync}
   * (but never with {@link MessageError#POW_TOO_DEMANDING}: the minimum is within the ceiling).
   *
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public CompletableFuture<InventoryHash> broadcastAsync(Identity from, MessageContent content, long ttlSeconds) {
    return outbox.broadcast(from, content, ttlSeconds);
  }

  /**
   * As {@link #broadcastAsync}, blocking the caller for the proof of work (see {@link #sendMessage}).
   *
   * @throws MessageException as {@link #sendMessage}
   * @throws IllegalStateException as {@link #sendMessage}
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public InventoryHash broadcast(Identity from, MessageContent content, long ttlSeconds) throws MessageException {
    return outbox.pow().await(broadcastAsync(from, content, ttlSeconds));
  }

  /**
   * Publishes the v4 pubkey of {@code me} so others can message it; proof of work and failures
   * as for {@link #broadcastAsync}.
   *
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public CompletableFuture<InventoryHash> publishPubkeyAsync(Identity me, long ttlSeconds) {
    return outbox.publishPubkey(me, ttlSeconds);
  }

  /**
   * As {@link #publishPubkeyAsync}, blocking the caller for the proof of work (see {@link #sendMessage}).
   *
   * @throws MessageException as {@link #sendMessage}
   * @throws IllegalStateException as {@link #sendMessage}
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public InventoryHash publishPubkey(Identity me, long ttlSeconds) throws MessageException {
    return outbox.pow().await(publishPubkeyAsync(me, ttlSeconds));
  }

  /**
   * Looks up the public identity of {@code address} by publishing a getpubkey (its proof of work
   * on the PoW pool) and waiting for the owner's answer. The future fails if the getpubkey cannot
   * be published (as for {@link #broadcastAsync}); cancelling it stops that work. Security: the
   * difficulty in the answer is the peer's choice; {@link #sendMessageAsync} refuses it above the
   * ceiling.
   *
   * @throws IllegalArgumentException if ttlSeconds is not in 1..28 days
   */
  public CompletableFuture<PublicIdentity> requestPubkey(BitmessageAddress address, long ttlSeconds) {
    Outbox.checkTtl(ttlSeconds);
    CompletableFuture<PublicIdentity> f = new CompletableFuture<>();
    LocalDelivery.PendingPubkey pending = new LocalDelivery.PendingPubkey(address, f);
    delivery.expectPubkey(pending);
    CompletableFuture<InventoryHash> getpubkey = outbox.getPubkey(address, ttlSeconds);
    getpubkey.whenComplete((h, e) -> {
      if (e != null) {
        delivery.forgetPubkey(pending);
        f.completeExceptionally(e);
      }
    });
    f.whenComplete((id, e) -> getpubkey.cancel(false));
    return f;
  }

  /** Returns the most proof of work this node does for anyone ({@link Builder#maxAcceptedPow}). */
  public PowParameters maxAcceptedPow() {
    return outbox.pow().ceiling();
  }

  /** Returns how many proof-of-work jobs are queued or running on the node's PoW pool. */
  public int queuedPowJobs() {
    return outbox.pow().liveJobs();
  }

  /**
   * Returns how many proof-of-work jobs the node's pool accepted since it started (a send is
   * two: its ack, then the msg): a counter for metrics, and for telling a send's phases apart.
   */
  public long acceptedPowJobs() {
    return outbox.pow().acceptedJobs();
  }

  /**
   * Validates an object created elsewhere (or locally), stores it, processes it and announces it.
   *
   * @throws MessageException if the object breaks the node's rules or the store is full
   */
  public void publish(MessageObject object) throws MessageException {
    rules.check(object, clock.getAsLong());
    if (store.add(object)) {
      enqueue(() -> delivery.process(object), 0);
      announce(object, null);
    }
  }

  // ------------------------------------------------------------------ inbound

  @Override
  public void onInv(String from, List<InventoryHash> hashes) {
    List<InventoryHash> bounded = hashes.size() > MAX_INV_HASHES ? hashes.subList(0, MAX_INV_HASHES) : hashes;
    enqueue(() -> {
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
    }, 0);
  }

  @Override
  public void onGetData(String from, List<InventoryHash> hashes) {
    enqueue(() -> {
      MessageTransport t = transport;
      for (InventoryHash h : hashes) {
        Optional<MessageObject> o = store.get(h);
        if (o.isPresent() && t != null) {
          t.sendObject(from, o.get());
        }
      }
    }, 0);
  }

  @Override
  public void onConnected(String peer) {
    enqueue(() -> {
      MessageTransport t = transport;
      if (t == null) {
        return;
      }
      List<InventoryHash> inventory = store.inventory(clock.getAsLong());
      for (int i = 0; i < inventory.size(); i += MAX_INV_HASHES) {
        t.sendInv(peer, inventory.subList(i, Math.min(inventory.size(), i + MAX_INV_HASHES)));
      }
    }, 0);
  }

  @Override
  public void onObject(String from, byte[] encoded) {
    byte[] copy = encoded.clone();
    enqueue(() -> receive(from, copy), receiveDelay.toNanos());
  }

  /**
   * Queues inbound work on the inbound thread, counted by {@link #work()}. A closed node drops
   * it: a peer's relay must not fail because this node went away.
   */
  private void enqueue(Runnable task, long delayNanos) {
    work.begin();
    try {
      inbox.schedule(() -> {
        try {
          task.run();
        } finally {
          work.end();
        }
      }, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      work.end();
      LOG.debug("{}: closed, inbound work dropped", name);
    }
  }

  /** Returns the counter of this node's outstanding work (inbound tasks and unfinished sends). */
  WorkTracker work() {
    return work;
  }

  /** Returns whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  private void receive(String from, byte[] encoded) {
    try {
      MessageObject o = MessageObject.decode(encoded);
      requested.remove(o.inventoryHash());
      rules.check(o, clock.getAsLong());
      if (store.add(o)) {
        // Relayed before trial decryption: how long decryption takes (it depends on the node's
        // identities and, on the pure-Java backend, on key material) never delays the relay.
        announce(o, from);
        delivery.process(o);
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

  /**
   * Stops the inbound thread (pending work is dropped) and the PoW pool: every send still queued
   * or running fails with {@link MessageError#NODE_CLOSED}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    inbox.shutdownNow();
    outbox.close();
  }

  @Override
  public String toString() {
    return "MessageNode{" + name + ", " + store.size() + " objects}";
  }
}
