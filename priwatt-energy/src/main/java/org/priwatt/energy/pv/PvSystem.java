package org.priwatt.energy.pv;

import java.util.Objects;

/**
 * A photovoltaic installation as the paper's simulation describes it (§4): total panel area,
 * panel yield (module efficiency), performance ratio (all system losses: inverter, wiring,
 * temperature, soiling) and how the panels are mounted. Immutable.
 *
 * <p>Electrical output is {@code area × yield × performanceRatio × irradiance on the panel}.
 *
 * @param panelArea total panel area in m², positive and finite
 * @param panelYield fraction of incident solar power converted by the modules, in (0, 1]
 * @param performanceRatio fraction of the modules' output that reaches the meter, in (0, 1]
 * @param orientation tilt and facing of the panels
 */
public record PvSystem(
    double panelArea, double panelYield, double performanceRatio, PanelOrientation orientation) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a number is out of range
   * @throws NullPointerException if {@code orientation} is null
   */
  public PvSystem {
    if (!(panelArea > 0 && panelArea < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("panelArea must be positive and finite: " + panelArea);
    }
    requireFraction("panelYield", panelYield);
    requireFraction("performanceRatio", performanceRatio);
    Objects.requireNonNull(orientation, "orientation");
  }

  /**
   * Electrical power delivered for a given irradiance on the panel plane.
   *
   * @param irradianceOnPanel W/m² on the panel surface, not negative
   * @return power in W
   * @throws IllegalArgumentException if {@code irradianceOnPanel} is negative or NaN
   */
  public double power(double irradianceOnPanel) {
    if (!(irradianceOnPanel >= 0)) {
      throw new IllegalArgumentException("irradiance must not be negative: " + irradianceOnPanel);
    }
    return panelArea * panelYield * performanceRatio * irradianceOnPanel;
  }

  private static void requireFraction(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1] but was " + value);
    }
  }
}
