package org.priwatt.energy.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClearSkyIrradianceTest {

  @Test
  void airMassIsOneOverheadAndFiniteAtHorizon() {
    assertThat(ClearSkyIrradiance.airMass(0)).isCloseTo(1.0, within(1e-3));
    assertThat(ClearSkyIrradiance.airMass(60)).isCloseTo(2.0, within(0.01));
    assertThat(ClearSkyIrradiance.airMass(90)).isCloseTo(38.0, within(0.2));
    assertThatThrownBy(() -> ClearSkyIrradiance.airMass(90.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"0, 947.17", "30, 913.27", "60, 765.50", "80, 430.55", "89, 51.20"})
  void meinelDirectNormal(double zenith, double expected) {
    // Expected: 1353 * 0.7^(AM^0.678), Kasten-Young air mass, computed independently (Python).
    assertThat(ClearSkyIrradiance.directNormal(new SolarPosition(zenith, 180)))
        .isCloseTo(expected, within(0.01));
  }

  @Test
  void directNormalFallsWithZenithAndIsZeroBelowHorizon() {
    double previous = Double.MAX_VALUE;
    for (double zenith = 0; zenith < 90; zenith += 0.5) {
      double dni = ClearSkyIrradiance.directNormal(new SolarPosition(zenith, 90));
      assertThat(dni).isPositive().isLessThan(previous);
      previous = dni;
    }
    assertThat(ClearSkyIrradiance.directNormal(new SolarPosition(90, 90))).isZero();
    assertThat(ClearSkyIrradiance.directNormal(new SolarPosition(120, 0))).isZero();
  }

  @Test
  void panelProjection() {
    SolarPosition sun = new SolarPosition(40, 180);
    double dni = ClearSkyIrradiance.directNormal(sun);
    // Panel facing the Sun receives the full beam.
    assertThat(ClearSkyIrradiance.onPanel(sun, new PanelOrientation(40, 180)))
        .isCloseTo(dni, within(1e-9));
    // Horizontal panel receives DNI * cos(zenith).
    assertThat(ClearSkyIrradiance.onPanel(sun, PanelOrientation.HORIZONTAL))
        .isCloseTo(dni * Math.cos(Math.toRadians(40)), within(1e-9));
    // Vertical panel facing north, Sun in the south: back side only.
    assertThat(ClearSkyIrradiance.onPanel(sun, new PanelOrientation(90, 0))).isZero();
    // Night.
    assertThat(ClearSkyIrradiance.onPanel(new SolarPosition(100, 180), new PanelOrientation(90, 180)))
        .isZero();
  }

  @Test
  void incidenceAngleConventions() {
    SolarPosition sun = new SolarPosition(50, 200);
    assertThat(new PanelOrientation(50, 200).incidenceAngle(sun)).isCloseTo(0, within(1e-6));
    assertThat(PanelOrientation.HORIZONTAL.incidenceAngle(sun)).isCloseTo(50, within(1e-9));
    assertThat(new PanelOrientation(90, 20).incidenceAngle(new SolarPosition(90, 200)))
        .isCloseTo(180, within(1e-6));
    assertThat(PanelOrientation.ofSouthRotation(30, -10)).isEqualTo(new PanelOrientation(30, 170));
    assertThat(PanelOrientation.ofSouthRotation(30, 180)).isEqualTo(new PanelOrientation(30, 0));
  }

  @Test
  void valueTypesValidate() {
    assertThatThrownBy(() -> new PanelOrientation(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PanelOrientation(0, 360)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PanelOrientation(Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SolarPosition(181, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SolarPosition(10, -0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Observer.at(90.1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Observer.at(0, -180.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observer(0, 0, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observer(0, 0, 0, 1000, -273))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observer(0, 0, Double.POSITIVE_INFINITY, 1000, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SolarPosition(30, 0).altitude()).isEqualTo(60);
  }
}
