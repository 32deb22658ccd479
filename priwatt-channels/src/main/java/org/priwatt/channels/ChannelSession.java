package org.priwatt.channels;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.energy.trade.DurableSession;
import org.priwatt.energy.trade.SessionAction;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.ReceivedMessage;

/**
 * What both sides of a channel ({@link ChannelServer}, {@link ChannelClient}) add to energy's
 * {@link DurableSession}, the save-then-act machinery the Case 1 sessions use too: the channel
 * policy, channel messages as the counterpart's messages, the channel snapshot format (below) and
 * the mapping of failures to {@link ChannelException}. A failed save stops the session ({@link
 * ChannelError#STORAGE}): acting on a transition that is not durable could release a secret a
 * restart would not know was paid for, or send a payment a restart would not know about. A
 * message already handled by a saved transition is dropped at the door ({@link
 * DropReason#UNEXPECTED}), so a repeated payment is never counted twice.
 *
 * <p>Snapshot format, version 1 (big-endian): {@code magic "PWCS" ‖ version 0x01 ‖ role ‖
 * identity ‖ role fields ‖ handled (count(1, ≤ 32) ‖ hash(32) each) ‖ outbox (count(1, ≤ 4) ‖
 * kind(1) ‖ data(u16) each; kinds 1 to the counterpart, 2 to the DSO, 3 transaction, 4 offer)}.
 *
 * @param <S> the side's durable state
 */
abstract class ChannelSession<S> extends DurableSession<S, ChannelMessage, ChannelException> {
  /** Most recently handled messages remembered, so a resumed session does not act on one twice. */
  static final int MAX_HANDLED = 32;
  /** The channel snapshot's outbox kinds. */
  static final SessionAction.Format<ChannelMessage> ACTIONS = SessionAction.Format.of(ChannelMessage.CODEC, 1, 2, -1);
  private static final byte[] MAGIC = {'P', 'W', 'C', 'S'};
  private static final int VERSION = 1;

  final ChannelPolicy policy;

