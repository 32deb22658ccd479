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
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
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
 * What both sides of a Case 1 trade share ({@link ProsumerSession}, {@link ConsumerSession}): the
 * identities and key, the snapshot store, and the save-then-act {@link #commit}: a transition
 * builds the next state as a value, the snapshot of that state and its actions is saved, and only
 * then does the state change and the actions run. A failed save changes nothing and stops the
 * session ({@link TradeFailure#STORAGE}), since acting on a transition that is not durable could
 * pay twice or hand over a secret that a restart would not know about.
 *
 * <p>Messages are classified at the door: PriWatt messages that do not decode, do not belong to
 * this trade, come at the wrong time or fail the checks are dropped and counted per {@link
 * DropReason}; a {@link RuntimeException} is a bug and is logged at ERROR and rethrown. Messages
 * are sent on the node's proof-of-work executor, never on the thread that delivered a message;
 * a send the node refuses (a counterpart demanding more proof of work than the node accepts)
 * fails the session with {@link TradeFailure#MESSAGING}.
 *
 * <p>All state is guarded by the session's monitor.
 *
 * @param <S> the side's durable state
 */
abstract class TradeSession<S> implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TradeSession.class);

  final TradeContext ctx;
  final Identity msg;
  final EcKey txKey;
  private final SessionStore store;
  private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
  /** The durable state; replaced only by {@link #commit}. */
  S state;
  /** The identity shared with the counterpart, once known. */
  Identity shared;
  private List<InventoryHash> handled = List.of();
  private List<SessionAction> outbox = List.of();
  private InventoryHash current;
  private boolean storageFailed;
  private volatile boolean closed;

  TradeSession(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store, S initial) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.msg = Objects.requireNonNull(msg, "msg");
    this.txKey = Objects.requireNonNull(txKey, "txKey");
    this.store = Objects.requireNonNull(store, "store");
    this.state = Objects.requireNonNull(initial, "initial");
    for (DropReason r : DropReason.values()) {
      drops.put(r, new AtomicLong());
    }
  }

  // ------------------------------------------------------------------ what a side defines

  /** The full snapshot of {@code next} with the handled messages and the outbox. */
  abstract byte[] snapshot(S next, List<InventoryHash> handled, List<SessionAction> actions);

  /** The counterpart's messaging identity in {@code s}, once known. */
  abstract Optional<PublicIdentity> counterpart(S s);

  /** The board identity offers are posted with (sellers only). */
  Identity board() {
    throw new IllegalStateException(getClass().getSimpleName() + " posts no offer");
  }

  /** Handles a DSO reply; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) throws EnergyException;

  /** Handles a trade message from a peer; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onTrade(ReceivedMessage m, TradeMessage message) throws EnergyException;

  /** The ledger refused a transaction this session broadcast (other than as a duplicate). */
  abstract void broadcastRefused(LedgerRejection rejection);

  /** A message to {@code to} could not be sent. */
  abstract void sendFailed(MessageException cause);

  /** Whether the session has stopped for good (settled or failed). */
  abstract boolean isFinal(S s);

  // ------------------------------------------------------------------ commit

  /**
   * Saves {@code next} with {@code actions}, then adopts it and performs them. If saving fails
   * nothing changes, the session stops ({@link TradeFailure#STORAGE}) and the failure is logged;
   * a session that stopped commits nothing more.
   */
  final void commit(S next, List<SessionAction> actions) {
    if (storageFailed) {
      return;
    }
    List<InventoryHash> nextHandled = current == null ? handled : Snapshots.remember(handled, current);
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

  /** Whether a snapshot could not be saved, which stopped the session. */
  final synchronized boolean storageFailed() {
    return storageFailed;
  }

  /** A new session's first save, then it joins the node. */
  final void saveInitialAndAttach() throws EnergyException {
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
   * After a resume (state, handled messages and outbox read, {@link #shared} derived): rejoins the
   * node, performs the last transition's actions again and handles what arrived meanwhile.
   */
  final void rejoin(List<InventoryHash> savedHandled, List<SessionAction> savedOutbox) {
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
   * Checks that a resumed state can perform its saved outbox: a snapshot whose actions need a
   * counterpart, shared identity or board the state does not have is malformed, not a bug.
   *
   * @throws EnergyException {@link org.priwatt.energy.EnergyError#MALFORMED} naming the action
   */
  final void checkOutbox(List<SessionAction> actions) throws EnergyException {
    for (SessionAction a : actions) {
      String missing = null;
      if (a instanceof SessionAction.ToPeer && counterpart(state).isEmpty()) {
        missing = "a counterpart";
      } else if (a instanceof SessionAction.ToDso d && d.fromShared() && shared == null) {
        missing = "a shared identity";
      } else if (a instanceof SessionAction.PostOffer && !canPost()) {
        missing = "a board to post on";
      }
      if (missing != null) {
        throw new EnergyException(org.priwatt.energy.EnergyError.MALFORMED,
            "snapshot outbox holds " + a.getClass().getSimpleName() + " but its state has no " + missing);
      }
    }
  }

  /** Whether this side can post offers in its current state (sellers with a board). */
  boolean canPost() {
    return false;
  }

  /** The snapshot's last bytes: loaded or empty, as an {@link EnergyException} if there is none. */
  static byte[] load(SessionStore store, String who) throws EnergyException {
    return store.load().orElseThrow(() -> new EnergyException(org.priwatt.energy.EnergyError.SNAPSHOT_UNREADABLE,
        "no " + who + " snapshot saved"));
  }

  // ------------------------------------------------------------------ actions

  private void perform(List<SessionAction> actions) {
    for (SessionAction a : actions) {
      if (a instanceof SessionAction.ToPeer p) {
        Optional<PublicIdentity> to = counterpart(state);
        if (to.isEmpty()) {
          throw new IllegalStateException("a message to a counterpart not yet known");
        }
        send(ctx.node().sendMessageAsync(msg, to.get(), p.message().toContent(), TradeContext.MESSAGE_TTL));
      } else if (a instanceof SessionAction.ToDso d) {
        Identity from = d.fromShared() ? Objects.requireNonNull(shared, "shared identity") : msg;
        send(ctx.node().sendMessageAsync(from, ctx.dso(), RegistryMessages.content(d.request()), TradeContext.MESSAGE_TTL));
      } else if (a instanceof SessionAction.Broadcast b) {
        broadcast(b.transaction().toByteArray()).filter(r -> r != LedgerRejection.DUPLICATE)
            .ifPresent(this::broadcastRefused);
      } else if (a instanceof SessionAction.PostOffer o) {
        long ttl = Math.min(o.offer().expiry() - ctx.now(), org.priwatt.energy.EnergyLimits.MAX_OFFER_TTL_SECONDS);
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
  final Optional<LedgerRejection> broadcast(byte[] transaction) {
    try {
      return ctx.ledger().broadcast(Transaction.parse(transaction));
    } catch (ChainException e) {
      return Optional.of(LedgerRejection.INVALID);
    }
  }

  // ------------------------------------------------------------------ receiving

  @Override
  public final void onMessage(ReceivedMessage m) {
    if (closed) {
      return;
    }
    Optional<RegistryReply> reply;
    Optional<TradeMessage> trade;
    try {
      reply = RegistryMessages.reply(m.content());
      trade = reply.isPresent() ? Optional.empty() : TradeMessage.fromContent(m.content());
    } catch (EnergyException e) {
      if (isMine(m)) {
        drop(DropReason.UNDECODABLE, m, e.getMessage());
      }
      return;
    }
    if (reply.isEmpty() && trade.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (!closed && isMine(m)) {
        handle(m, reply, trade);
      }
    }
  }

  /** Whether {@code m} was addressed to one of this session's identities (every session on a node hears every message). */
  private boolean isMine(ReceivedMessage m) {
    return m.recipient().equals(msg.address()) || shared != null && m.recipient().equals(shared.address());
  }

  private void handle(ReceivedMessage m, Optional<RegistryReply> reply, Optional<TradeMessage> trade) {
    if (storageFailed || isFinal(state)) {
      drop(DropReason.UNEXPECTED, m, "the session has ended");
      return;
    }
    current = m.inventoryHash();
    try {
      Optional<DropReason> dropped;
      if (reply.isPresent()) {
        dropped = m.sender().address().equals(ctx.dso().address()) ? onReply(m, reply.get())
            : Optional.of(DropReason.NOT_FOR_THIS_TRADE);
      } else {
        dropped = onTrade(m, trade.orElseThrow());
      }
      dropped.ifPresent(r -> drop(r, m, "state " + state));
    } catch (EnergyException e) {
      drop(DropReason.INVALID, m, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: bug while handling a message", this, e);
      throw e;
    } finally {
      current = null;
    }
  }

  private void drop(DropReason reason, ReceivedMessage m, String detail) {
    drops.get(reason).incrementAndGet();
    LOG.debug("{} dropped a message from {}: {} ({})", this, m.sender().address(), reason, detail);
  }

  /** How many messages this session dropped for {@code reason}. */
  public long dropped(DropReason reason) {
    return drops.get(reason).get();
  }

  /**
   * Handles the msg objects in the node's store that open with one of the session's identities
   * and that no saved transition handled, repeating while they cause transitions (a message may
   * only become applicable after another one).
   */
  private void replay() {
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
