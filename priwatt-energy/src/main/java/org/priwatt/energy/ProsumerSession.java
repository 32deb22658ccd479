package org.priwatt.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.msg.SharedIdentity;
import org.priwatt.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seller's side of one Case 1 trade (Bob in Algorithm 1): receives bλ and bz from the DSO,
 * posts the offer, locks the energy through the shared address when a buyer asks, sends the
 * escrow redeem script, waits for the confirmed payment, delivers bλ, and completes the buyer's
 * release (or the DSO's dispute settlement). If no payment arrives within the timeout it unlocks
 * and offers again. Driven by messages ({@link MessageListener}) and by {@link #tick()}.
 *
 * <p>Crash recovery: after every transition, and before acting on it, the session saves a
 * snapshot of its state to its {@link SessionStore}; {@link #resume} rebuilds the session from
 * it, performs the last transition's actions again (all idempotent, see {@link SessionAction})
 * and reads the messages its node received while it was down. Deadlines are absolute, so
 * timeouts still fire after a resume. Thread-safe (one monitor).
 */
public final class ProsumerSession extends TradeSession {
  private static final Logger LOG = LoggerFactory.getLogger(ProsumerSession.class);
  private static final int MAX_OFFER_TTL = 28 * 24 * 3600;

  /** Explicit states of the seller. */
  public enum State {
    /** Waiting for the DSO's secrets. */
    AWAITING_SECRETS,
    /** Holds bλ and bz; nothing posted. */
    READY,
    /** The offer is on the board. */
    OFFERED,
    /** A lock request for a buyer is with the DSO. */
    LOCKING,
    /** Locked; the escrow script went to the buyer; waiting for the confirmed payment. */
    ESCROW_SENT,
    /** bλ went to the buyer; waiting for the release. */
    SECRET_DELIVERED,
    /** The escrow was spent to the seller (release or dispute settlement broadcast). */
    SETTLED
  }

  private State state = State.AWAITING_SECRETS;
  private IssuedSecrets secrets;
  private long sequence;
  private Offer offer;
  private Identity board;
  private PublicIdentity buyer;
  private Script redeem;
  private Amount price;
  private RequestId pending;
  private long deadline;
  private Optional<RegistryError> lastRefusal = Optional.empty();

  private ProsumerSession(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store) {
    super(ctx, msg, txKey, store);
  }

  /**
   * A session for the energy metered under {@code txKey} / {@code msg} that keeps its snapshots
   * on the heap only (no crash recovery); adds {@code msg} to the node and listens.
   */
  public ProsumerSession(TradeContext ctx, Identity msg, EcKey txKey) {
    this(ctx, msg, txKey, SessionStore.inMemory());
    inbox.attach(msg);
  }

  /**
   * A new session that saves its state to {@code store} after every transition, starting with
   * the initial {@link State#AWAITING_SECRETS}; adds {@code msg} to the node and listens.
   *
   * @throws RegistryException if the initial snapshot cannot be saved
   */
  public static ProsumerSession open(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store)
      throws RegistryException {
    ProsumerSession s = new ProsumerSession(ctx, msg, txKey, store);
    s.saveInitialAndAttach();
    return s;
  }

  /**
   * Rebuilds a session from the snapshot in {@code store} (written by {@link #open}'s session
   * before a crash), rejoins the node with its identities, performs the last transition's
   * actions again and handles the messages the node holds for it that arrived while it was down.
   *
   * @throws RegistryException if there is no snapshot or it cannot be read or decoded
   * @throws MessageException if repeating an action fails
   */
  public static ProsumerSession resume(TradeContext ctx, SessionStore store) throws RegistryException, MessageException {
    byte[] snapshot = SessionCodec.load(store, "seller");
    try {
      BytesIn in = SessionCodec.open(snapshot, SessionCodec.SELLER);
      ProsumerSession s = new ProsumerSession(ctx, SessionCodec.readIdentity(in), SessionCodec.readKey(in), store);
      synchronized (s) {
        s.readState(in);
        // Derived only now: the search for the shared address is slow, so a damaged snapshot
        // fails before it.
        s.shared = s.buyer == null ? null : s.sharedWith(s.buyer);
        s.rejoin(snapshot);
      }
      return s;
    } finally {
      Arrays.fill(snapshot, (byte) 0);
    }
  }

  /** The current state. */
  public synchronized State state() {
    return state;
  }

  /** The last refusal the DSO sent this session, if any. */
  public synchronized Optional<RegistryError> lastRefusal() {
    return lastRefusal;
  }

  /** The entry this session sells, once the secrets arrived. */
  public synchronized Optional<EntryId> entry() {
    return Optional.ofNullable(secrets).map(IssuedSecrets::entryId);
  }

  /** The session's messaging identity (msgAddrB). */
  public PublicIdentity publicIdentity() {
    return msg.publicIdentity();
  }

  /**
   * Posts the offer on the board at {@code pricePerKwh} satoshis, valid for {@code ttlSeconds}.
   *
   * @throws IllegalStateException unless {@link State#READY}
   * @throws RegistryException if the snapshot cannot be saved (nothing is posted)
   * @throws MessageException if the broadcast fails
   */
  public synchronized Offer offer(Identity board, long pricePerKwh, long ttlSeconds) throws MessageException, RegistryException {
    if (state != State.READY) {
      throw new IllegalStateException("cannot offer in state " + state);
    }
    this.board = Objects.requireNonNull(board, "board");
    offer = new Offer(secrets.entryId(), secrets.energy(), Amount.ofSat(pricePerKwh),
        txKey.publicKey().withCompression(true).hash160(), msg.publicIdentity(), ctx.now() + ttlSeconds);
    state = State.OFFERED;
    commit(List.of(SessionAction.postOffer(offer)));
    return offer;
  }

  @Override
  void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException,
      CryptoException {
    if (isDsoReplyToMe(m, t)) {
      onDsoReply(RegistryReply.decode(t.body()));
    } else if (m.recipient().equals(msg.address())) {
      BytesIn in = new BytesIn(t.body());
      EntryId entry = EntryId.fromBytes(in.raw(EntryId.LENGTH));
      if (secrets == null || !entry.equals(secrets.entryId())) {
        return;
      }
      if (t.kind() == TradeMessage.Kind.BUY && state == State.OFFERED) {
        EcPublicKey buyerKey = EcPublicKey.decode(in.raw(33));
        Amount paid = Amount.ofSat(in.i64());
        if (paid.compareTo(offer.totalPrice()) >= 0) {
          requestLock(m.sender(), buyerKey, paid);
        }
      } else if (t.kind() == TradeMessage.Kind.RELEASE && state == State.SECRET_DELIVERED && m.sender().equals(buyer)) {
        completeAndBroadcast(Transaction.parse(in.var(BytesIn.MAX_FIELD)));
      }
    }
  }

  /**
   * GENERATETRX, seller part: derives the shared address with {@code buyerMsg}, builds the escrow
   * redeem script (eq. 7) and asks the DSO, from the shared address, to lock the entry with bz.
   *
   * @throws RegistryException if the snapshot cannot be saved (nothing is sent)
   * @throws MessageException if the request cannot be sent
   */
  public synchronized void requestLock(PublicIdentity buyerMsg, EcPublicKey buyerKey, Amount totalPrice)
      throws MessageException, RegistryException {
    buyer = buyerMsg;
    price = totalPrice;
    shared = sharedWith(buyerMsg);
    ctx.node().addIdentity(shared);
    redeem = EscrowScripts.redeemScript(ctx.dsoKey(), txKey.publicKey(), buyerKey);
    RegistryRequest r = RegistryRequest.lock(secrets.lock(), secrets.entryId(), sequence, ctx.now(),
        new EscrowLock(redeem, price), ctx.random());
    pending = r.id();
    state = State.LOCKING;
    commit(List.of(SessionAction.toDso(true, r)));
  }

  private Identity sharedWith(PublicIdentity buyerMsg) {
    // The shared identity demands the same proof of work as the session identity.
    return SharedIdentity.derive(msg, buyerMsg).withPow(msg.publicIdentity().pow());
  }

  private void onDsoReply(RegistryReply r) throws MessageException, RegistryException {
    if (state == State.AWAITING_SECRETS && r.isOk() && r.secrets().size() == 1) {
      secrets = r.secrets().get(0);
      state = State.READY;
      commit(List.of());
      return;
    }
    if (pending == null || !r.request().equals(pending)) {
      if (r.transaction().length > 0 && (state == State.SECRET_DELIVERED || state == State.ESCROW_SENT)) {
        settleDispute(r);
      }
      return;
    }
    if (r.error().filter(e -> e == RegistryError.REPLAYED).isPresent()) {
      // A request repeated after a resume: the original's reply is the one that counts.
      return;
    }
    pending = null;
    if (!r.isOk()) {
      lastRefusal = r.error();
      if (state == State.LOCKING) {
        state = State.OFFERED;
      }
      commit(List.of());
      return;
    }
    sequence++;
    if (state == State.LOCKING) {
      deadline = ctx.now() + ctx.timeoutSeconds();
      state = State.ESCROW_SENT;
      commit(List.of(SessionAction.toPeer(TradeMessage.Kind.ESCROW,
          new BytesOut().raw(secrets.entryId().toBytes()).var(redeem.program()).toByteArray())));
    } else if (state == State.ESCROW_SENT) {
      // An unlock after the timeout succeeded: offer again.
      ctx.node().removeIdentity(shared);
      state = State.OFFERED;
      commit(List.of());
    }
  }

  private void settleDispute(RegistryReply r) throws RegistryException, MessageException {
    try {
      completeAndBroadcast(Transaction.parse(r.transaction()));
    } catch (ChainException e) {
      LOG.debug("unusable settlement: {}", e.getMessage());
    }
  }

  private void completeAndBroadcast(Transaction tx) throws ChainException, RegistryException, MessageException {
    Transaction signed = EscrowTransactions.sign(tx, redeem, txKey);
    // Broadcasting first is safe: after a crash before the commit the release is handled again
    // and the ledger answers DUPLICATE.
    Optional<LedgerRejection> rej = ctx.ledger().broadcast(signed);
    if (rej.isEmpty() || rej.get() == LedgerRejection.DUPLICATE || rej.get() == LedgerRejection.DOUBLE_SPEND) {
      state = State.SETTLED;
      commit(List.of(SessionAction.broadcast(signed.serialize())));
    }
  }

  /**
   * Advances on time and chain events: delivers bλ once the escrow payment has its
   * confirmations; after the timeout without any payment, asks the DSO to unlock.
   *
   * @throws RegistryException if the snapshot cannot be saved (nothing is sent)
   * @throws MessageException if a message cannot be sent
   */
  public synchronized void tick() throws MessageException, RegistryException {
    if (state != State.ESCROW_SENT || pending != null) {
      return;
    }
    Script p2sh = EscrowScripts.p2sh(redeem);
    if (ctx.ledger().confirmedPayment(p2sh, price, ctx.confirmations()).isPresent()) {
      byte[] l = secrets.ownership().copyBytes();
      try {
        state = State.SECRET_DELIVERED;
        commit(List.of(SessionAction.toPeer(TradeMessage.Kind.SECRET,
            new BytesOut().raw(secrets.entryId().toBytes()).raw(l).toByteArray())));
      } finally {
        Arrays.fill(l, (byte) 0);
      }
    } else if (ctx.now() > deadline && ctx.ledger().paymentsTo(p2sh).isEmpty()) {
      RegistryRequest r = RegistryRequest.unlock(secrets.lock(), secrets.entryId(), sequence, ctx.now(), ctx.random());
      pending = r.id();
      commit(List.of(SessionAction.toDso(true, r)));
    }
  }

  @Override
  void rollback() throws RegistryException {
    byte[] last = inbox.lastSaved();
    try {
      BytesIn in = SessionCodec.open(last, SessionCodec.SELLER);
      SessionCodec.readIdentity(in);
      SessionCodec.readKey(in);
      PublicIdentity before = buyer;
      readState(in);
      if (buyer == null) {
        shared = null;
      } else if (!buyer.equals(before)) {
        shared = sharedWith(buyer);
      }
    } finally {
      Arrays.fill(last, (byte) 0);
    }
  }

  @Override
  void perform(List<SessionAction> actions) throws MessageException {
    for (SessionAction a : actions) {
      switch (a.kind()) {
        case TO_PEER -> inbox.send(msg, buyer, a.toMessage());
        case TO_DSO -> inbox.send(msg, ctx.dso(), a.toMessage());
        case TO_DSO_SHARED -> inbox.send(shared, ctx.dso(), a.toMessage());
        case BROADCAST_TX -> inbox.broadcast(a.data());
        case POST_OFFER -> {
          long ttl = Math.min(offer.expiry() - ctx.now(), MAX_OFFER_TTL);
          if (ttl >= 1) {
            AuctionBoard.post(ctx.node(), board, offer, ttl);
          }
        }
        default -> throw new IllegalStateException("unknown action " + a.kind());
      }
    }
  }

  @Override
  byte[] encode(List<SessionAction> actions) {
    BytesOut out = SessionCodec.header(SessionCodec.SELLER);
    SessionCodec.writeIdentity(out, msg);
    SessionCodec.writeKey(out, txKey);
    out.u8(state.ordinal());
    out.bool(secrets != null);
    if (secrets != null) {
      SessionCodec.writeSecrets(out, secrets);
    }
    out.i64(sequence);
    SessionCodec.writeOptional(out, offer == null ? null : offer.encode());
    out.bool(board != null);
    if (board != null) {
      SessionCodec.writeIdentity(out, board);
    }
    out.bool(buyer != null);
    if (buyer != null) {
      SessionCodec.writePublicIdentity(out, buyer);
    }
    SessionCodec.writeOptional(out, redeem == null ? null : redeem.program());
    out.i64(price == null ? -1 : price.sat());
    SessionCodec.writeOptional(out, pending == null ? null : pending.toBytes());
    out.i64(deadline).u8(lastRefusal.map(RegistryError::code).orElse(0));
    return inbox.finish(out, actions);
  }

  /** Reads everything after the identity and key: the fields, handled messages and outbox. */
  private void readState(BytesIn in) throws RegistryException {
    int s = in.u8();
    if (s >= State.values().length) {
      throw new RegistryException(RegistryError.MALFORMED, "seller state " + s);
    }
    state = State.values()[s];
    secrets = in.bool() ? SessionCodec.readSecrets(in) : null;
    sequence = in.i64();
    Optional<byte[]> o = SessionCodec.readOptional(in, BytesIn.MAX_FIELD);
    offer = o.isPresent() ? Offer.decode(o.get()) : null;
    board = in.bool() ? SessionCodec.readIdentity(in) : null;
    buyer = in.bool() ? SessionCodec.readPublicIdentity(in) : null;
    redeem = SessionCodec.readOptional(in, EscrowScripts.REDEEM_SCRIPT_LENGTH).map(Script::fromBytes).orElse(null);
    long p = in.i64();
    price = p < 0 ? null : Amount.ofSat(p);
    pending = SessionCodec.readOptional(in, RequestId.LENGTH).map(RequestId::fromBytes).orElse(null);
    deadline = in.i64();
    int refusal = in.u8();
    lastRefusal = refusal == 0 ? Optional.empty() : Optional.of(RegistryError.fromCode(refusal));
    inbox.readTail(in);
    if (state.compareTo(State.READY) >= 0 && secrets == null || state.compareTo(State.OFFERED) >= 0 && offer == null
        || state.compareTo(State.LOCKING) >= 0 && (buyer == null || redeem == null || price == null)) {
      throw new RegistryException(RegistryError.MALFORMED, "seller snapshot lacks the fields of state " + state);
    }
  }

  @Override
  public synchronized String toString() {
    return "ProsumerSession{" + msg.address() + ", " + state + "}";
  }
}
