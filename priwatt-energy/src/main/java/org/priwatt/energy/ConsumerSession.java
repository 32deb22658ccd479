package org.priwatt.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.msg.SharedIdentity;
import org.priwatt.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyer's side of one Case 1 trade (Alice in Algorithm 1): asks the seller of a matched
 * offer to sell, checks the escrow script (her key and the DSO's present, the seller's key matches
 * the offer's tx address), VALIDATEs the lock through the DSO, pays into the P2SH with the
 * payment commitment, presents bλ to the DSO (CHANGESECRETOWNER) and receives aλ, az, then
 * releases the escrow to the seller with her signature. If bλ does not arrive within the timeout
 * after confirmation she raises a dispute and completes the DSO's settlement. Driven by messages
 * and {@link #tick()}.
 *
 * <p>Crash recovery as in {@link ProsumerSession}: a snapshot is saved to the {@link
 * SessionStore} after every transition and before acting on it (so the funding transaction is
 * durable before it is broadcast, and never paid twice); {@link #resume} rebuilds the session,
 * repeats the last actions and reads what arrived while it was down. Thread-safe (one monitor).
 */
public final class ConsumerSession extends TradeSession {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerSession.class);
  private static final int MAX_FAILURE = 512;

  /** Explicit states of the buyer. */
  public enum State {
    /** Not started. */
    NEW,
    /** BUY sent; waiting for the escrow script. */
    REQUESTED,
    /** Escrow script received; the DSO is asked whether the entry is locked to it. */
    VALIDATING,
    /** Paid into the escrow; waiting for bλ. */
    PAID,
    /** bλ received; the transfer request is with the DSO. */
    CLAIMING,
    /** Owns the energy (aλ, az) and sent the release to the seller. */
    OWNER,
    /** A dispute is with the DSO. */
    DISPUTING,
    /** The DSO's settlement was completed and broadcast. */
    SETTLED,
    /** The trade was abandoned; {@link #failure()} says why. */
    FAILED
  }

  private final Offer offer;
  private State state = State.NEW;
  private Script redeem;
  private RequestId pending;
  private TxId funding;
  private long deadline;
  private IssuedSecrets owned;
  private String failure = "";

  private ConsumerSession(TradeContext ctx, Identity msg, EcKey txKey, Offer offer, SessionStore store) {
    super(ctx, msg, txKey, store);
    this.offer = Objects.requireNonNull(offer, "offer");
  }

  /**
   * A session buying {@code offer} with messaging identity {@code msg} and escrow key {@code
   * txKey} that keeps its snapshots on the heap only (no crash recovery).
   */
  public ConsumerSession(TradeContext ctx, Identity msg, EcKey txKey, Offer offer) {
    this(ctx, msg, txKey, offer, SessionStore.inMemory());
    inbox.attach(msg);
  }

  /**
   * A new session that saves its state to {@code store} after every transition, starting with
   * {@link State#NEW}.
   *
   * @throws RegistryException if the initial snapshot cannot be saved
   */
  public static ConsumerSession open(TradeContext ctx, Identity msg, EcKey txKey, Offer offer, SessionStore store)
      throws RegistryException {
    ConsumerSession s = new ConsumerSession(ctx, msg, txKey, offer, store);
    s.saveInitialAndAttach();
    return s;
  }

  /**
   * Rebuilds a session from the snapshot in {@code store}, rejoins the node, performs the last
   * transition's actions again and handles the messages that arrived while it was down.
   *
   * @throws RegistryException if there is no snapshot or it cannot be read or decoded
   * @throws MessageException if repeating an action fails
   */
  public static ConsumerSession resume(TradeContext ctx, SessionStore store) throws RegistryException, MessageException {
    byte[] snapshot = SessionCodec.load(store, "buyer");
    try {
      BytesIn in = SessionCodec.open(snapshot, SessionCodec.BUYER);
      Identity msg = SessionCodec.readIdentity(in);
      EcKey key = SessionCodec.readKey(in);
      Offer offer = Offer.decode(in.var(BytesIn.MAX_FIELD));
      ConsumerSession s = new ConsumerSession(ctx, msg, key, offer, store);
      synchronized (s) {
        s.readState(in);
        // Derived only now: the search for the shared address is slow, so a damaged snapshot
        // fails before it.
        s.shared = s.state == State.NEW ? null : s.sharedIdentity();
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

  /** Why the session failed (empty otherwise). */
  public synchronized String failure() {
    return failure;
  }

  /** The secrets of the energy bought, once {@link State#OWNER}. */
  public synchronized Optional<IssuedSecrets> owned() {
    return Optional.ofNullable(owned);
  }

  /** The funding transaction's id, once paid. */
  public synchronized Optional<TxId> funding() {
    return Optional.ofNullable(funding);
  }

  /** The offer this session buys. */
  public Offer offer() {
    return offer;
  }

  /**
   * Sends BUY to the seller and joins the shared trade address.
   *
   * @throws MessageException if the message cannot be sent
   * @throws RegistryException if the snapshot cannot be saved (nothing is sent)
   * @throws IllegalStateException unless {@link State#NEW}
   */
  public synchronized void start() throws MessageException, RegistryException {
    if (state != State.NEW) {
      throw new IllegalStateException("already started");
    }
    shared = sharedIdentity();
    ctx.node().addIdentity(shared);
    byte[] body = new BytesOut().raw(offer.entry().toBytes()).raw(txKey.publicKey().compressedEncoding())
        .i64(offer.totalPrice().sat()).toByteArray();
    state = State.REQUESTED;
    commit(List.of(SessionAction.toPeer(TradeMessage.Kind.BUY, body)));
  }

  private Identity sharedIdentity() {
    return SharedIdentity.derive(msg, offer.seller()).withPow(msg.publicIdentity().pow());
  }

  @Override
  void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException {
    if (isDsoReplyToMe(m, t)) {
      onDsoReply(RegistryReply.decode(t.body()));
      return;
    }
    if (!m.recipient().equals(msg.address()) || !m.sender().equals(offer.seller())) {
      return;
    }
    BytesIn in = new BytesIn(t.body());
    if (!EntryId.fromBytes(in.raw(EntryId.LENGTH)).equals(offer.entry())) {
      return;
    }
    if (t.kind() == TradeMessage.Kind.ESCROW && state == State.REQUESTED) {
      onEscrow(Script.fromBytes(in.var(EscrowScripts.REDEEM_SCRIPT_LENGTH)));
    } else if (t.kind() == TradeMessage.Kind.SECRET && state == State.PAID) {
      byte[] l = in.raw(EnergySecret.LENGTH);
      EnergySecret lambda = EnergySecret.of(l);
      Arrays.fill(l, (byte) 0);
      if (!lambda.entryId().equals(offer.entry())) {
        // A forged bλ does not hash to the offered entry: wait for the real one or dispute.
        return;
      }
      RegistryRequest r = RegistryRequest.transfer(lambda, txKey, msg.address(), ctx.now(), ctx.random());
      pending = r.id();
      state = State.CLAIMING;
      commit(List.of(SessionAction.toDso(false, r)));
    }
  }

  private void onEscrow(Script script) throws MessageException, RegistryException {
    Optional<EscrowScripts.EscrowKeys> keys = EscrowScripts.parse(script);
    if (keys.isEmpty() || !keys.get().dso().equals(ctx.dsoKey().withCompression(true))
        || !keys.get().buyer().equals(txKey.publicKey().withCompression(true)) || !offer.isSellerKey(keys.get().seller())) {
      fail("escrow script does not name the DSO, the buyer and the offer's seller");
      return;
    }
    redeem = script;
    RegistryRequest r = RegistryRequest.testify(offer.entry(), keys.get().seller(), offer.energy(), script, ctx.now(), ctx.random());
    pending = r.id();
    state = State.VALIDATING;
    commit(List.of(SessionAction.toDso(false, r)));
  }

  private void onDsoReply(RegistryReply r) throws ChainException, MessageException, RegistryException {
    if (r.transaction().length > 0 && (state == State.DISPUTING || state == State.PAID)) {
      Transaction signed = EscrowTransactions.sign(Transaction.parse(r.transaction()), redeem, txKey);
      state = State.SETTLED;
      commit(List.of(SessionAction.broadcast(signed.serialize())));
      return;
    }
    if (pending == null || !r.request().equals(pending)
        || r.error().filter(e -> e == RegistryError.REPLAYED).isPresent()) {
      // Not ours, or a request repeated after a resume: the original's reply is the one that counts.
      return;
    }
    pending = null;
    if (state == State.VALIDATING) {
      if (!r.answer()) {
        fail("DSO does not testify the lock: " + r.detail());
        return;
      }
      pay();
    } else if (state == State.CLAIMING) {
      if (!r.isOk() || r.secrets().size() != 1) {
        // The transfer was refused (e.g. the payment lacked confirmations): keep waiting as PAID.
        LOG.debug("transfer refused: {}", r);
        state = State.PAID;
        commit(List.of());
        return;
      }
      owned = r.secrets().get(0);
      state = State.OWNER;
      commit(List.of(release()));
    } else if (state == State.DISPUTING && !r.isOk()) {
      fail("dispute refused: " + r.error().orElseThrow());
    }
  }

  private void pay() throws ChainException, MessageException, RegistryException {
    List<Payment> coins = ctx.ledger().unspent(EscrowScripts.p2pkh(txKey.publicKey()), 1);
    Transaction tx;
    try {
      tx = EscrowTransactions.funding(coins, txKey, redeem, offer.entry(), offer.totalPrice(), ctx.fee());
    } catch (IllegalArgumentException e) {
      fail("not enough coins");
      return;
    }
    funding = tx.txId();
    deadline = Long.MAX_VALUE;
    state = State.PAID;
    // Saved before the broadcast: a resumed buyer re-broadcasts this very transaction instead of
    // building a second payment from coins the first one already spends.
    commit(List.of(SessionAction.broadcast(tx.serialize()), SessionAction.toPeer(TradeMessage.Kind.PAID,
        new BytesOut().raw(offer.entry().toBytes()).raw(funding.toBytes()).toByteArray())));
  }

  private SessionAction release() throws ChainException {
    Transaction settlement = EscrowTransactions.settlement(OutPoint.of(funding, 0), offer.totalPrice(), redeem, 0, ctx.fee());
    Transaction half = EscrowTransactions.sign(settlement, redeem, txKey);
    return SessionAction.toPeer(TradeMessage.Kind.RELEASE,
        new BytesOut().raw(offer.entry().toBytes()).var(half.serialize()).toByteArray());
  }

  /**
   * Advances on time: once the payment is confirmed, starts the timeout for bλ; when it expires,
   * raises a dispute.
   *
   * @throws MessageException if the dispute cannot be sent
   * @throws RegistryException if the snapshot cannot be saved (nothing is sent)
   */
  public synchronized void tick() throws MessageException, RegistryException {
    if (state != State.PAID || pending != null) {
      return;
    }
    if (deadline == Long.MAX_VALUE && ctx.ledger().confirmations(funding) >= ctx.confirmations()) {
      deadline = ctx.now() + ctx.timeoutSeconds();
      commit(List.of());
    } else if (ctx.now() > deadline) {
      dispute("no ownership secret within " + ctx.timeoutSeconds() + " s of the confirmed payment " + funding);
    }
  }

  /**
   * Sends evidence and the redeem script to the DSO from the shared address (Algorithm 1 line 34).
   *
   * @throws MessageException if the request cannot be sent
   * @throws RegistryException if the snapshot cannot be saved (nothing is sent)
   * @throws IllegalStateException if nothing was paid yet
   */
  public synchronized void dispute(String evidence) throws MessageException, RegistryException {
    if (funding == null) {
      throw new IllegalStateException("nothing to dispute before paying");
    }
    RegistryRequest r = RegistryRequest.dispute(txKey, offer.entry(), redeem, evidence, ctx.now(), ctx.random());
    pending = r.id();
    state = State.DISPUTING;
    commit(List.of(SessionAction.toDso(true, r)));
  }

  private void fail(String why) throws RegistryException, MessageException {
    failure = why.length() > MAX_FAILURE ? why.substring(0, MAX_FAILURE) : why;
    state = State.FAILED;
    commit(List.of());
  }

  @Override
  void rollback() throws RegistryException {
    byte[] last = inbox.lastSaved();
    try {
      BytesIn in = SessionCodec.open(last, SessionCodec.BUYER);
      SessionCodec.readIdentity(in);
      SessionCodec.readKey(in);
      in.var(BytesIn.MAX_FIELD);
      readState(in);
      if (state == State.NEW) {
        shared = null;
      } else if (shared == null) {
        shared = sharedIdentity();
      }
    } finally {
      Arrays.fill(last, (byte) 0);
    }
  }

  @Override
  void perform(List<SessionAction> actions) throws MessageException, RegistryException {
    for (SessionAction a : actions) {
      switch (a.kind()) {
        case TO_PEER -> inbox.send(msg, offer.seller(), a.toMessage());
        case TO_DSO -> inbox.send(msg, ctx.dso(), a.toMessage());
        case TO_DSO_SHARED -> inbox.send(shared, ctx.dso(), a.toMessage());
        case BROADCAST_TX -> {
          Optional<LedgerRejection> rej = inbox.broadcast(a.data());
          if (rej.isPresent() && rej.get() != LedgerRejection.DUPLICATE && state == State.PAID) {
            fail("payment rejected: " + rej.get());
            return;
          }
        }
        default -> throw new IllegalStateException("a buyer does not " + a.kind());
      }
    }
  }

  @Override
  byte[] encode(List<SessionAction> actions) {
    BytesOut out = SessionCodec.header(SessionCodec.BUYER);
    SessionCodec.writeIdentity(out, msg);
    SessionCodec.writeKey(out, txKey);
    out.var(offer.encode()).u8(state.ordinal());
    SessionCodec.writeOptional(out, redeem == null ? null : redeem.program());
    SessionCodec.writeOptional(out, pending == null ? null : pending.toBytes());
    SessionCodec.writeOptional(out, funding == null ? null : funding.toBytes());
    out.i64(deadline).bool(owned != null);
    if (owned != null) {
      SessionCodec.writeSecrets(out, owned);
    }
    out.text(failure);
    return inbox.finish(out, actions);
  }

  private void readState(BytesIn in) throws RegistryException {
    int s = in.u8();
    if (s >= State.values().length) {
      throw new RegistryException(RegistryError.MALFORMED, "buyer state " + s);
    }
    state = State.values()[s];
    redeem = SessionCodec.readOptional(in, EscrowScripts.REDEEM_SCRIPT_LENGTH).map(Script::fromBytes).orElse(null);
    pending = SessionCodec.readOptional(in, RequestId.LENGTH).map(RequestId::fromBytes).orElse(null);
    funding = SessionCodec.readOptional(in, 32).map(TxId::fromBytes).orElse(null);
    deadline = in.i64();
    owned = in.bool() ? SessionCodec.readSecrets(in) : null;
    failure = in.text(MAX_FAILURE * 4);
    inbox.readTail(in);
    boolean needsEscrow = state.compareTo(State.VALIDATING) >= 0 && state != State.FAILED;
    boolean needsFunding = state.compareTo(State.PAID) >= 0 && state != State.FAILED;
    if (needsEscrow && redeem == null || needsFunding && funding == null || state == State.OWNER && owned == null) {
      throw new RegistryException(RegistryError.MALFORMED, "buyer snapshot lacks the fields of state " + state);
    }
  }

  @Override
  public synchronized String toString() {
    return "ConsumerSession{" + msg.address() + ", " + state + "}";
  }
}
