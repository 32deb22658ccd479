package org.priwatt.energy;

import java.util.Arrays;
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
import org.priwatt.msg.MessageListener;
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
 * Thread-safe (one monitor).
 */
public final class ProsumerSession implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProsumerSession.class);

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

  private final TradeContext ctx;
  private final Identity msg;
  private final EcKey txKey;
  private State state = State.AWAITING_SECRETS;
  private IssuedSecrets secrets;
  private long sequence;
  private Offer offer;
  private PublicIdentity buyer;
  private Identity shared;
  private Script redeem;
  private Amount price;
  private RequestId pending;
  private long deadline;
  private Optional<RegistryError> lastRefusal = Optional.empty();

  /**
   * A session for the energy metered under {@code txKey} / {@code msg}; adds {@code msg} to the
   * node and listens.
   */
  public ProsumerSession(TradeContext ctx, Identity msg, EcKey txKey) {
    this.ctx = Objects.requireNonNull(ctx);
    this.msg = Objects.requireNonNull(msg);
    this.txKey = Objects.requireNonNull(txKey);
    ctx.node().addIdentity(msg);
    ctx.node().addListener(this);
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

  /**
   * Posts the offer on the board at {@code pricePerKwh} satoshis, valid for {@code ttlSeconds}.
   *
   * @throws IllegalStateException unless {@link State#READY}
   * @throws MessageException if the broadcast fails
   */
  public synchronized Offer offer(Identity board, long pricePerKwh, long ttlSeconds) throws MessageException {
    if (state != State.READY) {
      throw new IllegalStateException("cannot offer in state " + state);
    }
    offer = new Offer(secrets.entryId(), secrets.energy(), Amount.ofSat(pricePerKwh),
        txKey.publicKey().withCompression(true).hash160(), msg.publicIdentity(), ctx.now() + ttlSeconds);
    AuctionBoard.post(ctx.node(), board, offer, Math.min(ttlSeconds, 28L * 24 * 3600));
    state = State.OFFERED;
    return offer;
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    Optional<TradeMessage> t = TradeMessage.fromContent(m.content());
    if (t.isEmpty()) {
      return;
    }
    try {
      synchronized (this) {
        dispatch(m, t.get());
      }
    } catch (RegistryException | MessageException | ChainException | CryptoException | RuntimeException e) {
      LOG.debug("seller ignored {}: {}", t.get(), e.toString());
    }
  }

  private void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException,
      CryptoException {
    boolean fromDso = m.sender().address().equals(ctx.dso().address());
    if (t.kind() == TradeMessage.Kind.DSO_REPLY && fromDso) {
      onDsoReply(RegistryReply.decode(t.body()));
    } else if (m.recipient().equals(msg.address())) {
      BytesIn in = new BytesIn(t.body());
      EntryId entry = EntryId.fromBytes(in.raw(EntryId.LENGTH));
      if (secrets == null || !entry.equals(secrets.entryId())) {
        return;
      }
      if (t.kind() == TradeMessage.Kind.BUY && state == State.OFFERED) {
        EcPublicKey buyerKey = EcPublicKey.parse(in.raw(33));
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
   * @throws MessageException if the request cannot be sent
   */
  public synchronized void requestLock(PublicIdentity buyerMsg, EcPublicKey buyerKey, Amount totalPrice)
      throws MessageException {
    buyer = buyerMsg;
    price = totalPrice;
    // The shared identity demands the same proof of work as the session identity.
    shared = SharedIdentity.derive(msg, buyerMsg).withPow(msg.publicIdentity().pow());
    ctx.node().addIdentity(shared);
    redeem = EscrowScripts.redeemScript(ctx.dsoKey(), txKey.publicKey(), buyerKey);
    RegistryRequest r = RegistryRequest.lock(secrets.lock(), secrets.entryId(), sequence, ctx.now(),
        new EscrowLock(redeem, price), ctx.random());
    pending = r.id();
    state = State.LOCKING;
    sendDso(shared, r);
  }

  private void onDsoReply(RegistryReply r) throws MessageException {
    if (state == State.AWAITING_SECRETS && r.isOk() && r.secrets().size() == 1) {
      secrets = r.secrets().get(0);
      state = State.READY;
      return;
    }
    if (pending == null || !r.request().equals(pending)) {
      if (r.transaction().length > 0 && (state == State.SECRET_DELIVERED || state == State.ESCROW_SENT)) {
        settleDispute(r);
      }
      return;
    }
    pending = null;
    if (!r.isOk()) {
      lastRefusal = r.error();
      if (state == State.LOCKING) {
        state = State.OFFERED;
      }
      return;
    }
    sequence++;
    if (state == State.LOCKING) {
      send(buyer, TradeMessage.Kind.ESCROW, new BytesOut().raw(secrets.entryId().toBytes()).var(redeem.program()).toByteArray());
      deadline = ctx.now() + ctx.timeoutSeconds();
      state = State.ESCROW_SENT;
    } else if (state == State.ESCROW_SENT) {
      // An unlock after the timeout succeeded: offer again.
      ctx.node().removeIdentity(shared);
      state = State.OFFERED;
    }
  }

  private void settleDispute(RegistryReply r) {
    try {
      completeAndBroadcast(Transaction.parse(r.transaction()));
    } catch (ChainException e) {
      LOG.debug("unusable settlement: {}", e.getMessage());
    }
  }

  private void completeAndBroadcast(Transaction tx) throws ChainException {
    Transaction signed = EscrowTransactions.sign(tx, redeem, txKey);
    Optional<LedgerRejection> rej = ctx.ledger().broadcast(signed);
    if (rej.isEmpty() || rej.get() == LedgerRejection.DUPLICATE || rej.get() == LedgerRejection.DOUBLE_SPEND) {
      state = State.SETTLED;
    }
  }

  /**
   * Advances on time and chain events: delivers bλ once the escrow payment has its
   * confirmations; after the timeout without any payment, asks the DSO to unlock.
   *
   * @throws MessageException if a message cannot be sent
   */
  public synchronized void tick() throws MessageException {
    if (state != State.ESCROW_SENT || pending != null) {
      return;
    }
    Script p2sh = EscrowScripts.p2sh(redeem);
    if (ctx.ledger().confirmedPayment(p2sh, price, ctx.confirmations()).isPresent()) {
      byte[] l = secrets.ownership().copyBytes();
      try {
        send(buyer, TradeMessage.Kind.SECRET, new BytesOut().raw(secrets.entryId().toBytes()).raw(l).toByteArray());
      } finally {
        Arrays.fill(l, (byte) 0);
      }
      state = State.SECRET_DELIVERED;
    } else if (ctx.now() > deadline && ctx.ledger().paymentsTo(p2sh).isEmpty()) {
      RegistryRequest r = RegistryRequest.unlock(secrets.lock(), secrets.entryId(), sequence, ctx.now(), ctx.random());
      pending = r.id();
      sendDso(shared, r);
    }
  }

  private void sendDso(Identity from, RegistryRequest r) throws MessageException {
    ctx.node().sendMessage(from, ctx.dso(), new TradeMessage(TradeMessage.Kind.DSO_REQUEST, r.encode()).toContent(),
        TradeContext.MESSAGE_TTL);
  }

  private void send(PublicIdentity to, TradeMessage.Kind kind, byte[] body) throws MessageException {
    ctx.node().sendMessage(msg, to, new TradeMessage(kind, body).toContent(), TradeContext.MESSAGE_TTL);
  }

  @Override
  public synchronized String toString() {
    return "ProsumerSession{" + msg.address() + ", " + state + "}";
  }
}
