package org.priwatt.energy.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The interpolating fast path must agree with the full algorithm everywhere. */
class SolarPositionCalculatorTest {

  private static final double TOLERANCE = 1e-6;

  /** 1900-01-01T00:00:00Z .. 2200-01-01T00:00:00Z. */
  private static final long FIRST = -2208988800L;
  private static final long LAST = 7258118400L;

  @Test
  void agreesWithFullAlgorithmAtRandomInstants() {
    Random random = new Random(20240611L);
    double worstZenith = 0;
    double worstAzimuth = 0;
    for (int i = 0; i < 3000; i++) {
      Observer observer =
          new Observer(
              random.nextDouble() * 180 - 90,
              random.nextDouble() * 360 - 180,
              random.nextDouble() * 3000,
              700 + random.nextDouble() * 400,
              random.nextDouble() * 50 - 20);
      double deltaT = random.nextDouble() * 120 - 10;
      Instant instant =
          Instant.ofEpochSecond(
              FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
      SolarPosition fast = SolarPositionCalculator.create(observer, deltaT).position(instant);
      SolarPosition full = SolarPositionAlgorithm.position(observer, instant, deltaT);
      worstZenith = Math.max(worstZenith, Math.abs(fast.zenith() - full.zenith()));
      worstAzimuth = Math.max(worstAzimuth, azimuthError(fast, full));
    }
    assertThat(worstZenith).isLessThan(TOLERANCE);
    assertThat(worstAzimuth).isLessThan(TOLERANCE);
  }

  @Test
  void agreesWhenSteppingThroughTwoDaysBySeconds() {
    Observer observer = new Observer(48.137, 11.575, 519, 955, 9);
    SolarPositionCalculator calculator = SolarPositionCalculator.create(observer, 69.2);
    long start = Instant.parse("2015-06-20T22:00:00Z").getEpochSecond();
    double worst = 0;
    for (long s = start; s < start + 2 * 86400; s++) {
      SolarPosition fast = calculator.position(s, 0);
      if ((s - start) % 61 == 0 || s % SolarPositionCalculator.WINDOW_SECONDS == 0) {
        SolarPosition full =
            SolarPositionAlgorithm.position(observer, Instant.ofEpochSecond(s), 69.2);
        worst = Math.max(worst, Math.abs(fast.zenith() - full.zenith()));
        worst = Math.max(worst, azimuthError(fast, full));
      }
    }
    assertThat(worst).isLessThan(TOLERANCE);
  }

  @Test
  void matchesNrelExample() {
    SolarPosition sun =
        SolarPositionCalculator.create(
                SolarPositionAlgorithmTest.EXAMPLE_OBSERVER,
                SolarPositionAlgorithmTest.EXAMPLE_DELTA_T)
            .position(SolarPositionAlgorithmTest.EXAMPLE_INSTANT);
    assertThat(sun.zenith()).isCloseTo(50.11162, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(sun.azimuth()).isCloseTo(194.34024, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void rejectsBadArguments() {
    SolarPositionCalculator calculator = SolarPositionCalculator.create(Observer.at(0, 0), 69);
    assertThatThrownBy(() -> calculator.position(0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calculator.position(0, 1_000_000_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calculator.position(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SolarPositionCalculator.create(Observer.at(0, 0), 9000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolarPositionCalculator.create(null, 0))
        .isInstanceOf(NullPointerException.class);
  }

  /** Great-circle size of an azimuth difference: azimuth is meaningless at the zenith. */
  static double azimuthError(SolarPosition a, SolarPosition b) {
    double d = Math.abs(a.azimuth() - b.azimuth());
    d = Math.min(d, 360 - d);
    return d * Math.sin(Math.toRadians(b.zenith()));
  }
}
