package org.priwatt.energy.trade;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.ReceivedMessage;

/**
 * What both sides of a Case 1 trade add to the shared {@link DurableSession} machinery ({@link
 * ProsumerSession}, {@link ConsumerSession}): the transaction key, trade messages as the
 * counterpart's messages, the trade snapshot format's outbox and handled-message bound, and the
 * mapping of a bad snapshot to {@link EnergyException}. A failed save stops the session with
 * {@link TradeFailure#STORAGE}, since acting on a transition that is not durable could pay twice
 * or hand over a secret that a restart would not know about; a send the node refuses (a
 * counterpart demanding more proof of work than the node accepts) fails it with {@link
 * TradeFailure#MESSAGING}.
 *
 * @param <S> the side's durable state
 */
abstract class TradeSession<S> extends DurableSession<S, TradeMessage, EnergyException> {
  /** The trade snapshot's outbox: kinds 0 (to the counterpart), 1 and 2 (to the DSO, from the session or shared identity). */
  static final SessionAction.Format<TradeMessage> ACTIONS = SessionAction.Format.of(TradeMessage.CODEC, 0, 1, 2);

  final EcKey txKey;

  TradeSession(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store, S initial) {
    super(ctx, msg, store, initial, EnergyException.class, Snapshots.MAX_HANDLED, false);
    this.txKey = Objects.requireNonNull(txKey, "txKey");
  }

  /** Handles a trade message from a peer; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onTrade(ReceivedMessage m, TradeMessage message) throws EnergyException;

  @Override
  protected final Optional<DropReason> onPeer(ReceivedMessage m, TradeMessage message) throws EnergyException {
    return onTrade(m, message);
  }

  @Override
  protected final Optional<TradeMessage> peerMessage(MessageContent content) throws EnergyException {
    return TradeMessage.fromContent(content);
  }

  @Override
  protected final MessageContent content(TradeMessage message) {
    return message.toContent();
  }

  /**
   * Checks that a resumed state can perform its saved outbox: a snapshot whose actions need a
   * counterpart, shared identity or board the state does not have is malformed, not a bug.
   *
   * @throws EnergyException {@link EnergyError#MALFORMED} naming the action
   */
  final void checkOutbox(List<SessionAction<TradeMessage>> actions) throws EnergyException {
    Optional<SessionAction<TradeMessage>> a = unperformable(actions);
    if (a.isPresent()) {
      throw new EnergyException(EnergyError.MALFORMED, "snapshot outbox holds " + a.get().getClass().getSimpleName()
          + " but its state has no " + missing(a.get()));
    }
  }

  /** The snapshot's last bytes: loaded or empty, as an {@link EnergyException} if there is none. */
  static byte[] load(SessionStore store, String who) throws EnergyException {
    return store.load().orElseThrow(() -> new EnergyException(EnergyError.SNAPSHOT_UNREADABLE,
        "no " + who + " snapshot saved"));
  }
}
