package org.priwatt.energy.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.priwatt.energy.pv.internal.Spa;

/**
 * Checks the SPA implementation against the worked example of the NREL report (Table A5.1 inputs,
 * Table A5.2 results) and against outputs of NREL's reference program spa.c.
 */
class SolarPositionAlgorithmTest {

  /** 17 Oct 2003 12:30:30 at UTC-7, the example of NREL/TP-560-34302 Appendix A.5. */
  static final Instant EXAMPLE_INSTANT =
      OffsetDateTime.of(2003, 10, 17, 12, 30, 30, 0, ZoneOffset.ofHours(-7)).toInstant();

  static final Observer EXAMPLE_OBSERVER = new Observer(39.742476, -105.1786, 1830.14, 820, 11);
  static final double EXAMPLE_DELTA_T = 67;

  @Test
  void nrelExampleIntermediateValues() {
    SolarPositionAlgorithm.Details d =
        SolarPositionAlgorithm.details(EXAMPLE_OBSERVER, EXAMPLE_INSTANT, EXAMPLE_DELTA_T);
    Spa.Geocentric g = d.geocentric();
    Spa.Topocentric t = d.topocentric();

    assertThat(g.julianDay()).isCloseTo(2452930.312847, within(1e-6));
    assertThat(g.heliocentricLongitude()).isCloseTo(24.0182616917, within(1e-10));
    assertThat(g.heliocentricLatitude()).isCloseTo(-0.0001011219, within(1e-10));
    assertThat(g.radius()).isCloseTo(0.9965422974, within(1e-10));
    assertThat(g.nutationLongitude()).isCloseTo(-0.00399840, within(1e-8));
    assertThat(g.nutationObliquity()).isCloseTo(0.00166657, within(1e-8));
    assertThat(g.trueObliquity()).isCloseTo(23.440465, within(1e-6));
    assertThat(g.apparentLongitude()).isCloseTo(204.0085519, within(1e-7));
    assertThat(g.siderealTime()).isCloseTo(318.5119, within(1e-4));
    assertThat(g.rightAscension()).isCloseTo(202.22741, within(1e-5));
    assertThat(g.declination()).isCloseTo(-9.31434, within(1e-5));
    // The report's table prints H = 11.105900; spa.c itself prints 11.105902 for this example.
    assertThat(t.hourAngle()).isCloseTo(11.105900, within(5e-6));
    assertThat(t.hourAngle()).isCloseTo(11.105902, within(1e-6));
    assertThat(t.rightAscension()).isCloseTo(202.22704, within(1e-5));
    assertThat(t.declination()).isCloseTo(-9.316179, within(1e-6));
    // H' = H - Δα = 11.10627; the report's 11.10629 carries the rounding of its H.
    assertThat(t.localHourAngle()).isCloseTo(11.10629, within(5e-5));
    assertThat(t.parallaxRightAscension()).isCloseTo(-0.000369, within(1e-6));
    assertThat(t.elevationNoRefraction()).isCloseTo(39.872046, within(1e-6));
    assertThat(t.refraction()).isCloseTo(0.016332, within(1e-6));
    assertThat(t.astronomersAzimuth()).isCloseTo(14.340241, within(1e-6));
    assertThat(t.zenith()).isCloseTo(50.11162, within(1e-5));
    assertThat(t.azimuth()).isCloseTo(194.34024, within(1e-5));
  }

  @Test
  void nrelExamplePublicApi() {
    SolarPosition sun =
        SolarPositionAlgorithm.position(EXAMPLE_OBSERVER, EXAMPLE_INSTANT, EXAMPLE_DELTA_T);
    assertThat(sun.zenith()).isCloseTo(50.11162, within(1e-5));
    assertThat(sun.azimuth()).isCloseTo(194.34024, within(1e-5));
    assertThat(sun.altitude()).isCloseTo(90 - 50.11162, within(1e-5));

    PanelOrientation panel = PanelOrientation.ofSouthRotation(30, -10);
    assertThat(panel.azimuth()).isEqualTo(170.0);
    assertThat(
            SolarPositionAlgorithm.incidenceAngle(
                EXAMPLE_OBSERVER, EXAMPLE_INSTANT, EXAMPLE_DELTA_T, panel))
        .isCloseTo(25.18700, within(1e-5));
  }

  /**
   * Output of NREL's spa.c (revision 08-SEP-2014) with ΔT 0, elevation 0, 1000 mbar, 10 °C, as
   * published in the test data of klausbrunner/solarpositioning; covers 1910-2210, both
   * hemispheres and the Sun below the horizon.
   */
  @ParameterizedTest
  @CsvFileSource(resources = "/spa_reference.csv", numLinesToSkip = 1)
  void agreesWithReferenceProgram(
      String instant, double lat, double lon, double azimuth, double zenith) {
    SolarPosition sun =
        SolarPositionAlgorithm.position(
            new Observer(lat, lon, 0, 1000, 10), Instant.parse(instant), 0);
    assertThat(sun.zenith()).isCloseTo(zenith, within(2e-6));
    assertThat(sun.azimuth()).isCloseTo(azimuth, within(2e-6));
  }

  @Test
  void rejectsOutOfRangeDeltaT() {
    assertThatThrownBy(
            () -> SolarPositionAlgorithm.position(EXAMPLE_OBSERVER, EXAMPLE_INSTANT, 8001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SolarPositionAlgorithm.position(EXAMPLE_OBSERVER, EXAMPLE_INSTANT, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    Instant tooLate = SolarPositionAlgorithm.END_OF_SUPPORTED_RANGE;
    assertThatThrownBy(() -> SolarPositionAlgorithm.position(EXAMPLE_OBSERVER, tooLate, 0))
        .isInstanceOf(IllegalArgumentException.class);
    Instant tooEarly = SolarPositionAlgorithm.FIRST_SUPPORTED_INSTANT.minusNanos(1);
    assertThatThrownBy(() -> SolarPositionAlgorithm.position(EXAMPLE_OBSERVER, tooEarly, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SolarPositionCalculator.create(EXAMPLE_OBSERVER, 0).position(tooLate))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            SolarPositionAlgorithm.position(
                    EXAMPLE_OBSERVER, SolarPositionAlgorithm.FIRST_SUPPORTED_INSTANT, 0)
                .zenith())
        .isBetween(0.0, 180.0);
    assertThatThrownBy(() -> SolarPositionAlgorithm.position(null, EXAMPLE_INSTANT, 0))
        .isInstanceOf(NullPointerException.class);
  }
}
