package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.Ledgers;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EnergyEntry;
import org.priwatt.msg.MessageNode;

/** The PV prosumer meters a simulated day into hourly injections recorded by the DSO registry. */
class ProsumerTest {
  @TempDir Path dir;

  @Test
  void aSummerDayBecomesHourlyInjectionsEachWithItsOwnSession() throws Exception {
    PvSimulation day = PvSimulation.builder().location(48.137, 11.575)
        .period(Instant.parse("2015-06-20T22:00:00Z"), Instant.parse("2015-06-21T22:00:00Z"), Duration.ofMinutes(5))
        .panelArea(10).panelYield(0.2).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    PaymentLedger ledger = Ledgers.nothingPaid();
    EcKey dsoKey = Samples.key();
    long t = Instant.parse("2015-06-21T22:00:00Z").getEpochSecond();
    try (MessageNode node = MessageNode.builder("prosumer").build();
        DsoRegistry registry = DsoRegistry.builder().log(dir.resolve("wal")).dsoKey(dsoKey).ledger(ledger)
            .clock(() -> t).open()) {
      TradeContext ctx = new TradeContext(node, ledger, Samples.identity().publicIdentity(), dsoKey.publicKey(), 1,
          Amount.ofSat(1), 60, () -> t, Samples.RANDOM);
      Prosumer bob = new Prosumer(ctx, Samples::identity);
      List<Prosumer.Generation> gens = bob.injectDay(day, Duration.ofHours(1), (inj, who) -> {
        assertThat(who.address()).isEqualTo(inj.msgAddress());
        registry.inject(inj);
      });
      assertThat(gens).hasSizeBetween(14, 18);
      long total = gens.stream().mapToLong(g -> g.injection().energy().milliwattHours()).sum();
      assertThat(Math.abs(total - day.totalEnergy().milliwattHours())).isLessThan(gens.size() * 1L);
      assertThat(registry.entries()).hasSize(gens.size());
      assertThat(registry.entries()).extracting(EnergyEntry::owner)
          .containsExactlyElementsOf(gens.stream().map(g -> g.txKey().publicKey().withCompression(true)).toList());
      assertThat(gens.stream().map(g -> g.txKey().publicKey()).distinct()).hasSize(gens.size());
      assertThat(gens.stream().map(g -> g.msg().address()).distinct()).hasSize(gens.size());
      assertThat(gens).allMatch(g -> g.session().state() == ProsumerSession.State.AWAITING_SECRETS);
      // Each injection is stamped at the end of its hour, in time order.
      assertThat(gens).extracting(g -> g.injection().timestamp()).isSorted().doesNotHaveDuplicates()
          .allMatch(ts -> ts % 3_600 == 0 && ts <= t);
      gens.forEach(g -> g.session().close());
      assertThatThrownBy(() -> bob.injectDay(day, Duration.ZERO, (inj, who) -> { }))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
