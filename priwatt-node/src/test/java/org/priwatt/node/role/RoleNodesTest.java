package org.priwatt.node.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
  void aCaseOneTradeCompletesBetweenThreeNodes() throws Exception {
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(300))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    Node seller = nodes.start(TestNodes.config("seller").addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).maxOpenOffers(1).build()).build());
    Node buyer = nodes.start(TestNodes.config("buyer").addNode(TestNodes.address(dso))
        .role(party(Role.CONSUMER, d).build()).build());
    RoleAgent s = seller.role().orElseThrow();
    RoleAgent b = buyer.role().orElseThrow();

    await("the buyer owns the energy; seller " + s.summary() + ", buyer " + b.summary(), Duration.ofSeconds(60),
        () -> b.trades().stream().anyMatch(t -> t.state().equals("OWNER")));
    MarketAccess.Trade bought = b.trades().get(0);
    await("the seller's session settled", () -> s.trades().stream()
        .anyMatch(t -> t.entry().equals(bought.entry()) && t.state().equals("SETTLED")));
    await("the DSO's registry shows the transfer", () -> entries(d).getOrDefault("TRANSFERRED", 0) == 1);
    long price = bought.price().orElseThrow().sat();
    await("the release reaches the seller's wallet",
        () -> seller.wallet().balance().total().sat() == price - 1_000);
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
