package org.priwatt.energy.trade;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.EscrowFunding;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
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
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.msg.SharedIdentity;
import org.priwatt.script.EscrowKeys;

/**
 * The seller's side of one Case 1 trade (Bob in Algorithm 1): receives the entry's secrets and
 * certificate from the DSO, posts a signed offer, locks the entry through the address shared with
 * a buyer who asks, sends her the escrow terms the DSO granted, and hands over bλ once a funding
 * output committed to that lock has the confirmations. He is paid by the release the DSO
 * completes when the buyer claims the energy; if that does not happen before the timeout he asks
 * the DSO to arbitrate. A lock that expires unpaid is released and the entry offered again.
 * Driven by messages and by {@link #tick()}.
 *
 * <p>What a cheating buyer or DSO can send is checked before anything is signed or revealed: bλ
 * goes out only against a funding output the seller checked himself (right escrow, at least the
 * price, committed to this entry and lock, confirmed, unspent); he co-signs only the settlement he
 * rebuilt from the agreed terms and the DSO's share, and only in reply to his own dispute.
 *
 * <p>Crash recovery: every transition is saved before it acts ({@link TradeSession}); {@link
 * #resume} rebuilds the session, repeats the last actions and reads what arrived meanwhile.
 * Thread-safe (one monitor).
 */
public final class ProsumerSession extends TradeSession<SellerState> {
  /** The seller's states. */
  public enum State {
    /** Waiting for the DSO's secrets. */
    AWAITING_SECRETS,
    /** Holds bλ, bz and the certificate; nothing posted. */
    READY,
    /** The offer is on the board. */
    OFFERED,
    /** A lock request for a buyer is with the DSO. */
    LOCKING,
    /** Locked; the escrow terms went to the buyer; waiting for a funding output. */
    ESCROW_SENT,
    /** The lock expired unpaid; its release is with the DSO. */
    UNLOCKING,
    /** bλ went to the buyer; waiting for the release. */
    SECRET_DELIVERED,
    /** A dispute is with the DSO. */
    DISPUTING,
    /** The escrow was spent (the release or a settlement). */
    SETTLED,
    /** The session stopped; {@link #failure()} says why. */
    FAILED
  }

  private ProsumerSession(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store, SellerState initial) {
    super(ctx, msg, txKey, store, initial);
  }

  /**
   * A new session for the energy metered under {@code txKey} / {@code msg}, saving its state to
   * {@code store} after every transition; joins the node.
   *
   * @throws EnergyException if the initial snapshot cannot be saved
   */
  public static ProsumerSession open(TradeContext ctx, Identity msg, EcKey txKey, SessionStore store)
      throws EnergyException {
    ProsumerSession s = new ProsumerSession(ctx, msg, txKey, store, SellerState.initial());
    s.saveInitialAndAttach();
    return s;
  }

