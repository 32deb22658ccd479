package org.priwatt.node.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.ChainPaymentLedger;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.trade.ConsumerSession;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.energy.trade.TradeFailure;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.node.HostPort;
import org.priwatt.node.Node;
import org.priwatt.node.NodeProcess;
import org.priwatt.node.TestNodes;

/**
 * Case 1 across three node processes on loopback (NodeLauncher children): a DSO that also mines
 * every 300 ms, a prosumer metering its PV through the DSO and offering it, and a consumer that
 * buys. First a deviating buyer in the test's own node (P2P to the DSO process) takes the
 * prosumer's offer and never pays: the DSO locks the entry to her escrow, the lock expires, the
 * prosumer has it released and offers it again, nothing is transferred. Then the consumer process
 * buys it: it owns the energy, the prosumer's wallet holds the release on chain, the DSO's
 * registry shows the entry transferred. States are read from each process's status.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleProcessTest {
  private static final long LOCK_SECONDS = 15;
  private static final long TIMEOUT_SECONDS = 6;
  private static final Duration LONG = Duration.ofSeconds(45);
  /** Until the buyer stops buying (budget or the seller's PV day spent) and the last release confirms. */
  private static final Duration SETTLE = Duration.ofSeconds(120);

  private Path tmp;
  private NodeProcess dso;
  private NodeProcess seller;
  private NodeProcess buyer;
  private int dsoPort;
  private String dsoAddress;
  private String dsoKey;
  private final TestNodes local = new TestNodes();
  private Node mallory;
  private EcPublicKey key;
  private ChainPaymentLedger ledger;
  private AuctionBoard board;

  @BeforeAll
  void startDsoAndSeller(@TempDir Path dir) throws Exception {
    tmp = dir;
    dsoPort = NodeProcess.freePort();
    Map<String, String> d = NodeProcess.defaults("dso", tmp.resolve("dso"), dsoPort);
    d.put("mine", "true");
    d.put("mine-interval-ms", "300");
    d.put("role", "dso");
    d.put("role-tick-ms", "100");
    d.put("lock-seconds", Long.toString(LOCK_SECONDS));
    // The seller's meter key before the DSO starts, so the DSO registers it.
    d.put("meter", Hex.encode(MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom()).encoded()));
    dso = NodeProcess.start("dso", tmp.resolve("dso"), d);
    Properties endpoint = new Properties();
    try (Reader r = Files.newBufferedReader(tmp.resolve("dso").resolve("dso.properties"), StandardCharsets.UTF_8)) {
      endpoint.load(r);
    }
    dsoAddress = endpoint.getProperty("dso");
    dsoKey = endpoint.getProperty("dso-key");
    assertThat(dsoAddress).startsWith("BM-");
    // Mallory's board listens before the seller posts: a broadcast is read when it arrives.
    mallory = local.start(TestNodes.config("mallory").connect(new HostPort("127.0.0.1", dsoPort)).listen(false)
        .build());
    TestNodes.awaitPeers(mallory, 1);
    key = EcPublicKey.decode(Hex.decode(dsoKey));
    ledger = ChainPaymentLedger.attach(mallory.chain(), mallory.mempool());
    board = AuctionBoard.attach(mallory.messages(), AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD),
        ledger, key, RoleProcessTest::now);
    Map<String, String> s = party("seller", "prosumer");
    s.put("max-open-offers", "1");
    s.put("meter-interval-ms", "1000");
    seller = NodeProcess.start("seller", tmp.resolve("seller"), s);
  }

  private Map<String, String> party(String name, String role) throws IOException {
    Map<String, String> p = NodeProcess.defaults(name, tmp.resolve(name), NodeProcess.freePort());
    p.put("addnode", "127.0.0.1:" + dsoPort);
    p.put("role", role);
    p.put("dso", dsoAddress);
    p.put("dso-key", dsoKey);
    p.put("role-tick-ms", "100");
    p.put("trade-timeout-ms", Long.toString(TIMEOUT_SECONDS * 1000));
    return p;
  }

  @AfterAll
  void stopAll() throws Exception {
    try {
      local.close();
    } finally {
      for (NodeProcess p : new NodeProcess[] {buyer, seller, dso}) {
        if (p != null) {
          p.stop();
          Files.createDirectories(Path.of("target", "role-logs"));
          Files.copy(p.dir().resolve("stderr.log"), Path.of("target", "role-logs", p.name() + ".log"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  @Order(1)
  void aBuyerWhoNeverPaysGetsNothingAndTheLockExpires() throws Exception {
    PublicIdentity dsoIdentity = mallory.messages().requestPubkey(BitmessageAddress.parse(dsoAddress), 3600)
        .get(30, TimeUnit.SECONDS);
    await("the seller's offer on Mallory's board; " + seller.log(), LONG,
        () -> !board.match(EnergyAmount.ofWattHours(1), Long.MAX_VALUE).isEmpty());
    Offer offer = board.match(EnergyAmount.ofWattHours(1), Long.MAX_VALUE).get(0);
    SecureRandom random = new SecureRandom();
    TradeContext ctx = new TradeContext(mallory.messages(), ledger, dsoIdentity, key, 1, Amount.ofSat(1_000),
        TIMEOUT_SECONDS, RoleProcessTest::now, random);
    ConsumerSession never = ConsumerSession.open(ctx, Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS)
        .withPow(TestNodes.EASY_POW), EcKey.generate(random), offer, outputs -> {
          throw new EnergyException(EnergyError.CHAIN, "this buyer never pays");
        }, SessionStore.inMemory());
    never.start();

    await("the DSO locked the entry to Mallory's escrow", LONG, () -> entries(dso).getOrDefault("LOCKED", 0) == 1);
    await("the seller sent Mallory the escrow terms", () -> states(seller).containsKey("ESCROW_SENT"));
    await("Mallory's session gave up without paying", () -> {
      never.tick();
      return never.state() == ConsumerSession.State.FAILED;
    });
    assertThat(never.failure()).contains(TradeFailure.INSUFFICIENT_FUNDS);
    await("the lock expired and the seller offers the entry again; " + seller.status(), LONG,
        () -> states(seller).getOrDefault("OFFERED", 0) == 1 && entries(dso).getOrDefault("ACTIVE", 0) == 1);
    assertThat(entries(dso)).doesNotContainKeys("LOCKED", "TRANSFERRED");
    never.close();
  }

  @Test
  @Order(2)
  void aCaseOneTradeCompletesAcrossThreeProcesses() throws Exception {
    buyer = NodeProcess.start("buyer", tmp.resolve("buyer"), party("buyer", "consumer"));
    // The consumer keeps buying while its budget and the seller's PV day last, so every count is
    // "at least one", and the money is checked once no purchase is in flight.
    await("the buyer owns the energy; buyer " + buyer.status() + ", seller " + seller.status(), LONG,
        () -> states(buyer).getOrDefault("OWNER", 0) >= 1);
    assertThat(((Number) role(buyer).get("ownedWh")).longValue()).isPositive();
    await("the seller's session settled", () -> states(seller).getOrDefault("SETTLED", 0) >= 1);
    await("the DSO's registry shows the transfer", () -> entries(dso).getOrDefault("TRANSFERRED", 0) >= 1);
    await("every release pays the seller's wallet on chain: what the buyer paid less the escrow fee per trade",
        SETTLE, () -> {
          Map<String, Object> b = role(buyer);
          Map<String, Integer> st = states(b);
          int trades = st.entrySet().stream().filter(e -> !e.getKey().equals("FAILED"))
              .mapToInt(Map.Entry::getValue).sum();
          long spent = ((Number) b.get("spent")).longValue();
          return trades == st.getOrDefault("OWNER", 0)
              && ((Number) role(seller).get("balance")).longValue() == spent - 1_000L * trades;
        });
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> role(NodeProcess p) {
    Object r = p.status().get("role");
    return r == null ? Map.of() : (Map<String, Object>) r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> states(NodeProcess p) {
    return states(role(p));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> states(Map<String, Object> role) {
    Object s = role.get("states");
    return s == null ? Map.of() : (Map<String, Integer>) s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> entries(NodeProcess p) {
    Object s = role(p).get("entries");
    return s == null ? Map.of() : (Map<String, Integer>) s;
  }

}