  ChannelSession(TradeContext ctx, ChannelPolicy policy, Identity msg, SessionStore store, S initial) {
    super(ctx, msg, store, initial, ChannelException.class, MAX_HANDLED, true);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  // ------------------------------------------------------------------ what a side defines

  /** The state's own part of the snapshot. */
  abstract void writeState(ByteWriter out, S s);

  /** The role byte of this side's snapshots. */
  abstract int role();

  /** Handles a channel message; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onChannel(ReceivedMessage m, ChannelMessage message) throws ChannelException;

  @Override
  protected final Optional<DropReason> onPeer(ReceivedMessage m, ChannelMessage message) throws ChannelException {
    return onChannel(m, message);
  }

  @Override
  protected final Optional<ChannelMessage> peerMessage(MessageContent content) throws ChannelException {
    return ChannelMessage.fromContent(content);
  }

  @Override
  protected final MessageContent content(ChannelMessage message) {
    return message.toContent();
  }

  // ------------------------------------------------------------------ snapshots

  @Override
  protected final byte[] snapshot(S next, List<InventoryHash> nextHandled, List<SessionAction<ChannelMessage>> actions) {
    ByteWriter out = ByteWriter.of(ByteOrder.BIG_ENDIAN, 2048).bytes(MAGIC).u8(VERSION).u8(role());
    Fields.privateIdentity(out, msg);
    writeState(out, next);
    writeHandled(out, nextHandled);
    ACTIONS.write(out, actions);
    byte[] bytes = out.toByteArray();
    out.wipe();
    return bytes;
  }

  /** The snapshot in {@code store}, its header checked; a reader positioned at the identity. */
  static ByteReader open(byte[] snapshot, int role) throws DecodeException {
    ByteReader in = ByteReader.bigEndian(snapshot);
    if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 0, "not a PriWatt channel snapshot");
    }
    int version = in.u8();
    if (version != VERSION) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 4, "channel snapshot version " + version);
    }
    int at = in.position();
    int r = in.u8();
    if (r != role) {
      throw new DecodeException(DecodeError.MALFORMED, at, "snapshot of role " + r + ", expected " + role);
    }
    return in;
  }

  static List<InventoryHash> readHandled(ByteReader in) throws DecodeException {
    return readHandled(in, MAX_HANDLED);
  }

  /** The stored snapshot, or {@link ChannelError#SNAPSHOT_UNREADABLE} if there is none or it cannot be read. */
  static byte[] load(SessionStore store, String who) throws ChannelException {
    try {
      return store.load().orElseThrow(() -> new ChannelException(ChannelError.SNAPSHOT_UNREADABLE, "no " + who
          + " snapshot saved"));
    } catch (EnergyException e) {
      throw new ChannelException(ChannelError.SNAPSHOT_UNREADABLE, "cannot read the " + who + " snapshot", e);
    }
  }

  /** Reads one side's durable state from a snapshot, after the header and the identity. */
  @FunctionalInterface
  interface StateReader<S> {
    S read(ByteReader in) throws DecodeException;
  }

  /** Builds one side's session around its identity and saved state. */
  @FunctionalInterface
  interface SessionFactory<S, T extends ChannelSession<S>> {
    T create(Identity msg, S state);
  }

  /**
   * One side's resume: reads {@code who}'s snapshot from {@code store} (header of {@code role},
   * identity, state, handled messages, outbox, nothing after), builds the session and rejoins the
   * node, running the saved outbox again; the snapshot's bytes are wiped whatever happens.
   *
   * @throws ChannelException {@link ChannelError#SNAPSHOT_UNREADABLE} or a decoding error of the
   *     snapshot, {@link ChannelError#MALFORMED} if its outbox does not fit its state
   */
  static <S, T extends ChannelSession<S>> T resume(SessionStore store, String who, int role,
      org.priwatt.crypto.EcPublicKey dsoKey, StateReader<S> reader, SessionFactory<S, T> factory)
      throws ChannelException {
    byte[] snapshot = load(store, who);
    try {
      ByteReader in = open(snapshot, role);
      Identity msg = org.priwatt.energy.codec.Fields.privateIdentity(in);
      S state = reader.read(in);
      List<InventoryHash> handled = readHandled(in);
      List<SessionAction<ChannelMessage>> outbox = ACTIONS.read(in, dsoKey);
      in.expectEnd();
      T session = factory.create(msg, state);
      synchronized (session) {
        session.resumeWith(handled, outbox);
      }
      return session;
    } catch (DecodeException e) {
      throw ChannelException.decoding(who + " snapshot", e);
    } finally {
      Arrays.fill(snapshot, (byte) 0);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * A new session's first save, then it joins the node.
   *
   * @throws ChannelException {@link ChannelError#STORAGE} if the snapshot cannot be saved
   */
  final void saveAndAttach() throws ChannelException {
    try {
      saveInitialAndAttach();
    } catch (EnergyException e) {
      throw new ChannelException(ChannelError.STORAGE, "the first snapshot cannot be saved", e);
    }
  }

  /**
   * After a resume: checks the saved outbox can run in the saved state, rejoins the node,
   * performs the last transition's actions again and handles what arrived meanwhile.
   *
   * @throws ChannelException {@link ChannelError#MALFORMED} if an action needs a counterpart or
   *     board the state does not have
   */
  final void resumeWith(List<InventoryHash> savedHandled, List<SessionAction<ChannelMessage>> savedOutbox)
      throws ChannelException {
    Optional<SessionAction<ChannelMessage>> a = unperformable(savedOutbox);
    if (a.isPresent()) {
      throw new ChannelException(ChannelError.MALFORMED, "snapshot outbox holds " + a.get().getClass().getSimpleName()
          + " its state cannot perform");
    }
    rejoin(savedHandled, savedOutbox);
  }
}
