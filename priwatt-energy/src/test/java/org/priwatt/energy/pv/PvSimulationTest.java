package org.priwatt.energy.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.energy.EnergyAmount;

class PvSimulationTest {

  private static final Instant DAY_START = Instant.parse("2015-06-20T22:00:00Z");
  private static final Instant DAY_END = Instant.parse("2015-06-21T22:00:00Z");

  private static PvSimulation.Builder munichDay(Duration step) {
    return PvSimulation.builder()
        .location(48.137, 11.575)
        .period(DAY_START, DAY_END, step)
        .panelArea(10)
        .panelYield(0.2)
        .performanceRatio(0.8)
        .orientation(new PanelOrientation(35, 180));
  }

  @Test
  void clearSummerDayIsPlausible() {
    PvSimulation sim = munichDay(Duration.ofMinutes(1)).build();
    EnergyAmount total = sim.totalEnergy();
    // 10 m² * 20 % * 80 % under ~7 kWh/m² of clear-sky beam on a 35° south panel.
    assertThat(total.wholeWattHours()).isBetween(8_000L, 14_000L);
    assertThat(sim.stepCount()).isEqualTo(24 * 60);
    double peak = sim.samples().mapToDouble(PvSample::power).max().orElseThrow();
    assertThat(peak).isBetween(1_200.0, 1_600.0);
  }

  @Test
  void zeroOutputAtNight() {
    PvSimulation night =
        PvSimulation.builder()
            .location(48.137, 11.575)
            .period(
                Instant.parse("2015-06-20T20:30:00Z"),
                Instant.parse("2015-06-21T02:30:00Z"),
                Duration.ofSeconds(1))
            .panelArea(10)
            .panelYield(0.2)
            .performanceRatio(0.8)
            .build();
    assertThat(night.totalEnergy()).isEqualTo(EnergyAmount.ZERO);
    assertThat(night.samples().allMatch(s -> s.power() == 0 && !s.sun().isAboveHorizon()))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({"2, 1, 1", "1, 0.5, 1", "1, 1, 0.25", "3, 0.5, 0.5"})
  void outputScalesLinearlyWithAreaYieldAndPerformanceRatio(
      double areaFactor, double yieldFactor, double prFactor) {
    PvSimulation base = munichDay(Duration.ofMinutes(5)).build();
    PvSimulation scaled =
        munichDay(Duration.ofMinutes(5))
            .panelArea(10 * areaFactor)
            .panelYield(0.2 * yieldFactor)
            .performanceRatio(0.8 * prFactor)
            .build();
    double factor = areaFactor * yieldFactor * prFactor;
    List<PvSample> a = base.samples().collect(Collectors.toList());
    List<PvSample> b = scaled.samples().collect(Collectors.toList());
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).power()).isCloseTo(a.get(i).power() * factor, within(1e-9));
    }
    long expected = Math.round(base.totalEnergy().milliwattHours() * factor);
    assertThat(scaled.totalEnergy().milliwattHours()).isCloseTo(expected, within(1L));
  }

  @Test
  void totalIsSumOfSampleEnergies() {
    PvSimulation sim = munichDay(Duration.ofSeconds(30)).build();
    double sum = sim.samples().mapToDouble(PvSample::energyWattHours).sum();
    assertThat(sim.totalEnergy().wattHours().doubleValue()).isCloseTo(sum, within(0.001));
  }

  @Test
  void finerStepsConverge() {
    long coarse = munichDay(Duration.ofMinutes(15)).build().totalEnergy().milliwattHours();
    long fine = munichDay(Duration.ofSeconds(10)).build().totalEnergy().milliwattHours();
    assertThat((double) coarse).isCloseTo(fine, within(fine * 0.002));
  }

  @Test
  void samplesCoverPeriodWithShortLastStep() {
    Instant start = Instant.parse("2015-06-21T10:00:00Z");
    PvSimulation sim =
        munichDay(Duration.ofMinutes(7))
            .period(start, start.plus(Duration.ofMinutes(30)), Duration.ofMinutes(7))
            .build();
    List<PvSample> samples = sim.samples().collect(Collectors.toList());
    assertThat(sim.stepCount()).isEqualTo(5);
    assertThat(samples).hasSize(5);
    assertThat(samples.get(0).start()).isEqualTo(start);
    for (int i = 1; i < samples.size(); i++) {
      assertThat(samples.get(i).start()).isEqualTo(samples.get(i - 1).end());
    }
    assertThat(samples.get(4).duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(samples.get(4).end()).isEqualTo(start.plus(Duration.ofMinutes(30)));
    // Power is evaluated at the middle of the step.
    SolarPosition mid =
        SolarPositionAlgorithm.position(
            Observer.at(48.137, 11.575), start.plus(Duration.ofSeconds(210)), sim.deltaT());
    assertThat(samples.get(0).sun().zenith()).isCloseTo(mid.zenith(), within(1e-6));
  }

  @Test
  void yearOfSecondsIsLazy() {
    PvSimulation year =
        munichDay(Duration.ofSeconds(1))
            .period(
                Instant.parse("2015-01-01T00:00:00Z"),
                Instant.parse("2016-01-01T00:00:00Z"),
                Duration.ofSeconds(1))
            .build();
    assertThat(year.stepCount()).isEqualTo(365L * 86400);
    assertThat(year.samples().skip(12 * 3600).limit(3).count()).isEqualTo(3);
  }

  @Test
  void deltaTDefaultsToEstimate() {
    PvSimulation sim = munichDay(Duration.ofHours(1)).build();
    assertThat(sim.deltaT()).isEqualTo(DeltaT.estimate(DAY_START));
    assertThat(munichDay(Duration.ofHours(1)).deltaT(67.6).build().deltaT()).isEqualTo(67.6);
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> munichDay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> munichDay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> munichDay(Duration.ofSeconds(1)).period(DAY_END, DAY_START, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> munichDay(Duration.ofSeconds(1)).panelArea(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> munichDay(Duration.ofSeconds(1)).panelYield(1.01).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> munichDay(Duration.ofSeconds(1)).performanceRatio(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> munichDay(Duration.ofSeconds(1)).deltaT(9000).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PvSimulation.builder()
                    .period(DAY_START, DAY_END, Duration.ofHours(1))
                    .panelArea(1)
                    .panelYield(0.2)
                    .performanceRatio(0.8)
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                PvSimulation.builder()
                    .location(0, 0)
                    .panelArea(1)
                    .panelYield(0.2)
                    .performanceRatio(0.8)
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                munichDay(Duration.ofHours(1))
                    .period(
                        Instant.parse("1950-01-01T00:00:00Z"),
                        Instant.parse("1950-01-02T00:00:00Z"),
                        Duration.ofHours(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PvSystem(1, 0.2, 0.8, PanelOrientation.HORIZONTAL).power(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
