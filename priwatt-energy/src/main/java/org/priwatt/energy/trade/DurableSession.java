package org.priwatt.energy.trade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageCrypto;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe session machinery shared by the Case 1 trade sessions ({@link ProsumerSession},
 * {@link ConsumerSession}) and the Case 2 channel sessions of the channel module, written once
 * because it is what keeps a restart from paying twice or handing over a secret twice.
 *
 * <p>The save-then-act {@link #commit}: a transition builds the next state as a value, the
 * snapshot of that state, the handled messages and its {@linkplain SessionAction actions} is
 * saved, and only then does the state change and the actions run. A failed save changes nothing
 * and stops the session for good ({@link #storageFailed()}). A resumed session {@linkplain
 * #rejoin rejoins} the node, performs the last transition's actions again (each is idempotent at
 * its receiver) and reads again the messages the node holds for it that no saved transition
 * handled.
 *
 * <p>Messages are classified at the door: DSO replies and counterpart messages that do not
 * decode, do not belong to this session, come at the wrong time or fail the checks (the side's
 * exception type {@code X}) are dropped and counted per {@link DropReason}; a {@link
 * RuntimeException} is a bug and is logged at ERROR and rethrown. Messages are sent on the node's
 * proof-of-work executor, never on the thread that delivered a message.
 *
 * <p>Public only so that the channel module's sessions can extend it; its constructor and hooks
 * are protected, and it is not meant to be extended by users. All state is guarded by the
 * session's monitor.
 *
 * @param <S> the side's durable state (an immutable value)
 * @param <M> the type of the messages exchanged with the counterpart
 * @param <X> the side's checked exception, thrown by its handlers when a message fails the checks
 */
public abstract class DurableSession<S, M, X extends Exception> implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableSession.class);

  /** The trade context: node, ledger, DSO, clock. */
  protected final TradeContext ctx;
  /** The session's messaging identity. */
  protected final Identity msg;
  private final SessionStore store;
  private final Class<X> rejection;
  private final int maxHandled;
  private final boolean dropsRepeats;
  private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
  /** The durable state: read it freely, replace it only through {@link #commit}. */
  protected S state;
  /** The identity shared with the counterpart, once known (Case 1 only). */
  Identity shared;
  private List<InventoryHash> handled = List.of();
  private List<SessionAction<M>> outbox = List.of();
  private InventoryHash current;
  private boolean replaying;
  private boolean storageFailed;
  private volatile boolean closed;

  /**
   * A session not yet saved or attached.
   *
   * @param ctx the trade context
   * @param msg the session's messaging identity
   * @param store where snapshots go
   * @param initial the first state
   * @param rejection the side's exception type: a handler throwing it drops the message as {@link
   *     DropReason#INVALID}
   * @param maxHandled how many handled messages a snapshot remembers (the format's bound)
   * @param dropsRepeats whether a message already handled by a saved transition is dropped at the
   *     door ({@link DropReason#UNEXPECTED}) rather than given to the handlers again
   * @throws NullPointerException if an argument is null
   */
  protected DurableSession(TradeContext ctx, Identity msg, SessionStore store, S initial, Class<X> rejection,
      int maxHandled, boolean dropsRepeats) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.msg = Objects.requireNonNull(msg, "msg");
    this.store = Objects.requireNonNull(store, "store");
    this.state = Objects.requireNonNull(initial, "initial");
    this.rejection = Objects.requireNonNull(rejection, "rejection");
    if (maxHandled < 1 || maxHandled > 255) {
      throw new IllegalArgumentException("maxHandled " + maxHandled);
    }
    this.maxHandled = maxHandled;
    this.dropsRepeats = dropsRepeats;
    for (DropReason r : DropReason.values()) {
      drops.put(r, new AtomicLong());
    }
  }

  // ------------------------------------------------------------------ what a side defines

  /**
   * The full snapshot of {@code next} with the handled messages and the outbox (secret material:
   * the caller clears it).
   */
  protected abstract byte[] snapshot(S next, List<InventoryHash> handled, List<SessionAction<M>> actions);

  /** The counterpart's messaging identity in {@code s}, once known. */
  protected abstract Optional<PublicIdentity> counterpart(S s);

  /** The counterpart's message in {@code content}, empty if it is not one of them. */
  protected abstract Optional<M> peerMessage(MessageContent content) throws X;

  /** {@code message} as message content. */
  protected abstract MessageContent content(M message);

  /** Handles a DSO reply; returns why it was dropped, or empty if it was used. */
  protected abstract Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) throws X;

  /** Handles a message from the counterpart; returns why it was dropped, or empty if it was used. */
  protected abstract Optional<DropReason> onPeer(ReceivedMessage m, M message) throws X;

  /** The ledger refused a transaction this session broadcast (other than as a duplicate). */
  protected abstract void broadcastRefused(LedgerRejection rejection);

  /** A message could not be sent (the node refused it, say for too much proof of work). */
  protected abstract void sendFailed(MessageException cause);

  /** Whether the session has stopped for good (settled, closed or failed). */
  protected abstract boolean isFinal(S s);

  /** The board identity offers are posted with (sellers only). */
  protected Identity board() {
    throw new IllegalStateException(getClass().getSimpleName() + " posts no offer");
  }

  /** Whether this side can post offers in its current state (sellers with a board). */
  protected boolean canPost() {
    return false;
  }

  // ------------------------------------------------------------------ commit

  /**
   * Saves {@code next} with {@code actions}, then adopts it and performs them. If saving fails
   * nothing changes, the session stops and the failure is logged; a session that stopped commits
   * nothing more.
   */
  protected final void commit(S next, List<SessionAction<M>> actions) {
    if (storageFailed) {
      return;
    }
    List<InventoryHash> nextHandled = current == null ? handled : remember(handled, current, maxHandled);
    byte[] bytes = snapshot(next, nextHandled, actions);
    try {
      store.save(bytes);
    } catch (EnergyException e) {
      storageFailed = true;
      LOG.warn("{}: snapshot not saved, the session stops: {}", this, e.getMessage());
      return;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    state = next;
    handled = nextHandled;
    outbox = List.copyOf(actions);
    perform(actions);
  }

  /** {@code handled} plus {@code latest}, keeping the newest {@code max}. */
  static List<InventoryHash> remember(List<InventoryHash> handled, InventoryHash latest, int max) {
    List<InventoryHash> out = new ArrayList<>(handled);
    out.add(latest);
    while (out.size() > max) {
      out.remove(0);
    }
    return List.copyOf(out);
  }

  /** Whether a snapshot could not be saved, which stopped the session. */
  protected final synchronized boolean storageFailed() {
    return storageFailed;
  }

  /**
   * A new session's first save, then it joins the node.
   *
   * @throws EnergyException if the snapshot cannot be saved (the session is then not attached)
   */
  protected final void saveInitialAndAttach() throws EnergyException {
    synchronized (this) {
      byte[] bytes = snapshot(state, handled, List.of());
      try {
        store.save(bytes);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    attach();
  }

  private void attach() {
    ctx.node().addIdentity(msg);
    ctx.node().addListener(this);
  }

  /**
   * After a resume (state read, outbox {@linkplain #unperformable checked}): rejoins the node,
   * performs the last transition's actions again and handles what arrived meanwhile.
   */
  protected final void rejoin(List<InventoryHash> savedHandled, List<SessionAction<M>> savedOutbox) {
    handled = savedHandled;
    outbox = savedOutbox;
    attach();
    if (shared != null) {
      ctx.node().addIdentity(shared);
    }
    perform(outbox);
    replay();
  }

  /**
   * The first saved action the resumed state cannot perform (one needing a counterpart, shared
   * identity or board the state does not have), which makes the snapshot malformed; empty if all
   * can run.
   */
  protected final Optional<SessionAction<M>> unperformable(List<SessionAction<M>> actions) {
    return actions.stream().filter(a -> missing(a) != null).findFirst();
  }

  /** What the state lacks to perform {@code a}, or null. */
  final String missing(SessionAction<M> a) {
    if (a instanceof SessionAction.ToPeer && counterpart(state).isEmpty()) {
      return "a counterpart";
    } else if (a instanceof SessionAction.ToDso<M> d && d.fromShared() && shared == null) {
      return "a shared identity";
    } else if (a instanceof SessionAction.PostOffer && !canPost()) {
      return "a board to post on";
    }
    return null;
  }

  /** Whether the session is reading again, after a resume, messages the node held for it. */
  protected final boolean replaying() {
    return replaying;
  }

  // ------------------------------------------------------------------ snapshot pieces

  /** Writes {@code count(1) ‖ inventory hash(32) each}. */
  protected static void writeHandled(ByteWriter out, List<InventoryHash> handled) {
    out.u8(handled.size());
    handled.forEach(h -> out.bytes(h.toBytes()));
  }

  /**
   * Reads what {@link #writeHandled} writes.
   *
   * @param max the format's bound on the count
   * @throws DecodeException if the input is short or holds more than {@code max}
   */
  protected static List<InventoryHash> readHandled(ByteReader in, int max) throws DecodeException {
    int n = in.count(LengthPrefix.U8, max, InventoryHash.LENGTH);
    List<InventoryHash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(InventoryHash.fromBytes(in.bytes(InventoryHash.LENGTH)));
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ actions

  /** Performs {@code actions} without saving: only for repeats of what a saved state already did. */
  protected final void perform(List<SessionAction<M>> actions) {
    for (SessionAction<M> a : actions) {
      if (a instanceof SessionAction.ToPeer<M> p) {
        Optional<PublicIdentity> to = counterpart(state);
        if (to.isEmpty()) {
          throw new IllegalStateException("a message to a counterpart not yet known");
        }
        send(ctx.node().sendMessageAsync(msg, to.get(), content(p.message()), TradeContext.MESSAGE_TTL));
      } else if (a instanceof SessionAction.ToDso<M> d) {
        Identity from = d.fromShared() ? Objects.requireNonNull(shared, "shared identity") : msg;
        send(ctx.node().sendMessageAsync(from, ctx.dso(), RegistryMessages.content(d.request()), TradeContext.MESSAGE_TTL));
      } else if (a instanceof SessionAction.Broadcast<M> b) {
        broadcast(b.transaction().toByteArray()).filter(r -> r != LedgerRejection.DUPLICATE)
            .ifPresent(this::broadcastRefused);
      } else if (a instanceof SessionAction.PostOffer<M> o) {
        long ttl = Math.min(o.offer().expiry() - ctx.now(), EnergyLimits.MAX_OFFER_TTL_SECONDS);
        if (ttl >= 1) {
          send(AuctionBoard.post(ctx.node(), board(), o.offer(), ttl));
        }
      }
    }
  }

  private void send(CompletableFuture<?> sending) {
    sending.whenComplete((ok, e) -> {
      if (e == null) {
        return;
      }
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof MessageException me) {
        synchronized (this) {
          if (!closed) {
            sendFailed(me);
          }
        }
      } else {
        LOG.error("{}: sending failed unexpectedly", this, cause);
      }
    });
  }

  /** Offers a serialized transaction to the ledger; empty if accepted, else why not. */
  protected final Optional<LedgerRejection> broadcast(byte[] transaction) {
    try {
      return ctx.ledger().broadcast(Transaction.parse(transaction));
    } catch (ChainException e) {
      return Optional.of(LedgerRejection.INVALID);
    }
  }

  // ------------------------------------------------------------------ receiving

  @Override
  public final void onMessage(ReceivedMessage m) {
    // Every session on a node hears every message: only those to its identities are its business.
    if (closed || !isMine(m)) {
      return;
    }
    Optional<RegistryReply> reply;
    Optional<M> peer;
    try {
      reply = RegistryMessages.reply(m.content());
      peer = reply.isPresent() ? Optional.empty() : peerMessage(m.content());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      drop(DropReason.UNDECODABLE, m, rejected(e).getMessage());
      return;
    }
    if (reply.isEmpty() && peer.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (!closed) {
        handle(m, reply, peer);
      }
    }
  }

  /**
   * {@code e} if it is the registry's or the side's exception, the only checked ones the decoders
   * and handlers declare; anything else is a bug, rethrown.
   */
  private Exception rejected(Exception e) {
    if (e instanceof EnergyException || rejection.isInstance(e)) {
      return e;
    }
    throw new IllegalStateException("undeclared exception", e);
  }

  private boolean isMine(ReceivedMessage m) {
    return m.recipient().equals(msg.address()) || shared != null && m.recipient().equals(shared.address());
  }

  private void handle(ReceivedMessage m, Optional<RegistryReply> reply, Optional<M> peer) {
    if (storageFailed || isFinal(state)) {
      drop(DropReason.UNEXPECTED, m, "the session has ended");
      return;
    }
    if (dropsRepeats && handled.contains(m.inventoryHash())) {
      drop(DropReason.UNEXPECTED, m, "already handled");
      return;
    }
    current = m.inventoryHash();
    try {
      Optional<DropReason> dropped;
      if (reply.isPresent()) {
        dropped = m.sender().address().equals(ctx.dso().address()) ? onReply(m, reply.get())
            : Optional.of(DropReason.NOT_FOR_THIS_TRADE);
      } else {
        dropped = onPeer(m, peer.orElseThrow());
      }
      dropped.ifPresent(r -> drop(r, m, "state " + state));
    } catch (RuntimeException e) {
      LOG.error("{}: bug while handling a message", this, e);
      throw e;
    } catch (Exception e) {
      if (!rejection.isInstance(e)) {
        LOG.error("{}: bug while handling a message", this, e);
        throw new IllegalStateException("undeclared exception", e);
      }
      drop(DropReason.INVALID, m, e.getMessage());
    } finally {
      current = null;
    }
  }

  private void drop(DropReason reason, ReceivedMessage m, String detail) {
    drops.get(reason).incrementAndGet();
    LOG.debug("{} dropped a message from {}: {} ({})", this, m.sender().address(), reason, detail);
  }

  /**
   * How many messages this session dropped for {@code reason}.
   *
   * @param reason the reason
   * @return the count since the session was created or resumed
   */
  public long dropped(DropReason reason) {
    return drops.get(reason).get();
  }

  /**
   * Handles the msg objects in the node's store that open with one of the session's identities
   * and that no saved transition handled, repeating while they cause transitions (a message may
   * only become applicable after another one).
   */
  private void replay() {
    replaying = true;
    try {
      for (int pass = 0; pass < 16; pass++) {
        S before = state;
        List<Identity> mine = new ArrayList<>(List.of(msg));
        if (shared != null) {
          mine.add(shared);
        }
        for (InventoryHash h : ctx.node().store().inventory(msg.address().stream(), ctx.now())) {
          if (handled.contains(h)) {
            continue;
          }
          ctx.node().store().get(h).filter(x -> x.objectType() == ObjectType.MSG).flatMap(x -> open(x, mine))
              .ifPresent(this::onMessage);
        }
        if (state == before) {
          return;
        }
      }
    } finally {
      replaying = false;
    }
  }

  private static Optional<ReceivedMessage> open(MessageObject o, List<Identity> identities) {
    for (Identity id : identities) {
      Optional<ReceivedMessage> m = MessageCrypto.openMsg(o, id);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  /**
   * Detaches the session from its node (listener and identities), as if its process stopped; the
   * snapshot stays in the store for {@code resume}.
   */
  @Override
  public synchronized void close() {
    closed = true;
    ctx.node().removeListener(this);
    ctx.node().removeIdentity(msg);
    if (shared != null) {
      ctx.node().removeIdentity(shared);
    }
  }
}
