package org.priwatt.energy.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Ledgers;
import org.priwatt.energy.Samples;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedBroadcast;

/**
 * The board trusts nothing it reads: only authentic, live offers are kept, the newest per entry
 * wins, and MATCH drops expired, processed and paid-for offers, cheapest first.
 */
class AuctionBoardTest {
  private static final Identity BOARD = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
  private final AtomicLong now = new AtomicLong(Samples.T0);
  private final Set<EntryId> paid = ConcurrentHashMap.newKeySet();
  private MessageNode node;
  private AuctionBoard board;

  @BeforeEach
  void attach() {
    node = MessageNode.builder("board").build();
    board = AuctionBoard.attach(node, BOARD, Ledgers.paid(paid), OfferTest.DSO.publicKey(), now::get);
  }

  @AfterEach
  void close() {
    node.close();
  }

  private static Offer offer(EcKey owner, EntryCertificate c, long pricePerKwh, long postedAt, long expiry) {
    return Offer.create(c, owner, Amount.ofSat(pricePerKwh), Samples.identity().publicIdentity(), postedAt, expiry);
  }

  private static Offer offer(long wattHours, long pricePerKwh) {
    EcKey owner = Samples.key();
    return offer(owner, certificate(owner, wattHours), pricePerKwh, Samples.T0, Samples.T0 + 3_600);
  }

  private static EntryCertificate certificate(EcKey owner, long wattHours) {
    return EntryCertificate.issue(OfferTest.DSO, Samples.entryId(), owner.publicKey(),
        EnergyAmount.ofWattHours(wattHours), Samples.T0 - 60);
  }

  private void post(PublicIdentity from, String subject, String body) {
    board.onBroadcast(new ReceivedBroadcast(from, MessageContent.simple(subject, body),
        InventoryHash.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  private void post(Offer o) {
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, org.priwatt.crypto.Hex.encode(o.encode()));
  }

  @Test
  void matchIsCheapestFirstThenLargestAndFiltersEnergyAndPrice() {
    Offer cheapSmall = offer(1_000, 8_000);
    Offer cheapLarge = offer(9_000, 8_000);
    Offer dear = offer(5_000, 12_000);
    Offer tiny = offer(100, 1_000);
    for (Offer o : new Offer[] {dear, cheapSmall, tiny, cheapLarge}) {
      post(o);
    }
    assertThat(board.size()).isEqualTo(4);
    assertThat(board.match(EnergyAmount.ofWattHours(1_000), 10_000)).containsExactly(cheapLarge, cheapSmall);
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(tiny, cheapLarge, cheapSmall, dear);
  }

  @Test
  void theNewestAuthenticOfferPerEntryWins() {
    EcKey owner = Samples.key();
    EntryCertificate c = certificate(owner, 5_000);
    Offer first = offer(owner, c, 10_000, Samples.T0, Samples.T0 + 3_600);
    Offer cheaper = offer(owner, c, 9_000, Samples.T0 + 10, Samples.T0 + 3_600);
    Offer stale = offer(owner, c, 1, Samples.T0 + 5, Samples.T0 + 3_600);
    post(first);
    post(cheaper);
    post(stale);
    post(first);
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(cheaper);
    assertThat(board.refused()).isZero();
  }

  @Test
  void expiredProcessedAndPaidOffersAreDropped() {
    EcKey k = Samples.key();
    Offer expiring = offer(k, certificate(k, 1_000), 1_000, Samples.T0, Samples.T0 + 10);
    Offer processed = offer(2_000, 1_000);
    Offer bought = offer(3_000, 1_000);
    Offer live = offer(4_000, 1_000);
    for (Offer o : new Offer[] {expiring, processed, bought, live}) {
      post(o);
    }
    board.markProcessed(processed.entry());
    paid.add(bought.entry());
    now.addAndGet(10);
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(live);
    // A paid-for offer stays processed even if the ledger forgets the payment (a reorganisation).
    paid.clear();
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(live);
    // An offer that arrives expired is not kept.
    post(expiring);
    assertThat(board.size()).isEqualTo(3);
  }

  @Test
  void foreignBroadcastsAreIgnoredAndBadOnesCounted() {
    Offer o = offer(1_000, 1_000);
    String hex = org.priwatt.crypto.Hex.encode(o.encode());
    post(Samples.identity().publicIdentity(), AuctionBoard.SUBJECT, hex);
    post(BOARD.publicIdentity(), "another/app", hex);
    assertThat(board.size()).isZero();
    assertThat(board.refused()).isZero();
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, "not hex at all");
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, hex.substring(1));
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, hex + "00");
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, "00".repeat(Offer.MAX_ENCODED + 1));
    post(BOARD.publicIdentity(), AuctionBoard.SUBJECT, "");
    assertThat(board.refused()).isEqualTo(5);
    assertThat(board.size()).isZero();
    post(o);
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(o);
  }
}