  /**
   * Rebuilds a session from the snapshot in {@code store}, rejoins the node with its identities,
   * performs the last transition's actions again and handles what arrived while it was down.
   *
   * @throws EnergyException if there is no snapshot or it cannot be read or decoded
   */
  public static ProsumerSession resume(TradeContext ctx, SessionStore store) throws EnergyException {
    byte[] snapshot = load(store, "seller");
    try {
      ByteReader in = Snapshots.open(snapshot, Snapshots.SELLER);
      Identity msg = Fields.privateIdentity(in);
      EcKey key = Fields.privateKey(in);
      SellerState s = SellerState.read(in, ctx.dsoKey());
      List<InventoryHash> handled = Snapshots.handled(in);
      List<SessionAction<TradeMessage>> outbox = ACTIONS.read(in, ctx.dsoKey());
      in.expectEnd();
      if (s.buyer().filter(b -> b.address().equals(msg.address())).isPresent()) {
        throw new EnergyException(org.priwatt.energy.EnergyError.MALFORMED, "seller snapshot names itself as the buyer");
      }
      ProsumerSession session = new ProsumerSession(ctx, msg, key, store, s);
      synchronized (session) {
        // Derived only now: the search for the shared address is slow, so a damaged snapshot fails first.
        session.shared = s.buyer().filter(b -> s.phase().compareTo(State.LOCKING) >= 0).map(session::sharedWith)
            .orElse(null);
        session.checkOutbox(outbox);
        session.rejoin(handled, outbox);
      }
      return session;
    } catch (DecodeException e) {
      throw EnergyException.decoding("seller snapshot", e);
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

  /** The last refusal the DSO sent this session, if any. */
  public synchronized Optional<RegistryError> lastRefusal() {
    return state.lastRefusal();
  }

  /** The entry this session sells, once the secrets arrived. */
  public synchronized Optional<EntryId> entry() {
    return state.secrets().map(IssuedSecrets::entryId);
  }

  /**
   * bλ, bz and the certificate the DSO issued for the metered energy, once they arrived: what a
   * payment channel's server sells instead (Case 2, {@code priwatt-channels}) when the entry is not
   * traded through this session. Security: the secrets prove ownership of the entry; a caller
   * that hands them on must stop offering the entry here.
   */
  public synchronized Optional<IssuedSecrets> secrets() {
    return state.secrets();
  }

  /** The escrow terms of the current lock, once granted. */
  public synchronized Optional<EscrowTerms> terms() {
    return state.terms();
  }

  /** The session's messaging identity (msgAddrB). */
  public PublicIdentity publicIdentity() {
    return msg.publicIdentity();
  }

  @Override
  protected boolean canPost() {
    return state.board().isPresent() && state.offer().isPresent();
  }

  @Override
  protected Identity board() {
    return state.board().orElseThrow(() -> new IllegalStateException("no offer posted"));
  }

  /**
   * Posts the offer on the board at {@code pricePerKwh} satoshis, valid for {@code ttlSeconds}.
   *
   * @throws IllegalStateException unless {@link State#READY}
   * @throws IllegalArgumentException if the price or the time to live is outside the offer's bounds
   */
  public synchronized Offer offer(Identity board, long pricePerKwh, long ttlSeconds) {
    if (state.phase() != State.READY) {
      throw new IllegalStateException("cannot offer in state " + state.phase());
    }
    long now = ctx.now();
    Offer offer = Offer.create(state.secrets().orElseThrow().certificate(), txKey, Amount.ofSat(pricePerKwh),
        msg.publicIdentity(), now, now + ttlSeconds);
    SellerState.Edit e = state.edit().phase(State.OFFERED);
    e.offer = Optional.of(offer);
    e.board = Optional.of(board);
    commit(e.done(), List.of(new SessionAction.PostOffer<>(offer)));
    return offer;
  }

  // ------------------------------------------------------------------ messages

  @Override
  protected Optional<PublicIdentity> counterpart(SellerState s) {
    return s.buyer();
  }

  @Override
  protected boolean isFinal(SellerState s) {
    return s.phase() == State.SETTLED || s.phase() == State.FAILED;
  }

  @Override
  protected Optional<DropReason> onReply(ReceivedMessage m, RegistryReply reply) throws EnergyException {
    if (state.phase() == State.AWAITING_SECRETS && reply instanceof RegistryReply.Issued issued
        && issued.request().equals(RegistryReply.NOTICE) && m.recipient().equals(msg.address())) {
      return takeSecrets(issued);
    }
    if (state.pending().filter(reply.request()::equals).isEmpty()) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (reply instanceof RegistryReply.Refused r && r.error() == RegistryError.REPLAYED) {
      // A request repeated after a resume: the original's reply is the one that counts.
      return Optional.of(DropReason.UNEXPECTED);
    }
    return switch (state.phase()) {
      case LOCKING -> onLockReply(reply);
      case UNLOCKING -> onUnlockReply(reply);
      case DISPUTING -> onDisputeReply(reply);
      default -> Optional.of(DropReason.UNEXPECTED);
    };
  }

  private Optional<DropReason> takeSecrets(RegistryReply.Issued issued) {
    if (issued.secrets().size() != 1) {
      return Optional.of(DropReason.INVALID);
    }
    IssuedSecrets s = issued.secrets().get(0);
    if (!s.certificate().owner().equals(txKey.publicKey().withCompression(true)) || !s.certificate().verify(ctx.dsoKey())) {
      return Optional.of(DropReason.INVALID);
    }
    SellerState.Edit e = state.edit().phase(State.READY);
    e.secrets = Optional.of(s);
    commit(e.done(), List.of());
    return Optional.empty();
  }

  private Optional<DropReason> onLockReply(RegistryReply reply) {
    SellerState.Edit e = state.edit().pending(null);
    if (reply instanceof RegistryReply.LockGranted g) {
      EscrowTerms terms = new EscrowTerms(entryId(), g.lock(), escrow(state.buyerKey().orElseThrow()),
          state.price().orElseThrow(), ctx.fee());
      e.phase(State.ESCROW_SENT).deadline(g.expiry());
      e.sequence++;
      e.terms = Optional.of(terms);
      e.lockExpiry = g.expiry();
      commit(e.done(), List.of(new SessionAction.ToPeer<>(new TradeMessage.Escrow(terms, g.expiry()))));
    } else if (reply instanceof RegistryReply.Refused r) {
      e.phase(State.OFFERED).lastRefusal = Optional.of(r.error());
      leaveShared();
      commit(e.done(), List.of());
    } else {
      return Optional.of(DropReason.INVALID);
    }
    return Optional.empty();
  }

  private Optional<DropReason> onUnlockReply(RegistryReply reply) {
    SellerState.Edit e = state.edit().pending(null);
    if (reply instanceof RegistryReply.Unlocked) {
      // Offered again, or ready to be offered anew if the offer expired meanwhile.
      boolean live = state.offer().filter(o -> ctx.now() < o.expiry()).isPresent();
      e.phase(live ? State.OFFERED : State.READY).sequence++;
      leaveShared();
    } else if (reply instanceof RegistryReply.Refused r) {
      // Not expired on the DSO's clock yet, or a payment confirmed meanwhile: wait on.
      e.phase(State.ESCROW_SENT).lastRefusal = Optional.of(r.error());
    } else {
      return Optional.of(DropReason.INVALID);
    }
    commit(e.done(), List.of());
    return Optional.empty();
  }

  private Optional<DropReason> onDisputeReply(RegistryReply reply) throws EnergyException {
    EscrowTerms terms = state.terms().orElseThrow();
    OutPoint funding = state.funding().orElseThrow();
    if (reply instanceof RegistryReply.Release r) {
      Transaction tx = parse(r.transaction());
      Payment paid = ctx.ledger().output(funding).orElseThrow(() -> new EnergyException(
          org.priwatt.energy.EnergyError.CHAIN, "the funding output is unknown"));
      if (!r.lock().equals(terms.lock()) || tx.inputs().size() != 1 || !tx.input(0).outPoint().equals(funding)
          || !tx.outputs().equals(EscrowTransactions.release(terms, paid).outputs())) {
        return Optional.of(DropReason.INVALID);
      }
      settle(tx);
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Decision d) {
      if (!d.lock().equals(terms.lock()) || !d.funding().equals(funding)) {
        return Optional.of(DropReason.INVALID);
      }
      Optional<Transaction> settlement = Settlements.complete(ctx, terms, d, txKey);
      if (settlement.isEmpty()) {
        return Optional.of(DropReason.INVALID);
      }
      settle(settlement.get());
      return Optional.empty();
    }
    if (reply instanceof RegistryReply.Refused r) {
      SellerState.Edit e = state.edit().pending(null);
      e.lastRefusal = Optional.of(r.error());
      if (r.error() != RegistryError.PAYMENT_NOT_CONFIRMED) {
        e.phase(State.FAILED).failure = Optional.of(TradeFailure.DISPUTE_REFUSED);
      }
      commit(e.done(), List.of());
      return Optional.empty();
    }
    return Optional.of(DropReason.INVALID);
  }

  private void settle(Transaction tx) {
    SellerState.Edit e = state.edit().phase(State.SETTLED).pending(null);
    commit(e.done(), List.of(new SessionAction.Broadcast<>(ByteString.of(tx.serialize()))));
  }

  private static Transaction parse(ByteString tx) throws EnergyException {
    try {
      return Transaction.parse(tx.toByteArray());
    } catch (ChainException e) {
      throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "transaction does not parse", e);
    }
  }

  @Override
  Optional<DropReason> onTrade(ReceivedMessage m, TradeMessage t) {
    if (!m.recipient().equals(msg.address())) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    if (t instanceof TradeMessage.Buy b) {
      return onBuy(m.sender(), b);
    }
    if (t instanceof TradeMessage.Paid p) {
      if (state.phase() != State.ESCROW_SENT || !state.buyer().filter(m.sender()::equals).isPresent()) {
        return Optional.of(DropReason.UNEXPECTED);
      }
      if (!p.lock().equals(state.terms().orElseThrow().lock())) {
        return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
      }
      // Only a hint where to look: the funding is checked on the ledger, never believed.
      deliverIfFunded(List.of(p.funding()));
      return Optional.empty();
    }
    return Optional.of(DropReason.UNEXPECTED);
  }

  private Optional<DropReason> onBuy(PublicIdentity buyer, TradeMessage.Buy b) {
    if (state.secrets().isEmpty() || !b.entry().equals(entryId())) {
      return Optional.of(DropReason.NOT_FOR_THIS_TRADE);
    }
    Offer offer = state.offer().orElse(null);
    if (state.phase() != State.OFFERED || offer == null || ctx.now() >= offer.expiry()) {
      return Optional.of(DropReason.UNEXPECTED);
    }
    // Checked before anything is derived or added to the node: a hostile BUY costs nothing.
    if (b.price().compareTo(offer.totalPrice()) < 0 || !EscrowTerms.isPayable(b.price(), ctx.fee())) {
      return Optional.of(DropReason.INVALID);
    }
    EscrowKeys escrow;
    try {
      escrow = escrow(b.buyerKey());
    } catch (IllegalArgumentException repeatedKey) {
      return Optional.of(DropReason.INVALID);
    }
    shared = sharedWith(buyer);
    ctx.node().addIdentity(shared);
    RegistryRequest.Lock r = RegistryRequest.Lock.create(state.secrets().orElseThrow().lock(), entryId(),
        state.sequence(), ctx.now(), escrow, b.price(), ctx.fee(), ctx.random());
    SellerState.Edit e = state.edit().phase(State.LOCKING).pending(r.id());
    e.buyer = Optional.of(buyer);
    e.buyerKey = Optional.of(b.buyerKey());
    e.price = Optional.of(b.price());
    e.terms = Optional.empty();
    commit(e.done(), List.of(new SessionAction.ToDso<>(r, true)));
    return Optional.empty();
  }

  private EscrowKeys escrow(org.priwatt.crypto.EcPublicKey buyerKey) {
    return EscrowKeys.of(ctx.dsoKey(), txKey.publicKey(), buyerKey);
  }

  private EntryId entryId() {
    return state.secrets().orElseThrow().entryId();
  }

  private Identity sharedWith(PublicIdentity buyer) {
    // The shared identity demands the same proof of work as the session identity.
    return SharedIdentity.derive(msg, buyer).withPow(msg.publicIdentity().pow());
  }

  private void leaveShared() {
    if (shared != null) {
      ctx.node().removeIdentity(shared);
      shared = null;
    }
  }

  // ------------------------------------------------------------------ time

  /**
   * Advances on time and chain events: hands over bλ once a funding output committed to the lock
   * has its confirmations; releases a lock that expired unpaid; notices the release (or a
   * settlement) spending the escrow; disputes when it does not come within the timeout.
   */
  public synchronized void tick() {
    if (storageFailed() || state.pending().isPresent()) {
      return;
    }
    long now = ctx.now();
    switch (state.phase()) {
      case ESCROW_SENT -> {
        EscrowTerms terms = state.terms().orElseThrow();
        List<OutPoint> candidates = ctx.ledger().paymentsTo(terms.scriptPubKey()).stream().map(Payment::outPoint).toList();
        if (!deliverIfFunded(candidates) && now > state.lockExpiry()) {
          RegistryRequest.Unlock r = RegistryRequest.Unlock.create(state.secrets().orElseThrow().lock(), entryId(),
              state.sequence(), now, ctx.random());
          commit(state.edit().phase(State.UNLOCKING).pending(r.id()).done(), List.of(new SessionAction.ToDso<>(r, false)));
        }
      }
      case SECRET_DELIVERED, DISPUTING -> {
        if (ctx.ledger().spender(state.funding().orElseThrow()).isPresent()) {
          commit(state.edit().phase(State.SETTLED).done(), List.of());
        } else if (state.phase() == State.DISPUTING || now > state.deadline()) {
          EscrowTerms terms = state.terms().orElseThrow();
          RegistryRequest.Dispute r = RegistryRequest.Dispute.create(txKey, DisputePolicy.Party.SELLER, entryId(),
              terms.lock(), state.funding().orElseThrow(), "bλ delivered; no release by " + state.deadline(), now,
              ctx.random());
          commit(state.edit().phase(State.DISPUTING).pending(r.id()).done(), List.of(new SessionAction.ToDso<>(r, false)));
        }
      }
      default -> {
        // Nothing waits on time in the other states.
      }
    }
  }

  /** Hands over bλ if one of {@code candidates} funds the lock; returns whether it did. */
  private boolean deliverIfFunded(List<OutPoint> candidates) {
    EscrowTerms terms = state.terms().orElseThrow();
    for (OutPoint c : candidates) {
      if (EscrowFunding.check(ctx.ledger(), terms, c, ctx.confirmations()).ok()) {
        SellerState.Edit e = state.edit().phase(State.SECRET_DELIVERED).deadline(ctx.now() + ctx.timeoutSeconds());
        e.funding = Optional.of(c);
        commit(e.done(), List.of(new SessionAction.ToPeer<>(
            new TradeMessage.Secret(entryId(), state.secrets().orElseThrow().ownership()))));
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ failures and snapshots

  @Override
  protected void broadcastRefused(LedgerRejection rejection) {
    // A settlement can lose a race with the release (DOUBLE_SPEND); tick() notices the spend.
  }

  @Override
  protected void sendFailed(MessageException cause) {
    if (!isFinal(state) && cause.error() != MessageError.POW_CANCELLED) {
      SellerState.Edit e = state.edit().phase(State.FAILED).pending(null);
      e.failure = Optional.of(TradeFailure.MESSAGING);
      commit(e.done(), List.of());
    }
  }

  @Override
  protected byte[] snapshot(SellerState next, List<InventoryHash> handled, List<SessionAction<TradeMessage>> actions) {
    ByteWriter out = Snapshots.header(Snapshots.SELLER);
    Fields.privateIdentity(out, msg);
    Fields.privateKey(out, txKey);
    next.write(out);
    Snapshots.handled(out, handled);
    TradeSession.ACTIONS.write(out, actions);
    byte[] bytes = out.toByteArray();
    out.wipe();
    return bytes;
  }

  @Override
  public synchronized String toString() {
    return "ProsumerSession{" + msg.address() + ", " + state.phase() + "}";
  }
}
