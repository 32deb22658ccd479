package org.priwatt.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;

/**
 * The mechanics both sides of a Case 1 trade share ({@link ProsumerSession}, {@link
 * ConsumerSession}): the session's identities and keys, the {@link SessionInbox}, the
 * save-then-act {@link #commit} with roll back on a failed save, the first save of a new session,
 * rejoining the node after a resume, and the check that a DSO reply is addressed to this session.
 * What a side saves, how it reads it back and how it acts stay with the side. All state is
 * guarded by the session's monitor.
 */
abstract class TradeSession implements MessageListener, AutoCloseable {
  final TradeContext ctx;
  final Identity msg;
  final EcKey txKey;
  final SessionInbox inbox;
  /** The identity shared with the trade partner, once known. */
  Identity shared;

  TradeSession(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.msg = Objects.requireNonNull(msg, "msg");
    this.txKey = Objects.requireNonNull(txKey, "txKey");
    this.inbox = new SessionInbox(ctx, Objects.requireNonNull(store, "store"), this, this::dispatch);
  }

  /** Handles one trade message; called by the inbox under this session's monitor. */
  abstract void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException,
      CryptoException;

  /** The snapshot of the current state with {@code actions} as its outbox. */
  abstract byte[] encode(List<SessionAction> actions);

  /** Returns the fields to the last saved snapshot's (after a failed save). */
  abstract void rollback() throws RegistryException;

  /** Performs {@code actions} (all idempotent: they are repeated after a resume). */
  abstract void perform(List<SessionAction> actions) throws MessageException, RegistryException;

  /**
   * Saves the current state with {@code actions}, then performs them. If saving fails the
   * session returns to its last saved state and nothing is performed.
   */
  final void commit(List<SessionAction> actions) throws RegistryException, MessageException {
    byte[] snapshot = encode(actions);
    try {
      inbox.save(snapshot, actions);
    } catch (RegistryException e) {
      if (inbox.hasSaved()) {
        rollback();
      }
      throw e;
    } finally {
      Arrays.fill(snapshot, (byte) 0);
    }
    perform(actions);
  }

  /** A new session's first save (its initial state, nothing to do), then it joins the node. */
  final void saveInitialAndAttach() throws RegistryException {
    synchronized (this) {
      try {
        commit(List.of());
      } catch (MessageException e) {
        throw new IllegalStateException("an empty commit sends nothing", e);
      }
    }
    inbox.attach(msg);
  }

  /**
   * After a resume from {@code snapshot} (fields already read, {@link #shared} derived): rejoins
   * the node with the session's identities, performs the last transition's actions again and
   * handles what arrived while the session was down. Caller holds the monitor.
   */
  final void rejoin(byte[] snapshot) throws MessageException, RegistryException {
    inbox.resumed(snapshot);
    inbox.attach(msg);
    if (shared != null) {
      ctx.node().addIdentity(shared);
    }
    perform(inbox.outbox());
    inbox.replay(this::identities);
  }

  private List<Identity> identities() {
    return shared == null ? List.of(msg) : List.of(msg, shared);
  }

  /**
   * Whether {@code m} is a DSO reply meant for this session. Every session on the node hears
   * every message the node opens: a reply counts only if it came from the DSO and was addressed
   * to this session (or its shared trade address), or one session would take another's secrets.
   */
  final boolean isDsoReplyToMe(ReceivedMessage m, TradeMessage t) {
    boolean toMe = m.recipient().equals(msg.address()) || shared != null && m.recipient().equals(shared.address());
    return t.kind() == TradeMessage.Kind.DSO_REPLY && m.sender().address().equals(ctx.dso().address()) && toMe;
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    inbox.deliver(m);
  }

  /**
   * Detaches the session from its node (listener and identities), as if its process stopped;
   * the snapshot stays in the store for {@code resume}.
   */
  @Override
  public synchronized void close() {
    inbox.detach(msg, shared);
  }
}
