package org.priwatt.benchmarks;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ReceivedBroadcast;

/**
 * Offer matching: Algorithm 1 MATCH ({@link AuctionBoard#match}) over a board holding {@code
 * offers} live, authentic offers (default 10,000), with bounds every offer meets, so each call
 * filters, checks the ledger for a paid commitment and sorts all of them (cheapest first, then
 * largest, then entry id): the worst case of one buyer's query. Offers reach the board in setup the
 * way they do on a node, as decoded board broadcasts (signature and certificate checked), with
 * random prices of 1,000–5,000 sat/kWh and 1–10 kWh. The ledger is a {@link MemoryLedger} on which
 * nothing was paid (a map lookup per offer, as on the chain's ledger for unpaid entries).
 *
 * <p>Beside it: {@code floorSortPrices}, sorting the same number of {@code long} prices (a copy,
 * then {@link Arrays#sort}), and {@code peerSortOffers}, sorting the board's offers themselves with
 * the board's order, which is what MATCH must at least do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OfferMatchingBenchmark {
  static final Comparator<Offer> BOARD_ORDER = Comparator.comparingLong((Offer o) -> o.pricePerKwh().sat())
      .thenComparing(Offer::energy, Comparator.reverseOrder()).thenComparing(o -> o.entry().toString());

  @Param({"10000"})
  public int offers;

  long now;
  MessageNode host;
  AuctionBoard board;
  List<Offer> posted;
  long[] prices;

  @Setup(Level.Trial)
  public void fillBoard() {
    SecureRandom random = new SecureRandom();
    now = System.currentTimeMillis() / 1000;
    EcKey dso = EcKey.generate(random);
    EcKey seller = EcKey.generate(random);
    Identity sellerId = Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS);
    Identity boardId = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
    host = MessageNode.builder("board").clock(() -> now).powThreads(1).build();
    board = AuctionBoard.attach(host, boardId, new MemoryLedger(), dso.publicKey(), () -> now);
    posted = new ArrayList<>(offers);
    prices = new long[offers];
    for (int i = 0; i < offers; i++) {
      byte[] id = new byte[EntryId.LENGTH];
      random.nextBytes(id);
      EnergyAmount energy = EnergyAmount.ofWattHours(1_000 + random.nextInt(9_001));
      EntryCertificate cert = EntryCertificate.issue(dso, EntryId.fromBytes(id), seller.publicKey(), energy, now - 600);
      Offer offer = Offer.create(cert, seller, Amount.ofSat(1_000 + random.nextInt(4_001)), sellerId.publicIdentity(),
          now - 60, now + 3_600);
      byte[] body = offer.encode();
      board.onBroadcast(new ReceivedBroadcast(boardId.publicIdentity(),
          MessageContent.simple(AuctionBoard.SUBJECT, Hex.encode(body)), InventoryHash.of(body)));
      posted.add(offer);
      prices[i] = offer.pricePerKwh().sat();
    }
    if (board.size() != offers || match().size() != offers) {
      throw new IllegalStateException("the board holds " + board.size() + " of " + offers + " offers");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    host.close();
  }

  @Benchmark
  public List<Offer> match() {
    return board.match(EnergyAmount.ZERO, Long.MAX_VALUE);
  }

  @Benchmark
  public long[] floorSortPrices() {
    long[] copy = prices.clone();
    Arrays.sort(copy);
    return copy;
  }

  @Benchmark
  public List<Offer> peerSortOffers() {
    List<Offer> copy = new ArrayList<>(posted);
    copy.sort(BOARD_ORDER);
    return copy;
  }
}
