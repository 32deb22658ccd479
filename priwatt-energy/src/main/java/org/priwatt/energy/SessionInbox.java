package org.priwatt.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.CryptoException;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
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
 * The persistence and messaging plumbing the two trade sessions share: delivers trade messages
 * to the session under its monitor, remembers which message caused each saved transition, keeps
 * the last saved snapshot (to roll back a failed save), and on resume reads the messages the
 * node holds for the session's identities that no saved transition has handled yet. Guarded by
 * the owning session's monitor.
 */
final class SessionInbox {
  private static final Logger LOG = LoggerFactory.getLogger(SessionInbox.class);

  /** What the owning session does with one trade message. */
  @FunctionalInterface
  interface Handler {
    void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException,
        CryptoException;
  }

  private final TradeContext ctx;
  private final SessionStore store;
  private final MessageListener owner;
  private final Handler handler;
  private List<InventoryHash> handled = List.of();
  private List<InventoryHash> nextHandled = List.of();
  private List<SessionAction> outbox = List.of();
  private InventoryHash current;
  private byte[] lastSaved;
  private long commits;
  private volatile boolean closed;

  /** {@code owner} is the session: its monitor guards everything and it is the node listener. */
  SessionInbox(TradeContext ctx, SessionStore store, MessageListener owner, Handler handler) {
    this.ctx = ctx;
    this.store = store;
    this.owner = owner;
    this.handler = handler;
  }

  void attach(Identity msg) {
    ctx.node().addIdentity(msg);
    ctx.node().addListener(owner);
  }

  void detach(Identity msg, Identity shared) {
    closed = true;
    ctx.node().removeListener(owner);
    ctx.node().removeIdentity(msg);
    if (shared != null) {
      ctx.node().removeIdentity(shared);
    }
  }

  /** Listener entry point: parses and dispatches under the owner's monitor; failures only log. */
  void deliver(ReceivedMessage m) {
    if (closed) {
      return;
    }
    Optional<TradeMessage> t = TradeMessage.fromContent(m.content());
    if (t.isEmpty()) {
      return;
    }
    synchronized (owner) {
      if (!closed) {
        handle(m, t.get());
      }
    }
  }

  private void handle(ReceivedMessage m, TradeMessage t) {
    current = m.inventoryHash();
    try {
      handler.dispatch(m, t);
    } catch (RegistryException | MessageException | ChainException | CryptoException | RuntimeException e) {
      LOG.debug("{} ignored {}: {}", owner.getClass().getSimpleName(), t, e.toString());
    } finally {
      current = null;
    }
  }

  /** Appends the handled messages and {@code actions} to a snapshot and returns its bytes. */
  byte[] finish(BytesOut out, List<SessionAction> actions) {
    nextHandled = current == null ? handled : SessionCodec.remember(handled, current);
    SessionCodec.writeHandled(out, nextHandled);
    SessionAction.writeAll(out, actions);
    return out.toByteArray();
  }

  /** Reads the handled messages and outbox that end a snapshot, and checks nothing follows. */
  void readTail(BytesIn in) throws RegistryException {
    handled = SessionCodec.readHandled(in);
    outbox = SessionAction.readAll(in);
    in.end();
  }

  void save(byte[] snapshot, List<SessionAction> actions) throws RegistryException {
    store.save(snapshot);
    handled = nextHandled;
    outbox = List.copyOf(actions);
    resumed(snapshot);
    commits++;
  }

  /** Records {@code snapshot} as the last saved one (a copy). */
  void resumed(byte[] snapshot) {
    if (lastSaved != null) {
      Arrays.fill(lastSaved, (byte) 0);
    }
    lastSaved = snapshot.clone();
  }

  boolean hasSaved() {
    return lastSaved != null;
  }

  /** A copy of the last saved snapshot; the caller zeroes it. */
  byte[] lastSaved() {
    return lastSaved.clone();
  }

  List<SessionAction> outbox() {
    return outbox;
  }

  void send(Identity from, PublicIdentity to, TradeMessage message) throws MessageException {
    ctx.node().sendMessage(from, to, message.toContent(), TradeContext.MESSAGE_TTL);
  }

  /** Broadcasts a serialized transaction; empty if accepted, else why not. */
  Optional<LedgerRejection> broadcast(byte[] transaction) {
    try {
      return ctx.ledger().broadcast(Transaction.parse(transaction));
    } catch (ChainException e) {
      return Optional.of(LedgerRejection.INVALID);
    }
  }

  /**
   * Handles the msg objects in the node's store that open with one of {@code identities} and
   * that no saved transition handled, repeating while they cause transitions (a message may
   * only become applicable after another one was handled).
   */
  void replay(Supplier<List<Identity>> identities) {
    for (int pass = 0; pass < 16; pass++) {
      long before = commits;
      List<Identity> mine = identities.get();
      for (InventoryHash h : ctx.node().store().inventory(mine.get(0).address().stream(), ctx.now())) {
        if (handled.contains(h)) {
          continue;
        }
        Optional<MessageObject> o = ctx.node().store().get(h).filter(x -> x.objectType() == ObjectType.MSG);
        o.flatMap(x -> open(x, mine)).ifPresent(m -> TradeMessage.fromContent(m.content()).ifPresent(t -> handle(m, t)));
      }
      if (commits == before) {
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
}
