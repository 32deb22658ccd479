package org.priwatt.node.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.node.TestNodes.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.Identity;
import org.priwatt.energy.EnergyException;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.Node;
import org.priwatt.node.TestNodes;
import org.priwatt.node.rpc.MarketAccess;

/**
 * The three roles on three in-process nodes linked over loopback P2P: the consumer buys the
 * prosumer's first certified offer and owns the energy, the prosumer's session settles and its
 * wallet receives the release, the DSO's registry shows the entry transferred. The in-process twin
 * of {@code RoleProcessTest}, quicker to debug.
 */
class RoleNodesTest {
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stop() {
    nodes.close();
  }

  @Test
  void aCaseOneTradeCompletesBetweenThreeNodes(@TempDir Path tmp) throws Exception {
    // The seller's meter key first, so the DSO starts with it registered.
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(300))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    Node seller = nodes.start(TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).maxOpenOffers(1).build()).build());
    Node buyer = nodes.start(TestNodes.config("buyer").addNode(TestNodes.address(dso))
        .role(party(Role.CONSUMER, d).build()).build());
    RoleAgent s = seller.role().orElseThrow();
    RoleAgent b = buyer.role().orElseThrow();
    assertThat(s.meterKey()).contains(meter);

    await("the offer on the buyer's board", () -> !b.offers().isEmpty() || !b.trades().isEmpty());
    await("the buyer owns the energy; seller " + s.summary() + ", buyer " + b.summary(), Duration.ofSeconds(60),
        () -> b.trades().stream().anyMatch(t -> t.state().equals("OWNER")));
    MarketAccess.Trade bought = b.trades().get(0);
    await("the seller's session settled", () -> s.trades().stream()
        .anyMatch(t -> t.entry().equals(bought.entry()) && t.state().equals("SETTLED")));
    // The buyer goes on buying the seller's next hours, so counts are "at least one" and the
    // wallet is checked against every trade the seller settled.
    await("the DSO's registry shows the transfer", () -> entries(d).getOrDefault("TRANSFERRED", 0) >= 1);
    await("each release reaches the seller's wallet: the price less the escrow fee", () -> {
      long settled = s.trades().stream().filter(t -> t.state().equals("SETTLED"))
          .mapToLong(t -> t.price().orElseThrow().sat() - 1_000).sum();
      return settled > 0 && seller.wallet().balance().total().sat() == settled;
    });
    assertThat(d.trades()).isEmpty();
    assertThatThrownBy(() -> s.createOffer(bought.entry(), Amount.ofSat(1), 3600)).isInstanceOf(EnergyException.class);
    assertThatThrownBy(() -> b.createOffer(bought.entry(), Amount.ofSat(1), 3600)).isInstanceOf(EnergyException.class);
    assertThat(b.summary()).containsEntry("role", "consumer");
    assertThat(((Number) b.summary().get("completed")).longValue()).isPositive();
  }

  @Test
  void aRestartedDsoIsTheSameAndAProsumerResumesItsSessions(@TempDir Path tmp) throws Exception {
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    NodeConfig dsoConfig = TestNodes.config("dso").dataDir(tmp.resolve("dso")).mine(true)
        .mineInterval(Duration.ofMillis(300)).role(RoleConfig.builder(Role.DSO).meter(meter).build()).build();
    Node dso = nodes.start(dsoConfig);
    RoleAgent d = dso.role().orElseThrow();
    assertThat(Files.readString(tmp.resolve("dso").resolve("dso.properties")))
        .contains("dso=" + d.dsoAddress(), "dso-key=" + Hex.encode(d.dsoKey().encoded()));
    NodeConfig sellerConfig = TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).maxOpenOffers(1).build()).build();
    Node seller = nodes.start(sellerConfig);
    assertThat(Files.readString(tmp.resolve("seller").resolve(MeterKeys.KEY_FILE)))
        .contains("meter-key=" + Hex.encode(meter.encoded()));
    await("the seller's offer", () -> seller.role().orElseThrow().trades().stream()
        .anyMatch(t -> t.state().equals("OFFERED")));
    MarketAccess.Trade offered = seller.role().orElseThrow().trades().get(0);
    seller.close();

    Node again = nodes.start(sellerConfig);
    await("the resumed session", () -> again.role().orElseThrow().trades().stream()
        .anyMatch(t -> t.entry().equals(offered.entry()) && t.state().equals("OFFERED")));
    assertThat(again.role().orElseThrow().trades().get(0).energy()).isEqualTo(offered.energy());

    var address = d.dsoAddress();
    var key = d.dsoKey();
    // The resumed prosumer keeps metering, so the count only grows; none may be lost by the restart.
    int active = entries(d).getOrDefault("ACTIVE", 0);
    assertThat(active).isPositive();
    dso.close();
    Node dsoAgain = nodes.start(dsoConfig.toBuilder().port(0).build());
    RoleAgent d2 = dsoAgain.role().orElseThrow();
    assertThat(d2.dsoAddress()).isEqualTo(address);
    assertThat(d2.dsoKey()).isEqualTo(key);
    assertThat(entries(d2).getOrDefault("ACTIVE", 0)).isGreaterThanOrEqualTo(active);
  }

  @Test
  void aProsumerWhoseReadingsGoUnansweredKeepsMetering() throws Exception {
    // A "DSO" that answers getpubkey for its address but records no reading.
    Node silent = nodes.start(TestNodes.config("silent").build());
    Identity fake = Identity.random(new java.security.SecureRandom(), 1, Identity.DEFAULT_LEADING_ZEROS)
        .withPow(TestNodes.EASY_POW);
    silent.messages().addIdentity(fake);
    Node seller = nodes.start(TestNodes.config("seller").addNode(TestNodes.address(silent))
        .role(RoleConfig.builder(Role.PROSUMER).dso(fake.address()).dsoKey(EcKey.generate().publicKey())
            .tick(Duration.ofMillis(100)).meterInterval(Duration.ofSeconds(1)).tradeTimeout(Duration.ofSeconds(1))
            .maxOpenOffers(1).build()).build());
    RoleAgent s = seller.role().orElseThrow();
    await("a second reading after the first went unanswered; " + s.summary(),
        () -> ((Number) s.summary().get("metered")).intValue() >= 2);
    assertThat(s.trades()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Integer> entries(RoleAgent dso) {
    return (Map<String, Integer>) dso.summary().get("entries");
  }

  static RoleConfig.Builder party(Role role, RoleAgent dso) {
    return RoleConfig.builder(role).dso(dso.dsoAddress()).dsoKey(dso.dsoKey()).tick(Duration.ofMillis(100))
        .meterInterval(Duration.ofSeconds(1)).tradeTimeout(Duration.ofSeconds(30));
  }
}
