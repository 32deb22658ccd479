package org.priwatt.channels;

import java.nio.ByteOrder;
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
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
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
 * What both sides of a channel share ({@link ChannelServer}, {@link ChannelClient}): the
 * per-channel messaging identity, the snapshot store (energy's {@link SessionStore}, sealed on
 * disk by its implementations) and the save-then-act {@link #commit}, as the Case 1 sessions do:
 * a transition builds the next state as a value, the snapshot of that state and its actions is
 * saved, and only then does the state change and the actions run. A failed save changes nothing
 * and stops the session ({@link ChannelError#STORAGE}): acting on a transition that is not durable
 * could release a secret a restart would not know was paid for, or send a payment a restart
 * would not know about.
 *
 * <p>Messages are classified at the door: channel messages and DSO replies that do not decode,
 * do not belong to this channel, come at the wrong time or fail the checks are dropped and
 * counted per {@link DropReason}; a {@link RuntimeException} is a bug and is logged at ERROR and
 * rethrown. Messages go out on the node's proof-of-work executor, never on the delivering thread.
 * After a resume the last transition's actions run again and the messages the node holds for the
 * identity that no saved transition handled are read again.
 *
 * <p>All state is guarded by the session's monitor.
 *
 * @param <S> the side's durable state
 */
abstract class ChannelSession<S> implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSession.class);
  /** TTL of channel messages. */
  static final long MESSAGE_TTL = 3600;
  /** Most recently handled messages remembered, so a resumed session does not act on one twice. */
  static final int MAX_HANDLED = 32;
  private static final byte[] MAGIC = {'P', 'W', 'C', 'S'};
  private static final int VERSION = 1;

  final TradeContext ctx;
  final ChannelPolicy policy;
  final Identity msg;
  private final SessionStore store;
  private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
  /** The durable state; replaced only by {@link #commit}. */
  S state;
  private List<InventoryHash> handled = List.of();
  private List<ChannelAction> outbox = List.of();
  private InventoryHash current;
  /** True while messages the node held are read again after a resume. */
  boolean replaying;
  private boolean storageFailed;
  private volatile boolean closed;

  ChannelSession(TradeContext ctx, ChannelPolicy policy, Identity msg, SessionStore store, S initial) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.msg = Objects.requireNonNull(msg, "msg");
    this.store = Objects.requireNonNull(store, "store");
    this.state = Objects.requireNonNull(initial, "initial");
    for (DropReason r : DropReason.values()) {
      drops.put(r, new AtomicLong());
    }
  }

  // ------------------------------------------------------------------ what a side defines

  /** The state's own part of the snapshot. */
  abstract void writeState(ByteWriter out, S s);

  /** The role byte of this side's snapshots. */
  abstract int role();

  /** The counterpart's messaging identity in {@code s}, once known. */
  abstract Optional<PublicIdentity> counterpart(S s);

  /** The board identity offers are posted with (servers only). */
  Identity board() {
    throw new IllegalStateException(getClass().getSimpleName() + " posts no offer");
  }

  /** Handles a DSO reply; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) throws ChannelException;

  /** Handles a channel message; returns why it was dropped, or empty if it was used. */
  abstract Optional<DropReason> onChannel(ReceivedMessage m, ChannelMessage message) throws ChannelException;

  /** The ledger refused a transaction this session broadcast (other than as a duplicate). */
  abstract void broadcastRefused(LedgerRejection rejection);

  /** A message could not be sent. */
  abstract void sendFailed(MessageException cause);

  /** Whether the session has stopped for good. */
  abstract boolean isFinal(S s);

  // ------------------------------------------------------------------ snapshots

  private byte[] snapshot(S next, List<InventoryHash> nextHandled, List<ChannelAction> actions) {
    ByteWriter out = ByteWriter.of(ByteOrder.BIG_ENDIAN, 2048).bytes(MAGIC).u8(VERSION).u8(role());
    org.priwatt.energy.codec.Fields.privateIdentity(out, msg);
    writeState(out, next);
    out.u8(nextHandled.size());
    nextHandled.forEach(h -> out.bytes(h.toBytes()));
    ChannelAction.writeAll(out, actions);
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
    int n = in.count(LengthPrefix.U8, MAX_HANDLED, InventoryHash.LENGTH);
    List<InventoryHash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(InventoryHash.fromBytes(in.bytes(InventoryHash.LENGTH)));
    }
    return List.copyOf(out);
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

  // ------------------------------------------------------------------ commit

  /**
   * Saves {@code next} with {@code actions}, then adopts it and performs them. If saving fails
   * nothing changes and the session stops ({@link ChannelError#STORAGE}); a session that
   * stopped commits nothing more.
   */
  final void commit(S next, List<ChannelAction> actions) {
    if (storageFailed) {
      return;
    }
    List<InventoryHash> nextHandled = current == null ? handled : remember(handled, current);
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

  private static List<InventoryHash> remember(List<InventoryHash> handled, InventoryHash latest) {
    List<InventoryHash> out = new ArrayList<>(handled);
    out.add(latest);
    while (out.size() > MAX_HANDLED) {
      out.remove(0);
    }
    return List.copyOf(out);
  }

  /** Whether a snapshot could not be saved, which stopped the session. */
  final synchronized boolean storageFailed() {
    return storageFailed;
  }

  /** A new session's first save, then it joins the node. */
  final void saveInitialAndAttach() throws ChannelException {
    synchronized (this) {
      byte[] bytes = snapshot(state, handled, List.of());
      try {
        store.save(bytes);
      } catch (EnergyException e) {
        throw new ChannelException(ChannelError.STORAGE, "the first snapshot cannot be saved", e);
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
   * After a resume: checks the saved outbox can run in the saved state, rejoins the node,
   * performs the last transition's actions again and handles what arrived meanwhile.
   *
   * @throws ChannelException {@link ChannelError#MALFORMED} if an action needs a counterpart the
   *     state does not have
   */
  final void rejoin(List<InventoryHash> savedHandled, List<ChannelAction> savedOutbox) throws ChannelException {
    for (ChannelAction a : savedOutbox) {
      if (a instanceof ChannelAction.ToPeer && counterpart(state).isEmpty()
          || a instanceof ChannelAction.PostOffer && !canPost()) {
        throw new ChannelException(ChannelError.MALFORMED, "snapshot outbox holds " + a.getClass().getSimpleName()
            + " its state cannot perform");
      }
    }
    handled = savedHandled;
    outbox = savedOutbox;
    attach();
    perform(outbox);
    replay();
  }

  /** Whether this side can post offers in its current state. */
  boolean canPost() {
    return false;
  }

  // ------------------------------------------------------------------ actions

  /** Performs {@code actions} without saving: only for repeats of what a saved state already did. */
  final void perform(List<ChannelAction> actions) {
    for (ChannelAction a : actions) {
      if (a instanceof ChannelAction.ToPeer p) {
        PublicIdentity to = counterpart(state).orElseThrow(() -> new IllegalStateException("no counterpart yet"));
        send(ctx.node().sendMessageAsync(msg, to, p.message().toContent(), MESSAGE_TTL));
      } else if (a instanceof ChannelAction.ToDso d) {
        send(ctx.node().sendMessageAsync(msg, ctx.dso(), RegistryMessages.content(d.request()), MESSAGE_TTL));
      } else if (a instanceof ChannelAction.Broadcast b) {
        broadcast(b.transaction().toByteArray()).filter(r -> r != LedgerRejection.DUPLICATE)
            .ifPresent(this::broadcastRefused);
      } else if (a instanceof ChannelAction.PostOffer o) {
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
    if (closed || !m.recipient().equals(msg.address())) {
      return;
    }
    Optional<RegistryReply> reply;
    Optional<ChannelMessage> channel;
    try {
      reply = RegistryMessages.reply(m.content());
      channel = reply.isPresent() ? Optional.empty() : ChannelMessage.fromContent(m.content());
    } catch (EnergyException | ChannelException e) {
      drop(DropReason.UNDECODABLE, m, e.getMessage());
      return;
    }
    if (reply.isEmpty() && channel.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (!closed) {
        handle(m, reply, channel);
      }
    }
  }

  private void handle(ReceivedMessage m, Optional<RegistryReply> reply, Optional<ChannelMessage> channel) {
    if (storageFailed || isFinal(state)) {
      drop(DropReason.UNEXPECTED, m, "the session has ended");
      return;
    }
    if (handled.contains(m.inventoryHash())) {
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
        dropped = onChannel(m, channel.orElseThrow());
      }
      dropped.ifPresent(r -> drop(r, m, "state " + state));
    } catch (ChannelException e) {
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
   * Handles the msg objects in the node's store that open with the session's identity and that no
   * saved transition handled, repeating while they cause transitions.
   */
  private void replay() {
    replaying = true;
    try {
      for (int pass = 0; pass < 16; pass++) {
        S before = state;
        for (InventoryHash h : ctx.node().store().inventory(msg.address().stream(), ctx.now())) {
          if (handled.contains(h)) {
            continue;
          }
          ctx.node().store().get(h).filter(x -> x.objectType() == ObjectType.MSG).flatMap(this::open)
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

  private Optional<ReceivedMessage> open(MessageObject o) {
    return MessageCrypto.openMsg(o, msg);
  }

  /**
   * Detaches the session from its node (listener and identity), as if its process stopped; the
   * snapshot stays in the store for {@code resume}.
   */
  @Override
  public synchronized void close() {
    closed = true;
    ctx.node().removeListener(this);
    ctx.node().removeIdentity(msg);
  }
}
