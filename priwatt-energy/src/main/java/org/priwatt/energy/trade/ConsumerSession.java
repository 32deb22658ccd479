package org.priwatt.energy.trade;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.ledger.EscrowFunding;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.DisputePolicy;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.EscrowKeys;

/**
 * The buyer's side of one Case 1 trade (Alice in Algorithm 1): asks the seller of a matched offer
 * to sell, checks the escrow terms he sends against the offer (her key, the DSO's and the offer's
 * seller key, the offer's price, an acceptable fee), has the DSO testify the lock with its price
 * and expiry (VALIDATE), pays into the escrow from her {@link FundingSource} with the payment
 * committed to that lock, and claims the energy with bλ and her signature of the release, which
 * the DSO completes so the seller is paid as she becomes owner. If bλ does not come within the
 * timeout after confirmation, or the claim shows the lock gone, she asks the DSO to arbitrate and
 * completes its settlement. Driven by messages and {@link #tick()}.
 *
 * <p>She pays only after the DSO itself stated the lock's terms and left her at least the timeout
 * to pay and confirm; she co-signs only a settlement she rebuilt, in reply to her own dispute.
 *
 * <p>Crash recovery as in {@link ProsumerSession}: the funding transaction is saved before it is
 * broadcast, so a resumed buyer re-broadcasts that very transaction and never pays twice.
 * Thread-safe (one monitor).
 */
public final class ConsumerSession extends TradeSession<BuyerState> {
  /** The buyer's states. */
  public enum State {
    /** Not started. */
    NEW,
    /** BUY sent; waiting for the escrow terms. */
    REQUESTED,
    /** Terms received; the DSO is asked whether the entry is locked to them. */
    VALIDATING,
    /** Paid into the escrow; waiting for bλ. */
    PAID,
    /** bλ received; the claim is with the DSO. */
    CLAIMING,
    /** Owns the energy (aλ, az and the certificate). */
    OWNER,
    /** A dispute is with the DSO. */
    DISPUTING,
    /** The DSO's settlement was completed and broadcast. */
    SETTLED,
    /** The session stopped; {@link #failure()} says why. */
    FAILED
  }

  private final Offer offer;
  private final FundingSource funds;

  private ConsumerSession(TradeContext ctx, Identity msg, EcKey txKey, Offer offer, FundingSource funds,
      SessionStore store, BuyerState initial) {
    super(ctx, msg, txKey, store, initial);
    this.offer = Objects.requireNonNull(offer, "offer");
    this.funds = Objects.requireNonNull(funds, "funds");
  }

  /**
   * A new session buying {@code offer} with messaging identity {@code msg}, a fresh escrow key
   * {@code txKey} and payments from {@code funds}, saving its state to {@code store}; joins the
   * node.
   *
   * @throws EnergyException if the initial snapshot cannot be saved
   */
  public static ConsumerSession open(TradeContext ctx, Identity msg, EcKey txKey, Offer offer, FundingSource funds,
      SessionStore store) throws EnergyException {
    ConsumerSession s = new ConsumerSession(ctx, msg, txKey, offer, funds, store, BuyerState.initial(ctx.confirmations()));
    s.saveInitialAndAttach();
    return s;
  }

  /**
   * Rebuilds a session from the snapshot in {@code store}, rejoins the node, performs the last
   * transition's actions again and handles the messages that arrived while it was down.
   *
   * @throws EnergyException if there is no snapshot or it cannot be read or decoded
   */
  public static ConsumerSession resume(TradeContext ctx, SessionStore store, FundingSource funds) throws EnergyException {
    byte[] snapshot = load(store, "buyer");
    try {
      ByteReader in = Snapshots.open(snapshot, Snapshots.BUYER);
      Identity msg = Fields.privateIdentity(in);
      EcKey key = Fields.privateKey(in);
      Offer offer = Snapshots.offer(in, ctx.dsoKey());
      BuyerState s = BuyerState.read(in, ctx.dsoKey());
      List<InventoryHash> handled = Snapshots.handled(in);
      List<SessionAction<TradeMessage>> outbox = ACTIONS.read(in, ctx.dsoKey());
      in.expectEnd();
      ConsumerSession session = new ConsumerSession(ctx, msg, key, offer, funds, store, s);
      synchronized (session) {
        session.checkOutbox(outbox);
        session.rejoin(handled, outbox);
      }
      return session;
    } catch (DecodeException e) {
      throw EnergyException.decoding("buyer snapshot", e);
    } finally {
      Arrays.fill(snapshot, (byte) 0);
    }
  }

  /** The current state. */
  public synchronized State state() {
    return state.phase();
  }

