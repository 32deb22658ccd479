package org.priwatt.energy;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ReceivedBroadcast;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.msg.SentMessage;

/**
 * The auction board (paper §3.1, "Matching and Validation"): offers travel as Bitmessage v5
 * broadcasts of a well-known board identity, derived deterministically from a public passphrase
 * like a Bitmessage "chan", so any node can post and read and the broadcast's sender reveals
 * nobody. The board collects live offers, drops expired ones and, as Algorithm 1 MATCH, those
 * whose payment commitment is already on the ledger. Thread-safe.
 */
public final class AuctionBoard implements MessageListener {
  /** Subject of offer broadcasts. */
  public static final String SUBJECT = "priwatt/offer/v1";
  /** Default board passphrase. */
  public static final String DEFAULT_BOARD = "PriWatt auction board v1";

  private final Identity board;
  private final PaymentLedger ledger;
  private final LongSupplier clock;
  private final Map<EntryId, Offer> offers = new ConcurrentHashMap<>();
  private final Map<EntryId, Boolean> processed = new ConcurrentHashMap<>();

  private AuctionBoard(Identity board, PaymentLedger ledger, LongSupplier clock) {
    this.board = board;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The board identity for {@code passphrase} (the same everywhere). */
  public static Identity boardIdentity(String passphrase) {
    return Identity.deterministic(passphrase.getBytes(StandardCharsets.UTF_8), 1, Identity.DEFAULT_LEADING_ZEROS);
  }

  /**
   * Creates a board reading the broadcasts of {@code board} on {@code node} (subscribing it and
   * registering as listener).
   */
  public static AuctionBoard attach(MessageNode node, Identity board, PaymentLedger ledger, LongSupplier clock) {
    AuctionBoard b = new AuctionBoard(Objects.requireNonNull(board), Objects.requireNonNull(ledger), clock);
    node.subscribe(board.address());
    node.addListener(b);
    return b;
  }

  /**
   * Posts {@code offer} as a board broadcast from {@code node}.
   *
   * @throws MessageException if the broadcast cannot be built
   */
  public static void post(MessageNode node, Identity board, Offer offer, long ttlSeconds) throws MessageException {
    node.broadcast(board, MessageContent.simple(SUBJECT, Hex.encode(offer.encode())), ttlSeconds);
  }

  @Override
  public void onBroadcast(ReceivedBroadcast b) {
    if (!b.sender().address().equals(board.address()) || !SUBJECT.equals(b.content().subject())) {
      return;
    }
    String body = b.content().body();
    if (body.length() > 2 * 512) {
      return;
    }
    try {
      Offer o = Offer.decode(Hex.decode(body));
      offers.putIfAbsent(o.entry(), o);
    } catch (RegistryException | IllegalArgumentException e) {
      // Malformed offers are ignored: the board is an open channel.
    }
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    // Private messages are handled by the trade sessions.
  }

  @Override
  public void onAck(SentMessage s) {
    // Not relevant to the board.
  }

  /** Marks an offer as processed locally (e.g. this node already bought it). */
  public void markProcessed(EntryId entry) {
    processed.put(entry, Boolean.TRUE);
  }

  /**
   * Algorithm 1 MATCH: the live offers of at least {@code minEnergy} at a price per kWh of at
   * most {@code maxPricePerKwh} satoshis, cheapest first (then largest). Expired offers, offers
   * marked processed and offers whose payment commitment has a confirmation are dropped.
   */
  public List<Offer> match(EnergyAmount minEnergy, long maxPricePerKwh) {
    long now = clock.getAsLong();
    offers.values().removeIf(o -> o.expiry() <= now);
    return offers.values().stream()
        .filter(o -> o.energy().compareTo(minEnergy) >= 0 && o.pricePerKwh().sat() <= maxPricePerKwh)
        .filter(o -> !processed.containsKey(o.entry()))
        .filter(o -> {
          if (ledger.isCommitmentPaid(o.entry(), 1)) {
            processed.put(o.entry(), Boolean.TRUE);
            return false;
          }
          return true;
        })
        .sorted(Comparator.comparingLong((Offer o) -> o.pricePerKwh().sat())
            .thenComparing(Offer::energy, Comparator.reverseOrder()))
        .toList();
  }

  /** Number of offers held (live or not yet pruned). */
  public int size() {
    return offers.size();
  }

}
