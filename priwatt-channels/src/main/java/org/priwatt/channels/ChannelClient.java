package org.priwatt.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.energy.trade.SessionAction;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.ChannelScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of one payment channel (Alice in paper §3.2, who pays per kWh): sends OPEN
 * for a matched, certified offer, checks the server's ACCEPT and has the DSO testify that the
 * entry's parts are locked to her key, funds the channel output from her {@link FundingSource},
 * then pays one increment at a time ({@link #pay()}): a signature over payment n, sent after it
 * is saved. For each payment the server releases the part's ownership secret, which she checks
 * against the part's entry and claims at the DSO with her channel key, so she owns each part she
 * paid for. {@link #closeChannel()} asks the server to close with the latest payment; if he never does,
 * she takes her money back alone once the chain reaches the refund height (automatically in
 * {@link #tick()}).
 *
 * <p>She funds only after the DSO itself stated the lock (her key, the server's key, the refund
 * height, the capacity, every part) and left her time to fund; she signs only payments she built
 * from the agreed terms; the server can never take more than she signed, and her refund needs
 * nobody's signature.
 *
 * <p>Crash recovery as in {@link ChannelServer}: the funding transaction is saved before it is
 * broadcast (a resumed client never pays twice) and a payment's number before it is sent.
 * Thread-safe (one monitor).
 */
public final class ChannelClient extends ChannelSession<ClientState> {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelClient.class);
  /** Role byte of client snapshots. */
  static final int ROLE = 2;

  /** The client's states. */
  public enum State {
    /** Not started. */
    NEW,
    /** OPEN sent; waiting for ACCEPT. */
    OPENING,
    /** ACCEPT checked; the DSO is asked to testify the lock. */
    VALIDATING,
    /** The funding was broadcast; waiting for its confirmations. */
    FUNDING,
    /** Funded and confirmed: she pays increments. */
    OPEN,
    /** CLOSE sent; waiting for the server's close to spend the funding. */
    CLOSING,
    /** A confirmed close of the server spends the funding. */
    CLOSED,
    /** The refund was broadcast (the chain reached the refund height with the channel unclosed). */
    REFUNDING,
    /** The confirmed refund spends the funding. */
    REFUNDED,
    /** The session stopped; {@link #failure()} says why. */
    FAILED
  }

  private final FundingSource funds;
  /** When an unanswered payment or CLOSE is sent again (not saved: a resume sends its outbox at once). */
  private long resendAt;
  /** The last secret refused since the session started (refusals change no state, so they are not saved). */
  private ChannelError lastRefused;

  private ChannelClient(TradeContext ctx, ChannelPolicy policy, Identity msg, FundingSource funds, SessionStore store,
      ClientState initial) {
    super(ctx, policy, msg, store, initial);
    this.funds = java.util.Objects.requireNonNull(funds, "funds");
  }

  /**
   * A new client buying {@code offer} in {@code increments} increments, with a fresh messaging
   * identity {@code msg} and a fresh channel key {@code channelKey} for this channel only, paying
   * from {@code funds} and saving to {@code store}; joins the node.
   *
   * @param increments 1..{@link ChannelTerms#MAX_INCREMENTS}, at most the offer's milliwatt-hours
   *     ({@link ChannelTerms#defaultIncrements} gives one per kWh)
   * @throws ChannelException {@link ChannelError#STORAGE} if the first snapshot cannot be saved
   * @throws IllegalArgumentException if {@code increments} is out of range
   */
  public static ChannelClient open(TradeContext ctx, ChannelPolicy policy, Identity msg, EcKey channelKey, Offer offer,
      int increments, FundingSource funds, SessionStore store) throws ChannelException {
    if (increments < 1 || increments > ChannelTerms.MAX_INCREMENTS || increments > offer.energy().milliwattHours()) {
      throw new IllegalArgumentException("increments outside 1.." + ChannelTerms.MAX_INCREMENTS + ": " + increments);
    }
    ChannelClient c = new ChannelClient(ctx, policy, msg, funds, store,
        ClientState.initial(offer, channelKey, increments));
    c.saveAndAttach();
    return c;
  }

  /**
   * Rebuilds a client from the snapshot in {@code store}, rejoins the node, performs the last
   * transition's actions again and handles what arrived while it was down.
   *
   * @throws ChannelException {@link ChannelError#SNAPSHOT_UNREADABLE} if there is no snapshot or
   *     it cannot be read, or the decoding failure
   */
  public static ChannelClient resume(TradeContext ctx, ChannelPolicy policy, SessionStore store, FundingSource funds)
      throws ChannelException {
    return ChannelSession.<ClientState, ChannelClient>resume(store, "client", ROLE, ctx.dsoKey(), in -> ClientState.read(in, ctx.dsoKey()),
        (msg, s) -> new ChannelClient(ctx, policy, msg, funds, store, s));
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

  /**
   * Why she last refused something: a server's secret since this session started, else the
   * saved refusal of a claim by the DSO ({@link ChannelError#REGISTRY_REFUSED}).
   */
  public synchronized Optional<ChannelError> lastRefusal() {
    return Optional.ofNullable(lastRefused).or(state::lastRefusal);
  }

  /** The agreed terms, once the server accepted. */
  public synchronized Optional<ChannelTerms> terms() {
    return state.terms();
  }

  /** The funding output, once broadcast. */
  public synchronized Optional<ChannelFunding> funding() {
    return state.funding();
  }

  /** The number of the last payment sent. */
  public synchronized int sent() {
    return state.sent();
  }

  /** The parts' ownership secrets received so far, in increment order (bλ+1, bλ+2, ...). */
  public synchronized List<EnergySecret> secrets() {
    return state.claims().stream().map(ClientState.Claim::lambda).flatMap(Optional::stream).toList();
  }

  /** Her own secrets of each part she claimed at the DSO (aλ, az and the certificate), in increment order. */
  public synchronized List<IssuedSecrets> owned() {
    return state.claims().stream().map(ClientState.Claim::owned).flatMap(Optional::stream).toList();
  }

  /** The transaction that spent the funding (the server's close or her refund), once seen. */
  public synchronized Optional<TxId> spentBy() {
    return state.spentBy();
  }

  /** The offer the channel buys. */
  public synchronized Offer offer() {
    return state.offer();
  }

  /** The client's messaging identity for this channel. */
  public PublicIdentity publicIdentity() {
    return msg.publicIdentity();
  }

  /** What the channel looks like now, at the ledger's tip. */
  public synchronized ChannelView view() {
    return ChannelView.of(state.phase().name(), state.terms(), state.funding(), state.received(),
        ctx.ledger().height(), policy);
  }

  /**
   * Her refund, signed and complete: valid once the ledger's tip is at the refund height (a
   * ledger refuses it as non-final one block before).
   *
   * @throws IllegalStateException before the channel is funded
   */
  public synchronized Transaction refundTransaction() {
    ChannelTerms t = state.terms().orElseThrow(() -> new IllegalStateException("no terms yet"));
    ChannelFunding f = state.funding().orElseThrow(() -> new IllegalStateException("not funded"));
    Transaction refund = ChannelTransactions.refund(t, f);
    try {
      return ChannelTransactions.completeRefund(refund, t, ChannelTransactions.signature(refund, t,
          state.channelKey()));
    } catch (ChannelException e) {
      throw new IllegalStateException("the client's own refund does not verify", e);
    }
  }

  // ------------------------------------------------------------------ what a user does

  /**
   * Sends OPEN to the offer's server: a fresh channel id, her channel key, the increments, the
   * increment price the offer implies, the capacity, the fee of her context and a refund height
   * {@link ChannelPolicy#refundDelayBlocks()} past the tip.
   *
   * @throws IllegalStateException unless {@link State#NEW}
   */
  public synchronized void start() {
    if (state.phase() != State.NEW) {
      throw new IllegalStateException("already started");
    }
    Offer offer = state.offer();
    int i = state.increments();
    var price = ChannelTerms.incrementPrice(offer.pricePerKwh(), offer.energy(), i);
    ChannelMessage.Open open = new ChannelMessage.Open(ChannelId.random(ctx.random()), offer.entry(),
        state.channelKey().publicKey(), i, price, price.times(i), ctx.fee(),
        ctx.ledger().height() + policy.refundDelayBlocks());
    ClientState.Edit e = state.edit().phase(State.OPENING);
    e.open = Optional.of(open);
    e.waitUntil = ctx.now() + ctx.timeoutSeconds();
    commit(e.done(), List.of(new SessionAction.ToPeer<>(open)));
  }

  /**
   * Pays the next increment: saves its number, then sends her signature of payment n.
   *
   * @return false if no payment can go now: the channel is not open, the last payment's secret
   *     has not come, every increment is paid, or the chain is within the server's safety margin
   */
  public synchronized boolean pay() {
    if (state.phase() != State.OPEN || state.sent() > state.received() || storageFailed()) {
      return false;
    }
    ChannelTerms t = state.terms().orElseThrow();
    if (state.sent() >= t.increments()
        || ctx.ledger().height() >= t.refundHeight() - policy.safetyMarginBlocks()) {
      return false;
    }
    int n = state.sent() + 1;
    ChannelMessage.Pay pay = Payments.sign(t, state.funding().orElseThrow(), n, state.channelKey());
    ClientState.Edit e = state.edit();
    e.sent = n;
    resendAt = ctx.now() + ctx.timeoutSeconds();
    // Saved before it leaves: a restart knows the server may hold payment n.
    commit(e.done(), List.of(new SessionAction.ToPeer<>(pay)));
    return true;
  }

  /**
   * Asks the server to close the channel with the latest payment.
   *
   * @return false unless the channel is open
   */
  public synchronized boolean closeChannel() {
    if (state.phase() != State.OPEN) {
      return false;
    }
    resendAt = ctx.now() + ctx.timeoutSeconds();
    commit(state.edit().phase(State.CLOSING).done(), List.of(new SessionAction.ToPeer<>(
        new ChannelMessage.Close(state.terms().orElseThrow().id()))));
    return true;
  }

  // ------------------------------------------------------------------ messages

  @Override
  int role() {
    return ROLE;
  }

  @Override
  void writeState(ByteWriter out, ClientState s) {
    s.write(out);
  }

  @Override
  protected Optional<PublicIdentity> counterpart(ClientState s) {
    return Optional.of(s.offer().seller());
  }

  @Override
  protected boolean isFinal(ClientState s) {
    return s.phase() == State.FAILED;
  }

  @Override
  Optional<DropReason> onChannel(ReceivedMessage m, ChannelMessage c) {
    if (!m.sender().equals(state.offer().seller())
        || state.open().filter(o -> o.channel().equals(c.channel())).isEmpty()) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (c instanceof ChannelMessage.Accept a) {
      if (state.phase() != State.OPENING) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      onAccept(a);
      return Optional.empty();
    }
    if (c instanceof ChannelMessage.Secret s) {
      return onSecret(s);
    }
    return Optional.of(DropReason.UNEXPECTED);
  }

  private void onAccept(ChannelMessage.Accept a) {
    ChannelMessage.Open o = state.open().orElseThrow();
    ChannelScript script;
    try {
      script = ChannelScript.of(a.serverKey(), o.clientKey(), o.refundHeight());
    } catch (IllegalArgumentException sameKey) {
      fail(ChannelError.BAD_KEY);
      return;
    }
    Optional<ChannelError> why = OpenChecks.accept(o, a, state.offer().energy(), policy);
    if (why.isPresent()) {
      fail(why.get());
      return;
    }
    ChannelTerms terms = new ChannelTerms(o.channel(), o.entry(), script, o.increments(), o.incrementPrice(), o.fee());
    RegistryRequest.TestifyChannel r = RegistryRequest.TestifyChannel.create(o.entry(), o.channel(), o.clientKey(),
        ctx.now(), ctx.random());
    ClientState.Edit e = state.edit().phase(State.VALIDATING).pending(r.id());
    e.terms = Optional.of(terms);
    e.lockExpiry = a.lockExpiry();
    e.parts = a.parts();
    e.claims = java.util.Collections.nCopies(o.increments(), ClientState.Claim.NONE);
    e.waitUntil = ctx.now() + ctx.timeoutSeconds();
    commit(e.done(), List.of(new SessionAction.ToDso<>(r, false)));
  }

  private Optional<DropReason> onSecret(ChannelMessage.Secret s) {
    int n = s.increment();
    if (state.terms().isEmpty() || n < 1 || n > state.sent()) {
      return Optional.of(DropReason.UNEXPECTED);
    }
    ClientState.Claim claim = state.claims().get(n - 1);
    if (claim.lambda().isPresent()) {
      return Optional.of(DropReason.UNEXPECTED);
    }
    if (!s.lambda().entryId().equals(state.parts().get(n - 1).entry())) {
      // A forged secret does not hash to the part: she waits for the real one (and closes or refunds).
      lastRefused = ChannelError.BAD_SECRET;
      return Optional.of(DropReason.INVALID);
    }
    RegistryRequest.ChannelTransfer r = claimRequest(s.lambda());
    resendAt = ctx.now() + ctx.timeoutSeconds();
    commit(state.edit().claim(n - 1, new ClientState.Claim(Optional.of(s.lambda()), Optional.of(r.id()), ctx.now(),
        Optional.empty(), Optional.empty())).done(), List.of(new SessionAction.ToDso<>(r, false)));
    return Optional.empty();
  }

  private RegistryRequest.ChannelTransfer claimRequest(EnergySecret lambda) {
    return RegistryRequest.ChannelTransfer.create(lambda, state.channelKey(), state.terms().orElseThrow().id(),
        msg.address(), ctx.now(), ctx.random());
  }

  @Override
  protected Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) {
    if (reply instanceof RegistryReply.Refused r && r.error() == RegistryError.REPLAYED) {
      return Optional.of(DropReason.UNEXPECTED);
    }
    if (state.pending().filter(reply.request()::equals).isPresent() && state.phase() == State.VALIDATING) {
      onTestimony(reply);
      return Optional.empty();
    }
    List<ClientState.Claim> claims = state.claims();
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i).request().filter(reply.request()::equals).isPresent()) {
        return onClaimReply(i, reply);
      }
    }
    return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
  }

  private void onTestimony(RegistryReply reply) {
    ChannelTerms t = state.terms().orElseThrow();
    Optional<ChannelError> why = OpenChecks.testimony(reply, t, state.lockExpiry(), state.parts(), ctx.now(),
        ctx.timeoutSeconds());
    if (why.isPresent()) {
      fail(why.get());
    } else {
      fund(t);
    }
  }

  private void fund(ChannelTerms t) {
    Transaction tx;
    try {
      tx = funds.fund(List.of(TxOutput.of(t.capacity(), t.scriptPubKey())));
    } catch (EnergyException e) {
      fail(ChannelError.INSUFFICIENT_FUNDS);
      return;
    }
    if (tx.outputs().isEmpty() || !tx.output(0).equals(TxOutput.of(t.capacity(), t.scriptPubKey()))) {
      throw new IllegalStateException("the funding source did not pay the output it was given");
    }
    if (tx.size() > ClientState.MAX_FUNDING_TX) {
      fail(ChannelError.FUNDING_TOO_LARGE);
      return;
    }
    OutPoint out = OutPoint.of(tx.txId(), 0);
    ClientState.Edit e = state.edit().phase(State.FUNDING).pending(null);
    e.fundingTx = Optional.of(ByteString.of(tx.serialize()));
    e.funding = Optional.of(new ChannelFunding(out, t.capacity()));
    // Saved before the broadcast: a resumed client re-broadcasts this very transaction.
    commit(e.done(), List.of(new SessionAction.Broadcast<>(e.fundingTx.get()),
        new SessionAction.ToPeer<>(new ChannelMessage.Funded(t.id(), out))));
  }

  private Optional<DropReason> onClaimReply(int index, RegistryReply reply) {
    ClientState.Claim c = state.claims().get(index);
    if (reply instanceof RegistryReply.Issued issued) {
      IssuedSecrets s = issued.secrets().get(0);
      if (issued.secrets().size() != 1 || !s.certificate().verify(ctx.dsoKey())
          || !s.certificate().owner().equals(state.channelKey().publicKey().withCompression(true))
          || !s.energy().equals(state.parts().get(index).energy())) {
        return Optional.of(DropReason.INVALID);
      }
      commit(state.edit().claim(index, new ClientState.Claim(c.lambda(), Optional.empty(), c.sentAt(), Optional.empty(),
          Optional.of(s))).done(), List.of());
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Refused r) {
      LOG.info("{}: the DSO refused the claim of part {}: {} {}", this, index + 1, r.error(), r.detail());
      ClientState.Edit e = state.edit().claim(index, new ClientState.Claim(c.lambda(), Optional.empty(), c.sentAt(),
          Optional.of(r.error()), Optional.empty()));
      e.lastRefusal = Optional.of(ChannelError.REGISTRY_REFUSED);
      commit(e.done(), List.of());
      return Optional.empty();
    }
    return Optional.of(DropReason.INVALID);
  }

  // ------------------------------------------------------------------ time

  /**
   * Advances on time and chain events: gives up on a server or DSO that does not answer before
   * funding; opens the channel once the funding confirms; sends an unanswered payment or CLOSE
   * again; claims again a part whose claim went unanswered or met a passing refusal; refunds
   * once the chain reaches the refund height with the funding unspent; notices the close or the
   * refund spending the funding.
   */
  public synchronized void tick() {
    if (storageFailed() || isFinal(state)) {
      return;
    }
    long now = ctx.now();
    switch (state.phase()) {
      case OPENING, VALIDATING -> {
        if (now > state.waitUntil()) {
          fail(ChannelError.NO_ANSWER);
        }
        return;
      }
      case FUNDING -> {
        TxId id = state.funding().orElseThrow().outPoint().txId();
        if (ctx.ledger().confirmations(id) >= ctx.confirmations()) {
          commit(state.edit().phase(State.OPEN).done(), List.of());
        }
      }
      case OPEN, CLOSING -> resendIfUnanswered(now);
      default -> {
        // Only the checks below.
      }
    }
    if (state.funding().isPresent()) {
      watchFunding();
      reclaim(now);
    }
  }

  private void resendIfUnanswered(long now) {
    if (now < resendAt) {
      return;
    }
    resendAt = now + ctx.timeoutSeconds();
    ChannelTerms t = state.terms().orElseThrow();
    if (state.phase() == State.OPEN && state.sent() > state.received()) {
      perform(List.of(new SessionAction.ToPeer<>(Payments.sign(t, state.funding().orElseThrow(), state.sent(),
          state.channelKey()))));
    } else if (state.phase() == State.CLOSING) {
      perform(List.of(new SessionAction.ToPeer<>(new ChannelMessage.Close(t.id()))));
    }
  }

  /** Notices the funding being spent, and refunds once the chain reached the refund height. */
  private void watchFunding() {
    ChannelFunding f = state.funding().orElseThrow();
    Optional<TxId> spender = ctx.ledger().spender(f.outPoint());
    if (spender.isPresent()) {
      boolean confirmed = ctx.ledger().confirmations(spender.get()) >= 1;
      if (confirmed && state.phase() != State.CLOSED && state.phase() != State.REFUNDED) {
        boolean refunded = state.refundTx().map(this::txId).filter(spender.get()::equals).isPresent();
        ClientState.Edit e = state.edit().phase(refunded ? State.REFUNDED : State.CLOSED);
        e.spentBy = spender;
        commit(e.done(), List.of());
      }
      return;
    }
    ChannelTerms t = state.terms().orElseThrow();
    if (ctx.ledger().height() >= t.refundHeight() && state.phase().compareTo(State.FUNDING) >= 0
        && state.phase() != State.REFUNDING) {
      ByteString refund = ByteString.of(refundTransaction().serialize());
      LOG.info("{}: the chain reached the refund height {} with the channel unclosed: refunding", this,
          t.refundHeight());
      ClientState.Edit e = state.edit().phase(State.REFUNDING);
      e.refundTx = Optional.of(refund);
      commit(e.done(), List.of(new SessionAction.Broadcast<>(refund)));
    } else if (state.phase() == State.REFUNDING) {
      state.refundTx().ifPresent(tx -> broadcast(tx.toByteArray()));
    }
  }

  private TxId txId(ByteString tx) {
    try {
      return Transaction.parse(tx.toByteArray()).txId();
    } catch (ChainException e) {
      throw new IllegalStateException("a saved transaction does not parse", e);
    }
  }

  private void reclaim(long now) {
    List<ClientState.Claim> claims = state.claims();
    List<Integer> due = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      ClientState.Claim c = claims.get(i);
      boolean passing = c.refusal().filter(e -> e == RegistryError.UNAVAILABLE || e == RegistryError.STALE)
          .isPresent();
      if (c.lambda().isPresent() && c.owned().isEmpty()
          && (c.request().isPresent() && now > c.sentAt() + ctx.timeoutSeconds() || c.request().isEmpty() && passing)) {
        due.add(i);
      }
    }
    for (int i : due) {
      ClientState.Claim c = state.claims().get(i);
      RegistryRequest.ChannelTransfer r = claimRequest(c.lambda().orElseThrow());
      commit(state.edit().claim(i, new ClientState.Claim(c.lambda(), Optional.of(r.id()), now, Optional.empty(),
          Optional.empty())).done(), List.of(new SessionAction.ToDso<>(r, false)));
    }
  }

  // ------------------------------------------------------------------ failures

  private void fail(ChannelError why) {
    LOG.info("{}: failed: {}", this, why);
    ClientState.Edit e = state.edit().phase(State.FAILED).pending(null);
    e.failure = Optional.of(why);
    commit(e.done(), List.of());
  }

  @Override
  protected void broadcastRefused(LedgerRejection rejection) {
    if (state.phase() == State.FUNDING) {
      LOG.warn("{}: the ledger refused the funding: {}", this, rejection);
      fail(ChannelError.CHAIN);
    } else {
      LOG.info("{}: the ledger refused a transaction: {}", this, rejection);
    }
  }

  @Override
  protected void sendFailed(MessageException cause) {
    // Once funded, money is at stake: keep the session to pay, close or refund instead of giving up.
    if (state.phase().compareTo(State.FUNDING) < 0) {
      fail(ChannelError.MESSAGING);
    }
  }

  @Override
  public synchronized String toString() {
    return "ChannelClient{" + msg.address() + ", " + state.phase() + ", " + state.sent() + " sent}";
  }
}
