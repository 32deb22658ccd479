package org.priwatt.channels;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.registry.SecretDerivation;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.energy.trade.SessionAction;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.ChannelScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one payment channel (Bob in paper §3.2, the seller who owns the entry):
 * posts a certified offer, checks a client's OPEN against it, has the DSO split the entry into
 * one part per increment locked to the client ({@code ChannelLock}), sends her ACCEPT, waits for
 * the funding to confirm, and then releases part n's ownership secret for each payment n he
 * checked ({@link Payments#check}) and saved. He closes with the latest payment when the client
 * asks, when {@link #closeChannel()} is called, and by himself when the chain reaches the refund height
 * minus the safety margin (warning before). The close pays his channel key, which his caller's
 * {@link ChannelKeySource} gives for each accepted OPEN, so the earnings land where the caller
 * can spend them (a node: its wallet).
 *
 * <p>What a cheating client can send is checked before anything is signed or revealed: an OPEN
 * whose price, capacity, fee or deadline differs from the offer and the policy is refused with a
 * typed reason and the offer stays; the funding is checked on the server's own ledger; a payment
 * is verified against his own rebuild and must pay him more than the last; he signs only the
 * payment he rebuilt. A lock nobody funds lapses at the DSO's funding deadline and the parts are
 * his again ({@link State#ABANDONED}).
 *
 * <p>Crash recovery: every transition is saved before it acts ({@link ChannelSession}), so the
 * payment is durable before its secret leaves; {@link #resume} rebuilds the session, repeats the
 * last actions and reads what arrived meanwhile. Thread-safe (one monitor).
 */
public final class ChannelServer extends ChannelSession<ServerState> {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelServer.class);
  /** Role byte of server snapshots. */
  static final int ROLE = 1;

  /** The server's states. */
  public enum State {
    /** Holds the entry's secrets; nothing posted. */
    READY,
    /** The offer is on the board; waiting for an OPEN. */
    OFFERED,
    /** An OPEN was accepted; the channel lock is with the DSO. */
    LOCKING,
    /** The parts are locked to the client and ACCEPT sent; waiting for the funding to confirm. */
    ACCEPTED,
    /** Funded and confirmed: payments are accepted and secrets released. */
    OPEN,
    /** The close (the latest payment, both signatures) was broadcast. */
    CLOSING,
    /** A confirmed transaction spends the funding output (the close, or the client's refund). */
    CLOSED,
    /** Nobody funded the channel before the DSO's funding deadline; the parts are the server's again. */
    ABANDONED,
    /** The session stopped; {@link #failure()} says why. */
    FAILED
  }

  private final Map<ChannelError, AtomicLong> refusals = new EnumMap<>(ChannelError.class);
  private boolean warned;
  /** The last message refused since the session started (refusals change no state, so they are not saved). */
  private ChannelError lastRefused;

  /** Where the key of each accepted channel comes from: the closing payment pays it. */
  private final ChannelKeySource keys;

  private ChannelServer(TradeContext ctx, ChannelPolicy policy, Identity msg, ChannelKeySource keys,
      SessionStore store, ServerState initial) {
    super(ctx, policy, msg, store, initial);
    this.keys = Objects.requireNonNull(keys, "keys");
    for (ChannelError e : ChannelError.values()) {
      refusals.put(e, new AtomicLong());
    }
  }

  /**
   * A new server for the entry {@code secrets} name, owned by {@code ownerKey}, with messaging
   * identity {@code msg} (fresh for the entry: it becomes the offer's and the channel's), saving
   * its state to {@code store} after every transition; joins the node.
   *
   * @param sequence the entry's next lock-secret sequence number (0 for an entry never locked)
   * @param keys gives the channel key when an OPEN is accepted: the close pays its P2PKH, so it
   *     should be a fresh key the caller can spend (a node passes a fresh key of its wallet)
   * @throws ChannelException {@link ChannelError#STORAGE} if the first snapshot cannot be saved
   * @throws IllegalArgumentException if {@code ownerKey} is not the entry's owner
   */
  public static ChannelServer open(TradeContext ctx, ChannelPolicy policy, Identity msg, EcKey ownerKey,
      IssuedSecrets secrets, long sequence, ChannelKeySource keys, SessionStore store) throws ChannelException {
    if (!secrets.certificate().owner().equals(ownerKey.publicKey().withCompression(true))) {
      throw new IllegalArgumentException("the key does not own the entry");
    }
    ChannelServer s = new ChannelServer(ctx, policy, msg, keys, store,
        ServerState.initial(ownerKey, secrets, sequence));
    s.saveAndAttach();
    return s;
  }

  /**
   * Rebuilds a server from the snapshot in {@code store}, rejoins the node, performs the last
   * transition's actions again and handles what arrived while it was down. A channel accepted
   * before keeps its saved key; {@code keys} is asked only if the server accepts a new OPEN.
   *
   * @param keys as for {@link #open}
   * @throws ChannelException {@link ChannelError#SNAPSHOT_UNREADABLE} if there is no snapshot or
   *     it cannot be read, or the decoding failure
   */
  public static ChannelServer resume(TradeContext ctx, ChannelPolicy policy, SessionStore store,
      ChannelKeySource keys) throws ChannelException {
    return ChannelSession.<ServerState, ChannelServer>resume(store, "server", ROLE, ctx.dsoKey(), in -> ServerState.read(in, ctx.dsoKey()),
        (msg, s) -> new ChannelServer(ctx, policy, msg, keys, store, s));
  }

  // ------------------------------------------------------------------ what a user reads

  /** The current state. */
  public synchronized State state() {
    return state.phase();
  }

  /** Why the session failed: a snapshot that could not be saved, or the failure it recorded. */
  public synchronized Optional<ChannelError> failure() {
    return storageFailed() ? Optional.of(ChannelError.STORAGE) : state.failure();
  }

  /** The channel's terms, once an OPEN was accepted. */
  public synchronized Optional<ChannelTerms> terms() {
    return state.terms();
  }

  /** The number of increments paid so far. */
  public synchronized int increments() {
    return state.last();
  }

  /** The latest payment, completed with the server's signature: what a close would broadcast. */
  public synchronized Optional<Transaction> latestPayment() {
    return latestClose();
  }

  /** The parts' secrets, once the DSO locked them (after the lock expires, unclaimed parts are the server's to use). */
  public synchronized List<IssuedSecrets> parts() {
    return state.parts();
  }

  /** The offer, once posted. */
  public synchronized Optional<Offer> offer() {
    return state.offer();
  }

  /** The server's messaging identity (the offer's and the channel's). */
  public PublicIdentity publicIdentity() {
    return msg.publicIdentity();
  }

  /** How many messages the server refused for {@code reason} (a payment's, an OPEN's or a funding's). */
  public long refused(ChannelError reason) {
    return refusals.get(reason).get();
  }

  /**
   * Why the server last refused something: a client's message since this session started, else
   * the saved outcome of a lock ({@link ChannelError#LOCK_REFUSED}, {@link ChannelError#NOT_FUNDED}).
   */
  public synchronized Optional<ChannelError> lastRefusal() {
    return Optional.ofNullable(lastRefused).or(state::lastRefusal);
  }

  /** What the channel looks like now, at the ledger's tip. */
  public synchronized ChannelView view() {
    return ChannelView.of(state.phase().name(), state.terms(), state.funding(), state.last(), ctx.ledger().height(),
        policy);
  }

  @Override
  protected boolean canPost() {
    return state.board().isPresent() && state.offer().isPresent();
  }

  @Override
  protected Identity board() {
    return state.board().orElseThrow(() -> new IllegalStateException("no offer posted"));
  }

  // ------------------------------------------------------------------ the offer

  /**
   * Posts the offer on the board at {@code pricePerKwh} satoshis per kWh, valid for {@code
   * ttlSeconds}.
   *
   * @throws IllegalStateException unless {@link State#READY}
   * @throws IllegalArgumentException if the price or the time to live is outside the offer's bounds
   */
  public synchronized Offer offer(Identity board, long pricePerKwh, long ttlSeconds) {
    if (state.phase() != State.READY) {
      throw new IllegalStateException("cannot offer in state " + state.phase());
    }
    long now = ctx.now();
    Offer offer = Offer.create(state.secrets().certificate(), state.ownerKey(), Amount.ofSat(pricePerKwh),
        msg.publicIdentity(), now, now + ttlSeconds);
    ServerState.Edit e = state.edit().phase(State.OFFERED);
    e.offer = Optional.of(offer);
    e.board = Optional.of(board);
    commit(e.done(), List.of(new SessionAction.PostOffer<>(offer)));
    return offer;
  }

  // ------------------------------------------------------------------ messages

  @Override
  int role() {
    return ROLE;
  }

  @Override
  void writeState(ByteWriter out, ServerState s) {
    s.write(out);
  }

  @Override
  protected Optional<PublicIdentity> counterpart(ServerState s) {
    return s.client();
  }

  @Override
  protected boolean isFinal(ServerState s) {
    return s.phase() == State.CLOSED || s.phase() == State.ABANDONED || s.phase() == State.FAILED;
  }

  @Override
  Optional<DropReason> onChannel(ReceivedMessage m, ChannelMessage c) {
    if (c instanceof ChannelMessage.Open o) {
      return onOpen(m.sender(), o);
    }
    if (state.client().filter(m.sender()::equals).isEmpty()
        || state.terms().filter(t -> t.id().equals(c.channel())).isEmpty()) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (c instanceof ChannelMessage.Funded f) {
      if (state.phase() != State.ACCEPTED) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      // Only a hint where to look: the output is checked on the server's own ledger.
      Optional<ChannelError> problem = openIfFunded(List.of(f.funding()));
      return problem.isEmpty() || problem.get() == ChannelError.FUNDING_UNCONFIRMED ? Optional.empty()
          : refuse(problem.get(), DropReason.INVALID);
    }
    if (c instanceof ChannelMessage.Pay p) {
      return onPay(p);
    }
    if (c instanceof ChannelMessage.Close) {
      if (state.phase() != State.OPEN) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      closeNow("the client asked");
      return Optional.empty();
    }
    return Optional.of(DropReason.UNEXPECTED);
  }

  private Optional<DropReason> onOpen(PublicIdentity client, ChannelMessage.Open o) {
    Offer offer = state.offer().orElse(null);
    if (offer == null || !o.entry().equals(offer.entry())) {
      return refuse(ChannelError.NOT_OFFERED, DropReason.NOT_FOR_THIS_TRADE);
    }
    if (state.phase() != State.OFFERED || ctx.now() >= offer.expiry()) {
      return refuse(ChannelError.NOT_OFFERED, DropReason.UNEXPECTED);
    }
    Optional<ChannelError> why = OpenChecks.open(o, offer, ctx.ledger().height(), ctx.fee(), policy);
    if (why.isPresent()) {
      return refuse(why.get(), DropReason.INVALID);
    }
    EcKey serverKey;
    try {
      // The caller's key, so the close pays where the caller can spend (e.g. its node's wallet).
      serverKey = Objects.requireNonNull(keys.freshKey(), "the key source gave no key");
    } catch (ChannelException e) {
      LOG.warn("{}: no channel key for an OPEN, refused: {}", this, e.getMessage());
      return refuse(e.error(), DropReason.UNEXPECTED);
    }
    if (serverKey.publicKey().withCompression(true).equals(o.clientKey())) {
      return refuse(ChannelError.BAD_KEY, DropReason.INVALID);
    }
    ChannelTerms terms = new ChannelTerms(o.channel(), o.entry(), ChannelScript.of(serverKey.publicKey(),
        o.clientKey(), o.refundHeight()), o.increments(), o.incrementPrice(), o.fee());
    long expiry = o.refundHeight() + policy.claimMarginBlocks();
    RegistryRequest.ChannelLock r = RegistryRequest.ChannelLock.create(state.secrets().lock(), offer.entry(),
        state.sequence(), ctx.now(), terms.id(), terms.script(), terms.capacity(), terms.increments(), expiry,
        ctx.random());
    ServerState.Edit e = state.edit().phase(State.LOCKING).pending(r.id());
    e.client = Optional.of(client);
    e.terms = Optional.of(terms);
    e.serverKey = Optional.of(serverKey);
    e.lockExpiry = expiry;
    e.waitUntil = ctx.now() + ctx.timeoutSeconds();
    commit(e.done(), List.of(new SessionAction.ToDso<>(r, false)));
    return Optional.empty();
  }

  /**
   * The DSO did not answer in time: the same request again under a new id. Safe either way: a
   * channel lock the DSO already granted is answered with the same parts, and a testimony changes
   * nothing.
   */
  private void askAgain() {
    ChannelTerms t = state.terms().orElseThrow();
    long now = ctx.now();
    RegistryRequest r = state.phase() == State.LOCKING
        ? RegistryRequest.ChannelLock.create(state.secrets().lock(), t.entry(), state.sequence(), now, t.id(),
            t.script(), t.capacity(), t.increments(), state.lockExpiry(), ctx.random())
        : RegistryRequest.TestifyChannel.create(t.entry(), t.id(), t.script().client(), now, ctx.random());
    ServerState.Edit e = state.edit().pending(r.id());
    e.waitUntil = now + ctx.timeoutSeconds();
    commit(e.done(), List.of(new SessionAction.ToDso<>(r, false)));
  }

  private Optional<DropReason> onPay(ChannelMessage.Pay p) {
    if (state.phase() == State.ACCEPTED) {
      // The client saw the confirmation first: look at the funding now.
      openIfFunded(candidates());
    }
    ChannelTerms terms = state.terms().orElseThrow();
    if (state.phase() != State.OPEN) {
      return refuse(ChannelError.NOT_OPEN, DropReason.UNEXPECTED);
    }
    int n = p.increment();
    if (n == state.last() && n > 0 && Arrays.equals(p.signature(), state.lastSignature().toByteArray())
        && p.funding().equals(state.funding().orElseThrow().outPoint())) {
      // The client did not get the secret (lost, or she restarted): the same one again, nothing new.
      perform(List.of(new SessionAction.ToPeer<>(secret(n))));
      return Optional.empty();
    }
    Optional<ChannelError> why = Payments.check(terms, state.funding().orElseThrow(), state.last(), p,
        ctx.ledger().height(), policy.safetyMarginBlocks());
    if (why.isPresent()) {
      return refuse(why.get(), DropReason.INVALID);
    }
    ServerState.Edit e = state.edit();
    e.last = n;
    e.lastSignature = ByteString.of(p.signature());
    // Saved before the secret leaves: a restart knows the payment that paid for it.
    commit(e.done(), List.of(new SessionAction.ToPeer<>(secret(n))));
    return Optional.empty();
  }

  private ChannelMessage.Secret secret(int n) {
    return new ChannelMessage.Secret(state.terms().orElseThrow().id(), n, state.parts().get(n - 1).ownership());
  }

  private Optional<DropReason> refuse(ChannelError why, DropReason drop) {
    if (replaying()) {
      // Read again after a resume: it was judged when it first came.
      return Optional.of(DropReason.UNEXPECTED);
    }
    refusals.get(why).incrementAndGet();
    lastRefused = why;
    LOG.info("{} refused a message: {}", this, why);
    return Optional.of(drop);
  }

  @Override
  protected Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) {
    if (state.pending().filter(reply.request()::equals).isEmpty()) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (reply instanceof RegistryReply.Refused r && r.error() == RegistryError.REPLAYED) {
      // A request repeated after a resume: the original's reply is the one that counts.
      return Optional.of(DropReason.UNEXPECTED);
    }
    if (state.phase() == State.LOCKING) {
      return onLockReply(reply);
    }
    if (state.phase() == State.ACCEPTED && reply instanceof RegistryReply.ChannelTestimony t) {
      ServerState.Edit e = state.edit().pending(null);
      if (t.holds()) {
        e.waitUntil = ctx.now() + ctx.timeoutSeconds();
      } else {
        e.phase(State.ABANDONED).lastRefusal = Optional.of(ChannelError.NOT_FUNDED);
      }
      commit(e.done(), List.of());
      return Optional.empty();
    }
    return Optional.of(DropReason.UNEXPECTED);
  }

  private Optional<DropReason> onLockReply(RegistryReply reply) {
    ServerState.Edit e = state.edit().pending(null);
    if (reply instanceof RegistryReply.Issued issued) {
      ChannelTerms terms = state.terms().orElseThrow();
      List<IssuedSecrets> parts = issued.secrets();
      List<EnergyAmount> shares = SecretDerivation.shares(state.secrets().energy(), terms.increments());
      for (int i = 0; i < parts.size(); i++) {
        IssuedSecrets s = parts.get(i);
        if (parts.size() != terms.increments() || !s.certificate().verify(ctx.dsoKey())
            || !s.certificate().owner().equals(state.ownerKey().publicKey().withCompression(true))
            || !s.energy().equals(shares.get(i))) {
          return Optional.of(DropReason.INVALID);
        }
      }
      e.phase(State.ACCEPTED).parts = parts;
      e.sequence++;
      e.waitUntil = ctx.now() + ctx.timeoutSeconds();
      List<ChannelMessage.Part> view = parts.stream()
          .map(s -> new ChannelMessage.Part(s.entryId(), s.energy())).toList();
      commit(e.done(), List.of(new SessionAction.ToPeer<>(new ChannelMessage.Accept(terms.id(),
          terms.script().server(), state.lockExpiry(), view))));
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Refused r) {
      LOG.info("{}: the DSO refused the channel lock: {} {}", this, r.error(), r.detail());
      e.phase(State.OFFERED).lastRefusal = Optional.of(ChannelError.LOCK_REFUSED);
      e.client = Optional.empty();
      e.terms = Optional.empty();
      e.serverKey = Optional.empty();
      commit(e.done(), List.of());
      return Optional.empty();
    }
    return Optional.of(DropReason.INVALID);
  }

  // ------------------------------------------------------------------ funding

  private List<org.priwatt.chain.OutPoint> candidates() {
    return ctx.ledger().paymentsTo(state.terms().orElseThrow().scriptPubKey()).stream().map(Payment::outPoint)
        .toList();
  }

  /**
   * Opens the channel if one of {@code candidates} pays the channel's script at least the
   * capacity, has the confirmations, is unspent and leaves the safety margin; empty if it did,
   * else what the best candidate lacks.
   */
  private Optional<ChannelError> openIfFunded(List<org.priwatt.chain.OutPoint> candidates) {
    ChannelTerms terms = state.terms().orElseThrow();
    ChannelError problem = ChannelError.FUNDING_INVALID;
    for (var c : candidates) {
      Optional<Payment> p = ctx.ledger().output(c);
      if (p.isEmpty() || !p.get().output().scriptPubKey().equals(terms.scriptPubKey())
          || p.get().output().value() < terms.capacity().sat()) {
        continue;
      }
      if (p.get().spent()) {
        problem = ChannelError.FUNDING_SPENT;
      } else if (p.get().confirmations() < ctx.confirmations()) {
        problem = ChannelError.FUNDING_UNCONFIRMED;
      } else if (ctx.ledger().height() >= terms.refundHeight() - policy.safetyMarginBlocks()) {
        problem = ChannelError.TOO_CLOSE_TO_DEADLINE;
      } else {
        ServerState.Edit e = state.edit().phase(State.OPEN);
        e.funding = Optional.of(new ChannelFunding(c, Amount.ofSat(p.get().output().value())));
        commit(e.done(), List.of());
        return Optional.empty();
      }
    }
    return Optional.of(problem);
  }

  // ------------------------------------------------------------------ time and closing

  /**
   * Advances on time and chain events: asks the DSO again when it did not answer within the
   * timeout; opens the channel once its funding confirms; asks the DSO whether an unfunded lock
   * still holds after each timeout and gives up when it lapsed; warns
   * when the refund height approaches and closes with the latest payment at the safety margin;
   * notices the close (or the client's refund) spending the funding.
   */
  public synchronized void tick() {
    if (storageFailed() || isFinal(state)) {
      return;
    }
    long now = ctx.now();
    if (state.pending().isPresent()) {
      if (now > state.waitUntil()) {
        askAgain();
      }
      return;
    }
    long tip = ctx.ledger().height();
    switch (state.phase()) {
      case ACCEPTED -> {
        if (openIfFunded(candidates()).isPresent() && now > state.waitUntil()) {
          ChannelTerms t = state.terms().orElseThrow();
          RegistryRequest.TestifyChannel r = RegistryRequest.TestifyChannel.create(t.entry(), t.id(),
              t.script().client(), now, ctx.random());
          ServerState.Edit e = state.edit().pending(r.id());
          e.waitUntil = now + ctx.timeoutSeconds();
          commit(e.done(), List.of(new SessionAction.ToDso<>(r, false)));
        }
      }
      case OPEN -> {
        ChannelTerms t = state.terms().orElseThrow();
        if (fundingSpent()) {
          commit(state.edit().phase(State.CLOSED).done(), List.of());
          return;
        }
        long margin = t.refundHeight() - policy.safetyMarginBlocks();
        if (tip >= margin) {
          LOG.warn("{}: the chain reached the safety margin before the refund height {}; closing", this,
              t.refundHeight());
          closeNow("the safety margin");
        } else if (tip >= margin - policy.warningBlocks() && !warned) {
          warned = true;
          LOG.warn("{}: {} blocks to the safety margin; the channel closes at height {}", this, margin - tip, margin);
        }
      }
      case CLOSING -> {
        if (fundingSpent()) {
          commit(state.edit().phase(State.CLOSED).done(), List.of());
        } else {
          // Not in the ledger (evicted, or the first broadcast was refused): offer it again.
          state.closeTx().ifPresent(tx -> broadcast(tx.toByteArray()));
        }
      }
      default -> {
        // Nothing waits on time in the other states.
      }
    }
  }

  /** Closes the channel now with the latest payment (unilaterally, at any time before the margin). */
  public synchronized void closeChannel() {
    if (state.phase() == State.OPEN) {
      closeNow("asked to");
    }
  }

  /** Whether a confirmed transaction spends the funding (the close, or the client's refund). */
  private boolean fundingSpent() {
    return ctx.ledger().spender(state.funding().orElseThrow().outPoint())
        .filter(tx -> ctx.ledger().confirmations(tx) >= 1).isPresent();
  }

  private void closeNow(String why) {
    Optional<Transaction> close = latestClose();
    if (close.isEmpty()) {
      LOG.info("{}: nothing to close ({}): no payment yet", this, why);
      commit(state.edit().phase(State.CLOSED).done(), List.of());
      return;
    }
    ByteString tx = ByteString.of(close.get().serialize());
    ServerState.Edit e = state.edit().phase(State.CLOSING);
    e.closeTx = Optional.of(tx);
    LOG.info("{}: closing with payment {} ({})", this, state.last(), why);
    commit(e.done(), List.of(new SessionAction.Broadcast<>(tx)));
  }

  private Optional<Transaction> latestClose() {
    if (state.last() == 0) {
      return Optional.empty();
    }
    ChannelTerms t = state.terms().orElseThrow();
    Transaction payment = ChannelTransactions.payment(t, state.funding().orElseThrow(), state.last());
    byte[] mine = ChannelTransactions.signature(payment, t, state.serverKey().orElseThrow());
    try {
      return Optional.of(ChannelTransactions.completePayment(payment, t, state.lastSignature().toByteArray(), mine));
    } catch (ChannelException e) {
      throw new IllegalStateException("a payment the server verified does not complete", e);
    }
  }

  // ------------------------------------------------------------------ failures

  @Override
  protected void broadcastRefused(LedgerRejection rejection) {
    LOG.warn("{}: the ledger refused the close: {}", this, rejection);
  }

  @Override
  protected void sendFailed(MessageException cause) {
    if (cause.error() != MessageError.POW_CANCELLED) {
      LOG.warn("{}: a message was not sent: {}", this, cause.getMessage());
    }
    if (state.phase().compareTo(State.LOCKING) <= 0 && !isFinal(state)) {
      ServerState.Edit e = state.edit().phase(State.FAILED).pending(null);
      e.failure = Optional.of(ChannelError.MESSAGING);
      commit(e.done(), List.of());
    }
  }

  @Override
  public synchronized String toString() {
    return "ChannelServer{" + msg.address() + ", " + state.phase() + ", " + state.last() + " paid}";
  }
}