  /** Why the session failed: a snapshot that could not be saved, or the failure it recorded. */
  public synchronized Optional<TradeFailure> failure() {
    return storageFailed() ? Optional.of(TradeFailure.STORAGE) : state.failure();
  }

  /** The secrets of the energy bought, once {@link State#OWNER}. */
  public synchronized Optional<IssuedSecrets> owned() {
    return state.owned();
  }

  /** The funding output, once paid. */
  public synchronized Optional<OutPoint> funding() {
    return state.funding();
  }

  /** The escrow terms, once the seller sent them. */
  public synchronized Optional<EscrowTerms> terms() {
    return state.terms();
  }

  /** The offer this session buys. */
  public Offer offer() {
    return offer;
  }

  /**
   * Sends BUY to the seller. Returns at once: the proof of work runs on the node's executor, and a
   * seller demanding more than the node accepts fails the session ({@link TradeFailure#MESSAGING}).
   *
   * @throws IllegalStateException unless {@link State#NEW}
   */
  public synchronized void start() {
    if (state.phase() != State.NEW) {
      throw new IllegalStateException("already started");
    }
    TradeMessage.Buy buy = new TradeMessage.Buy(offer.entry(), txKey.publicKey(), offer.totalPrice());
    commit(state.edit().phase(State.REQUESTED).deadline(ctx.now() + ctx.timeoutSeconds()).done(),
        List.of(new SessionAction.ToPeer<>(buy)));
  }

  // ------------------------------------------------------------------ messages

  @Override
  protected Optional<PublicIdentity> counterpart(BuyerState s) {
    return Optional.of(offer.seller());
  }

  @Override
  protected boolean isFinal(BuyerState s) {
    return s.phase() == State.OWNER || s.phase() == State.SETTLED || s.phase() == State.FAILED;
  }

  @Override
  Optional<DropReason> onTrade(ReceivedMessage m, TradeMessage t) {
    if (!m.recipient().equals(msg.address()) || !m.sender().equals(offer.seller())) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (t instanceof TradeMessage.Escrow e) {
      if (state.phase() != State.REQUESTED) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      if (!e.terms().entry().equals(offer.entry())) {
        return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
      }
      onEscrow(e);
      return Optional.empty();
    }
    if (t instanceof TradeMessage.Secret s) {
      if (!s.entry().equals(offer.entry())) {
        return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
      }
      if (state.phase() != State.PAID) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      if (!s.lambda().entryId().equals(offer.entry())) {
        // A forged bλ does not hash to the offered entry: wait for the real one, or dispute.
        return Optional.of(DropReason.INVALID);
      }
      BuyerState.Edit e = state.edit();
      e.lambda = Optional.of(s.lambda());
      commit(e.done(), List.of());
      claimIfConfirmed();
      return Optional.empty();
    }
    return Optional.of(DropReason.UNEXPECTED);
  }

  private void onEscrow(TradeMessage.Escrow e) {
    EscrowTerms t = e.terms();
    EscrowKeys expected;
    try {
      expected = EscrowKeys.of(ctx.dsoKey(), offer.sellerKey(), txKey.publicKey());
    } catch (IllegalArgumentException sameKey) {
      fail(TradeFailure.BAD_ESCROW);
      return;
    }
    if (!t.escrow().equals(expected) || !t.price().equals(offer.totalPrice()) || t.fee().compareTo(ctx.fee()) > 0) {
      fail(TradeFailure.BAD_ESCROW);
      return;
    }
    if (e.expiry() - ctx.now() < ctx.timeoutSeconds()) {
      fail(TradeFailure.LOCK_TOO_SHORT);
      return;
    }
    RegistryRequest.Testify r = RegistryRequest.Testify.create(offer.entry(), offer.sellerKey(), offer.energy(),
        Optional.of(t.escrow()), ctx.now(), ctx.random());
    BuyerState.Edit next = state.edit().phase(State.VALIDATING).pending(r.id());
    next.terms = Optional.of(t);
    next.lockExpiry = e.expiry();
    commit(next.done(), List.of(new SessionAction.ToDso<>(r, false)));
  }

