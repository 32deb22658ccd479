package org.priwatt.energy.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical plausibility of the solar positions over whole days. */
class SunSanityTest {

  @Test
  void altitudeRisesOnceAndSetsOnceAtMidLatitude() {
    // Munich, summer solstice 2015; local midnight is about 23:00 UTC.
    Observer munich = new Observer(48.137, 11.575, 519, 955, 9);
    SolarPositionCalculator calculator = SolarPositionCalculator.create(munich, 67.6);
    Instant start = Instant.parse("2015-06-20T23:15:00Z");
    List<Instant> signChanges = new ArrayList<>();
    double maxAltitude = -90;
    Instant noon = null;
    double previous = calculator.position(start).altitude();
    assertThat(previous).isNegative();
    for (int minute = 1; minute <= 24 * 60; minute++) {
      Instant t = start.plus(Duration.ofMinutes(minute));
      double altitude = calculator.position(t).altitude();
      if (Math.signum(altitude) != Math.signum(previous)) {
        signChanges.add(t);
      }
      if (altitude > maxAltitude) {
        maxAltitude = altitude;
        noon = t;
      }
      previous = altitude;
    }
    assertThat(signChanges).hasSize(2);
    // Sunrise about 03:12 UTC, sunset about 19:17 UTC (5:12 and 21:17 CEST).
    assertThat(signChanges.get(0)).isBetween(
        Instant.parse("2015-06-21T03:00:00Z"), Instant.parse("2015-06-21T03:25:00Z"));
    assertThat(signChanges.get(1)).isBetween(
        Instant.parse("2015-06-21T19:05:00Z"), Instant.parse("2015-06-21T19:30:00Z"));
    // Transit near 11:15 UTC at 90 - 48.137 + 23.44 degrees.
    assertThat(noon).isBetween(
        Instant.parse("2015-06-21T11:05:00Z"), Instant.parse("2015-06-21T11:25:00Z"));
    assertThat(maxAltitude).isCloseTo(90 - 48.137 + 23.438, within(0.05));
    SolarPosition atNoon = calculator.position(noon);
    assertThat(atNoon.azimuth()).isCloseTo(180, within(0.5));
  }

  @Test
  void sunIsOverheadAtEquatorOnEquinoxNoon() {
    // March equinox 2015 was at 22:45 UTC: the Sun crosses the equator near longitude -165.
    Observer equator = Observer.at(0, -165);
    SolarPositionCalculator calculator = SolarPositionCalculator.create(equator, 67.6);
    double max = -90;
    for (int second = 0; second < 4 * 3600; second += 10) {
      Instant t = Instant.parse("2015-03-20T21:00:00Z").plusSeconds(second);
      max = Math.max(max, calculator.position(t).altitude());
    }
    assertThat(max).isGreaterThan(89.9).isLessThanOrEqualTo(90.0);
  }

  @Test
  void polarNightHasNoSunrise() {
    SolarPositionCalculator calculator = SolarPositionCalculator.create(Observer.at(78.22, 15.65), 69);
    for (int hour = 0; hour < 24; hour++) {
      Instant t = Instant.parse("2020-12-21T00:00:00Z").plusSeconds(hour * 3600L);
      assertThat(calculator.position(t).isAboveHorizon()).isFalse();
    }
  }

  @Test
  void deltaTEstimateIsCloseToObservedValues() {
    // Observed: 64.47 s in 2003.5, 69.36 s in 2020.0 (IERS).
    assertThat(DeltaT.estimate(Instant.parse("2003-07-01T00:00:00Z"))).isCloseTo(64.5, within(0.6));
    assertThat(DeltaT.estimate(Instant.parse("2020-01-01T00:00:00Z"))).isCloseTo(69.4, within(3.0));
    assertThat(DeltaT.estimate(Instant.parse("2100-01-01T00:00:00Z"))).isBetween(150.0, 250.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeltaT.estimate(Instant.parse("1985-12-31T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeltaT.estimate(Instant.parse("2151-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
