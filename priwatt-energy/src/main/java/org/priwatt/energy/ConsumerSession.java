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
import org.priwatt.msg.MessageListener;
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
 * and {@link #tick()}. Thread-safe (one monitor).
 */
public final class ConsumerSession implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerSession.class);

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

  private final TradeContext ctx;
  private final Identity msg;
  private final EcKey txKey;
  private final Offer offer;
  private State state = State.NEW;
  private Identity shared;
  private Script redeem;
  private RequestId pending;
  private TxId funding;
  private long deadline;
  private IssuedSecrets owned;
  private String failure = "";

  /** A session buying {@code offer} with messaging identity {@code msg} and escrow key {@code txKey}. */
  public ConsumerSession(TradeContext ctx, Identity msg, EcKey txKey, Offer offer) {
    this.ctx = Objects.requireNonNull(ctx);
    this.msg = Objects.requireNonNull(msg);
    this.txKey = Objects.requireNonNull(txKey);
    this.offer = Objects.requireNonNull(offer);
    ctx.node().addIdentity(msg);
    ctx.node().addListener(this);
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

  /**
   * Sends BUY to the seller and joins the shared trade address.
   *
   * @throws MessageException if the message cannot be sent
   * @throws IllegalStateException unless {@link State#NEW}
   */
  public synchronized void start() throws MessageException {
    if (state != State.NEW) {
      throw new IllegalStateException("already started");
    }
    shared = SharedIdentity.derive(msg, offer.seller()).withPow(msg.publicIdentity().pow());
    ctx.node().addIdentity(shared);
    byte[] body = new BytesOut().raw(offer.entry().toBytes()).raw(txKey.publicKey().compressedEncoding())
        .i64(offer.totalPrice().sat()).toByteArray();
    ctx.node().sendMessage(msg, offer.seller(), new TradeMessage(TradeMessage.Kind.BUY, body).toContent(), TradeContext.MESSAGE_TTL);
    state = State.REQUESTED;
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
    } catch (RegistryException | MessageException | ChainException | RuntimeException e) {
      LOG.debug("buyer ignored {}: {}", t.get(), e.toString());
    }
  }

  private void dispatch(ReceivedMessage m, TradeMessage t) throws RegistryException, MessageException, ChainException {
    if (t.kind() == TradeMessage.Kind.DSO_REPLY && m.sender().address().equals(ctx.dso().address())) {
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
      onEscrow(Script.of(in.var(EscrowScripts.REDEEM_SCRIPT_LENGTH)));
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
      sendDso(msg, r);
    }
  }

  private void onEscrow(Script script) throws MessageException {
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
    sendDso(msg, r);
  }

  private void onDsoReply(RegistryReply r) throws ChainException, MessageException {
    if (r.transaction().length > 0 && (state == State.DISPUTING || state == State.PAID)) {
      Transaction signed = EscrowTransactions.sign(Transaction.parse(r.transaction()), redeem, txKey);
      ctx.ledger().broadcast(signed);
      state = State.SETTLED;
      return;
    }
    if (pending == null || !r.request().equals(pending)) {
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
        lastRefusalToPaid(r);
        return;
      }
      owned = r.secrets().get(0);
      release();
      state = State.OWNER;
    } else if (state == State.DISPUTING && !r.isOk()) {
      fail("dispute refused: " + r.error().orElseThrow());
    }
  }

  private void lastRefusalToPaid(RegistryReply r) {
    // The transfer was refused (e.g. the payment lacked confirmations): keep waiting as PAID.
    LOG.debug("transfer refused: {}", r);
    state = State.PAID;
  }

  private void pay() throws ChainException, MessageException {
    List<Payment> coins = ctx.ledger().unspent(EscrowScripts.p2pkh(txKey.publicKey()), 1);
    Transaction tx;
    try {
      tx = EscrowTransactions.funding(coins, txKey, redeem, offer.entry(), offer.totalPrice(), ctx.fee());
    } catch (IllegalArgumentException e) {
      fail("not enough coins");
      return;
    }
    Optional<LedgerRejection> rej = ctx.ledger().broadcast(tx);
    if (rej.isPresent()) {
      fail("payment rejected: " + rej.get());
      return;
    }
    funding = tx.txId();
    deadline = Long.MAX_VALUE;
    ctx.node().sendMessage(msg, offer.seller(), new TradeMessage(TradeMessage.Kind.PAID,
        new BytesOut().raw(offer.entry().toBytes()).raw(funding.toBytes()).toByteArray()).toContent(), TradeContext.MESSAGE_TTL);
    state = State.PAID;
  }

  private void release() throws ChainException, MessageException {
    Transaction settlement = EscrowTransactions.settlement(OutPoint.of(funding, 0), offer.totalPrice(), redeem, 0, ctx.fee());
    Transaction half = EscrowTransactions.sign(settlement, redeem, txKey);
    ctx.node().sendMessage(msg, offer.seller(), new TradeMessage(TradeMessage.Kind.RELEASE,
        new BytesOut().raw(offer.entry().toBytes()).var(half.serialize()).toByteArray()).toContent(), TradeContext.MESSAGE_TTL);
  }

  /**
   * Advances on time: once the payment is confirmed, starts the timeout for bλ; when it expires,
   * raises a dispute.
   *
   * @throws MessageException if the dispute cannot be sent
   */
  public synchronized void tick() throws MessageException {
    if (state != State.PAID || pending != null) {
      return;
    }
    if (deadline == Long.MAX_VALUE && ctx.ledger().confirmations(funding) >= ctx.confirmations()) {
      deadline = ctx.now() + ctx.timeoutSeconds();
    } else if (ctx.now() > deadline) {
      dispute("no ownership secret within " + ctx.timeoutSeconds() + " s of the confirmed payment " + funding);
    }
  }

  /**
   * Sends evidence and the redeem script to the DSO from the shared address (Algorithm 1 line 34).
   *
   * @throws MessageException if the request cannot be sent
   * @throws IllegalStateException if nothing was paid yet
   */
  public synchronized void dispute(String evidence) throws MessageException {
    if (funding == null) {
      throw new IllegalStateException("nothing to dispute before paying");
    }
    RegistryRequest r = RegistryRequest.dispute(txKey, offer.entry(), redeem, evidence, ctx.now(), ctx.random());
    pending = r.id();
    state = State.DISPUTING;
    sendDso(shared, r);
  }

  private void sendDso(Identity from, RegistryRequest r) throws MessageException {
    ctx.node().sendMessage(from, ctx.dso(), new TradeMessage(TradeMessage.Kind.DSO_REQUEST, r.encode()).toContent(),
        TradeContext.MESSAGE_TTL);
  }

  private void fail(String why) {
    failure = why;
    state = State.FAILED;
  }

  @Override
  public synchronized String toString() {
    return "ConsumerSession{" + msg.address() + ", " + state + "}";
  }
}