  @Override
  protected Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) {
    if (!m.recipient().equals(msg.address()) || state.pending().filter(reply.request()::equals).isEmpty()) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (reply instanceof RegistryReply.Refused r && r.error() == RegistryError.REPLAYED) {
      return Optional.of(DropReason.UNEXPECTED);
    }
    return switch (state.phase()) {
      case VALIDATING -> onTestimony(reply);
      case CLAIMING -> onClaimReply(reply);
      case DISPUTING -> onDisputeReply(reply);
      default -> Optional.of(DropReason.UNEXPECTED);
    };
  }

  private Optional<DropReason> onTestimony(RegistryReply reply) {
    if (!(reply instanceof RegistryReply.Testimony t)) {
      fail(TradeFailure.LOCK_NOT_CONFIRMED);
      return Optional.empty();
    }
    EscrowTerms terms = state.terms().orElseThrow();
    Optional<RegistryReply.LockView> lock = t.lock().filter(l -> l.lock().equals(terms.lock())
        && l.price().equals(terms.price()) && l.fee().equals(terms.fee()));
    if (!t.holds() || lock.isEmpty()) {
      fail(TradeFailure.LOCK_NOT_CONFIRMED);
      return Optional.empty();
    }
    if (lock.get().expiry() - ctx.now() < ctx.timeoutSeconds()) {
      fail(TradeFailure.LOCK_TOO_SHORT);
      return Optional.empty();
    }
    pay(terms, lock.get());
    return Optional.empty();
  }

  private void pay(EscrowTerms terms, RegistryReply.LockView lock) {
    Transaction tx;
    try {
      tx = funds.fund(List.of(TxOutput.of(terms.price(), terms.scriptPubKey()),
          TxOutput.of(Amount.ZERO, terms.commitment().script())));
    } catch (EnergyException e) {
      fail(TradeFailure.INSUFFICIENT_FUNDS);
      return;
    }
    if (!EscrowFunding.isFunding(tx, 0, terms)) {
      throw new IllegalStateException("the funding source did not pay the outputs it was given");
    }
    if (tx.size() > BuyerState.MAX_FUNDING_TX) {
      // The snapshot must hold it to re-broadcast it after a crash; spend fewer, larger coins.
      fail(TradeFailure.FUNDING_TOO_LARGE);
      return;
    }
    OutPoint funding = OutPoint.of(tx.txId(), 0);
    BuyerState.Edit e = state.edit().phase(State.PAID).pending(null).deadline(Long.MAX_VALUE);
    e.lockExpiry = lock.expiry();
    e.confirmations = Math.max(ctx.confirmations(), lock.confirmations());
    e.fundingTx = Optional.of(ByteString.of(tx.serialize()));
    e.funding = Optional.of(funding);
    // Saved before the broadcast: a resumed buyer re-broadcasts this very transaction instead of
    // building a second payment from coins the first one already spends.
    commit(e.done(), List.of(new SessionAction.Broadcast<>(e.fundingTx.get()),
        new SessionAction.ToPeer<>(new TradeMessage.Paid(offer.entry(), terms.lock(), funding))));
  }

  private Optional<DropReason> onClaimReply(RegistryReply reply) {
    if (reply instanceof RegistryReply.Transferred t) {
      IssuedSecrets s = t.secrets();
      if (!s.certificate().owner().equals(txKey.publicKey().withCompression(true)) || !s.certificate().verify(ctx.dsoKey())
          || !s.energy().equals(offer.energy())) {
        return Optional.of(DropReason.INVALID);
      }
      BuyerState.Edit e = state.edit().phase(State.OWNER).pending(null);
      e.owned = Optional.of(s);
      commit(e.done(), List.of());
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Refused r) {
      switch (r.error()) {
        case UNKNOWN_LOCK, NOT_LOCKED, NOT_ACTIVE, PAYMENT_USED, BAD_PROOF -> dispute("claim refused: " + r.error());
        default -> commit(state.edit().phase(State.PAID).pending(null).done(), List.of());
      }
      return Optional.empty();
    }
    return Optional.of(DropReason.INVALID);
  }

  private Optional<DropReason> onDisputeReply(RegistryReply reply) {
    if (reply instanceof RegistryReply.Decision d) {
      EscrowTerms terms = state.terms().orElseThrow();
      if (!d.lock().equals(terms.lock()) || !d.funding().equals(state.funding().orElseThrow())) {
        return Optional.of(DropReason.INVALID);
      }
      Optional<Transaction> settlement = Settlements.complete(ctx, terms, d, txKey);
      if (settlement.isEmpty()) {
        return Optional.of(DropReason.INVALID);
      }
      commit(state.edit().phase(State.SETTLED).pending(null).done(),
          List.of(new SessionAction.Broadcast<>(ByteString.of(settlement.get().serialize()))));
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Refused r) {
      if (r.error() == RegistryError.PAYMENT_NOT_CONFIRMED) {
        commit(state.edit().pending(null).done(), List.of());
      } else {
        fail(TradeFailure.DISPUTE_REFUSED);
      }
      return Optional.empty();
    }
    return Optional.of(DropReason.INVALID);
  }

  // ------------------------------------------------------------------ time

  /**
   * Advances on time: gives up on a seller who does not answer; once the payment has its
   * confirmations, claims the energy if bλ came, starts the timeout otherwise, and disputes when it
   * expires; repeats a dispute the DSO could not decide yet.
   */
  public synchronized void tick() {
    if (storageFailed() || state.pending().isPresent()) {
      return;
    }
    long now = ctx.now();
    switch (state.phase()) {
      case REQUESTED -> {
        if (now > state.deadline()) {
          fail(TradeFailure.NO_ANSWER);
        }
      }
      case PAID -> {
        if (!isConfirmed()) {
          return;
        }
        if (state.lambda().isPresent()) {
          claimIfConfirmed();
        } else if (state.deadline() == Long.MAX_VALUE) {
          commit(state.edit().deadline(now + ctx.timeoutSeconds()).done(), List.of());
        } else if (now > state.deadline()) {
          dispute("no ownership secret within " + ctx.timeoutSeconds() + " s of the confirmed payment");
        }
      }
      case DISPUTING -> dispute("repeated: the DSO could not decide yet");
      default -> {
        // Nothing waits on time in the other states.
      }
    }
  }

  private boolean isConfirmed() {
    TxId id = state.funding().orElseThrow().txId();
    return ctx.ledger().confirmations(id) >= state.confirmations();
  }

  private void claimIfConfirmed() {
    if (!isConfirmed() || state.pending().isPresent()) {
      return;
    }
    EscrowTerms terms = state.terms().orElseThrow();
    OutPoint funding = state.funding().orElseThrow();
    Optional<Payment> paid = ctx.ledger().output(funding);
    if (paid.isEmpty()) {
      return;
    }
    byte[] releaseSig;
    try {
      releaseSig = EscrowTransactions.signature(EscrowTransactions.release(terms, paid.get()), terms, txKey);
    } catch (EnergyException e) {
      throw new IllegalStateException("the buyer cannot sign the release of her own escrow", e);
    }
    EnergySecret lambda = state.lambda().orElseThrow();
    RegistryRequest.Transfer r = RegistryRequest.Transfer.create(lambda, txKey, terms.lock(), funding, msg.address(),
        releaseSig, ctx.now(), ctx.random());
    commit(state.edit().phase(State.CLAIMING).pending(r.id()).done(), List.of(new SessionAction.ToDso<>(r, false)));
  }

  /**
   * Asks the DSO to arbitrate the escrow with {@code evidence}: when bλ does not come, or the
   * lock the payment was for is gone.
   *
   * @throws IllegalStateException if nothing was paid yet
   */
  public synchronized void dispute(String evidence) {
    if (state.funding().isEmpty()) {
      throw new IllegalStateException("nothing to dispute before paying");
    }
    EscrowTerms terms = state.terms().orElseThrow();
    RegistryRequest.Dispute r = RegistryRequest.Dispute.create(txKey, DisputePolicy.Party.BUYER, offer.entry(),
        terms.lock(), state.funding().orElseThrow(), evidence, ctx.now(), ctx.random());
    commit(state.edit().phase(State.DISPUTING).pending(r.id()).done(), List.of(new SessionAction.ToDso<>(r, false)));
  }

  // ------------------------------------------------------------------ failures and snapshots

  private void fail(TradeFailure why) {
    BuyerState.Edit e = state.edit().phase(State.FAILED).pending(null);
    e.failure = Optional.of(why);
    commit(e.done(), List.of());
  }

  @Override
  protected void broadcastRefused(LedgerRejection rejection) {
    if (state.phase() == State.PAID && state.lambda().isEmpty()) {
      fail(TradeFailure.PAYMENT_REJECTED);
    }
  }

  @Override
  protected void sendFailed(MessageException cause) {
    // Once paid, money is at stake: keep the session to claim or dispute instead of giving up.
    if (state.phase().compareTo(State.PAID) < 0) {
      fail(TradeFailure.MESSAGING);
    }
  }

  @Override
  protected byte[] snapshot(BuyerState next, List<InventoryHash> handled, List<SessionAction<TradeMessage>> actions) {
    ByteWriter out = Snapshots.header(Snapshots.BUYER);
    Fields.privateIdentity(out, msg);
    Fields.privateKey(out, txKey);
    Snapshots.offer(out, offer);
    next.write(out);
    Snapshots.handled(out, handled);
    TradeSession.ACTIONS.write(out, actions);
    byte[] bytes = out.toByteArray();
    out.wipe();
    return bytes;
  }

  @Override
  public synchronized String toString() {
    return "ConsumerSession{" + msg.address() + ", " + state.phase() + "}";
  }
}
