package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;

/** The PV prosumer meters a simulated day into hourly injections recorded by the DSO registry. */
class ProsumerTest {
  @TempDir Path dir;

  @Test
  void aSummerDayBecomesHourlyInjections() throws Exception {
    PvSimulation day = PvSimulation.builder().location(48.137, 11.575)
        .period(Instant.parse("2015-06-20T22:00:00Z"), Instant.parse("2015-06-21T22:00:00Z"), Duration.ofMinutes(5))
        .panelArea(10).panelYield(0.2).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
    EcKey dsoKey = EcKey.generate();
    long t = Instant.parse("2015-06-21T22:00:00Z").getEpochSecond();
    try (MessageNode node = MessageNode.builder("p").build();
        DsoRegistry registry = DsoRegistry.builder().log(dir.resolve("wal")).dsoKey(dsoKey.publicKey()).ledger(ledger)
            .clock(() -> t).open()) {
      Identity dsoMsg = Identity.newIdentity();
      TradeContext ctx = new TradeContext(node, ledger, dsoMsg.publicIdentity(), dsoKey.publicKey(), 1, Amount.ofSat(1),
          60, () -> t, new SecureRandom());
      Prosumer bob = new Prosumer(ctx, () -> Identity.newIdentity().withPow(new PowParameters(1, 0)));
      List<Prosumer.Generation> gens = bob.injectDay(day, Duration.ofHours(1), (inj, who) -> registry.inject(inj));
      assertThat(gens).hasSizeBetween(14, 18);
      long total = gens.stream().mapToLong(g -> g.injection().energy().milliwattHours()).sum();
      assertThat(Math.abs(total - day.totalEnergy().milliwattHours())).isLessThan(gens.size() * 1L);
      assertThat(registry.entries()).hasSize(gens.size());
      assertThat(gens.stream().map(g -> g.txKey().publicKey()).distinct()).hasSize(gens.size());
      assertThat(gens).allMatch(g -> g.session().state() == ProsumerSession.State.AWAITING_SECRETS);
      assertThat(gens.get(0).injection().timestamp()).isLessThan(gens.get(gens.size() - 1).injection().timestamp());
    }
  }
}
