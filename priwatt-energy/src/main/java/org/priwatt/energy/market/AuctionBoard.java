package org.priwatt.energy.market;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ReceivedBroadcast;

/**
 * The auction board (paper §3.1, "Matching and Validation"): offers travel as Bitmessage v5
 * broadcasts of a well-known board identity, derived deterministically from a public passphrase
 * like a Bitmessage "chan", so any node can post and read and the broadcast's sender reveals
 * nobody.
 *
 * <p>The board is an open channel, so it trusts nothing it reads: an offer is kept only if it is
 * authentic (signed by the owner key the DSO certified for the entry, see {@link Offer}), within
 * bounds and live; per entry the most recently posted authentic offer wins, so a copy can neither
 * hide nor replace the real one. MATCH (Algorithm 1) drops expired offers and those whose entry
 * was paid for: a payment commitment counts only beside an escrow payment of at least the offer's
 * price, so a stranger cannot remove an offer by publishing a commitment alone. At most {@value
 * #MAX_OFFERS} offers are held. Thread-safe.
 */
public final class AuctionBoard implements MessageListener {
  /** Subject of offer broadcasts. */
  public static final String SUBJECT = "priwatt/offer/v2";
  /** Default board passphrase. */
  public static final String DEFAULT_BOARD = "PriWatt auction board v2";
  /** Most offers a board holds; further new entries are refused until expired ones are pruned. */
  public static final int MAX_OFFERS = 100_000;

  private final Identity board;
  private final PaymentLedger ledger;
  private final EcPublicKey dsoKey;
  private final LongSupplier clock;
  private final Map<EntryId, Offer> offers = new HashMap<>();
  private final Map<EntryId, Boolean> processed = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();

  private AuctionBoard(Identity board, PaymentLedger ledger, EcPublicKey dsoKey, LongSupplier clock) {
    this.board = Objects.requireNonNull(board, "board");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.dsoKey = Objects.requireNonNull(dsoKey, "dsoKey");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The board identity for {@code passphrase} (the same everywhere). */
  public static Identity boardIdentity(String passphrase) {
    return Identity.deterministic(passphrase.getBytes(StandardCharsets.UTF_8), 1, Identity.DEFAULT_LEADING_ZEROS);
  }

  /**
   * Creates a board reading the broadcasts of {@code board} on {@code node} (subscribing it and
   * registering as listener), accepting offers certified by {@code dsoKey}.
   */
  public static AuctionBoard attach(MessageNode node, Identity board, PaymentLedger ledger, EcPublicKey dsoKey,
      LongSupplier clock) {
    AuctionBoard b = new AuctionBoard(board, ledger, dsoKey, clock);
    node.subscribe(board.address());
    node.addListener(b);
    return b;
  }

  /** Posts {@code offer} as a board broadcast from {@code node}; the proof of work runs on the node's executor. */
  public static CompletableFuture<InventoryHash> post(MessageNode node, Identity board, Offer offer, long ttlSeconds) {
    return node.broadcastAsync(board, MessageContent.simple(SUBJECT, Hex.encode(offer.encode())), ttlSeconds);
  }

  @Override
  public void onBroadcast(ReceivedBroadcast b) {
    if (!b.sender().address().equals(board.address()) || !SUBJECT.equals(b.content().subject())) {
      return;
    }
    String body = b.content().body();
    if (body.length() > 2 * Offer.MAX_ENCODED) {
      refused.incrementAndGet();
      return;
    }
    Offer o;
    try {
      o = Offer.decode(Hex.decode(body), dsoKey);
    } catch (EnergyException | IllegalArgumentException e) {
      refused.incrementAndGet();
      return;
    }
    accept(o);
  }

  /** Adds an authentic offer (the newest per entry wins); returns whether it was kept. */
  synchronized boolean accept(Offer o) {
    long now = clock.getAsLong();
    if (o.expiry() <= now) {
      return false;
    }
    Offer held = offers.get(o.entry());
    if (held == null && offers.size() >= MAX_OFFERS) {
      offers.values().removeIf(x -> x.expiry() <= now);
      if (offers.size() >= MAX_OFFERS) {
        refused.incrementAndGet();
        return false;
      }
    }
    if (held != null && held.postedAt() >= o.postedAt()) {
      return false;
    }
    offers.put(o.entry(), o);
    return true;
  }

  /** Marks an offer as processed locally (e.g. this node already bought it). */
  public synchronized void markProcessed(EntryId entry) {
    processed.put(entry, Boolean.TRUE);
  }

  /**
   * Algorithm 1 MATCH: the live offers of at least {@code minEnergy} at a price per kWh of at most
   * {@code maxPricePerKwh} satoshis, cheapest first (then largest). Expired offers, offers marked
   * processed and offers whose entry was paid for (a confirmed commitment beside an escrow payment
   * of at least the offer's total price) are dropped.
   */
  public synchronized List<Offer> match(EnergyAmount minEnergy, long maxPricePerKwh) {
    long now = clock.getAsLong();
    offers.values().removeIf(o -> o.expiry() <= now);
    return offers.values().stream()
        .filter(o -> o.energy().compareTo(minEnergy) >= 0 && o.pricePerKwh().sat() <= maxPricePerKwh)
        .filter(o -> !processed.containsKey(o.entry()))
        .filter(o -> {
          if (ledger.isCommitmentPaid(o.entry(), 1, o.totalPrice())) {
            processed.put(o.entry(), Boolean.TRUE);
            return false;
          }
          return true;
        })
        .sorted(Comparator.comparingLong((Offer o) -> o.pricePerKwh().sat())
            .thenComparing(Offer::energy, Comparator.reverseOrder()).thenComparing(o -> o.entry().toString()))
        .toList();
  }

  /** Number of offers held (live or not yet pruned). */
  public synchronized int size() {
    return offers.size();
  }

  /** Broadcasts on the board that were refused: undecodable, out of bounds, not authentic, or over capacity. */
  public long refused() {
    return refused.get();
  }
}
