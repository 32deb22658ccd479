package org.priwatt.energy.pv;

import java.util.Objects;

/**
 * Clear-sky direct (beam) irradiance from the Sun's position, and its projection on a panel.
 *
 * <p>Model: the Meinel &amp; Meinel (1976) empirical attenuation used by pysolar and many PV
 * tutorials, {@code I = 1353 W/m² · 0.7^(AM^0.678)}, where 1353 W/m² is the solar constant the
 * model was fitted with, 0.7 the share of beam radiation that survives one air mass and the
 * exponent accounts for non-uniform atmosphere. At zenith it gives about 947 W/m².
 *
 * <p>The relative optical air mass AM uses Kasten &amp; Young (1989), {@code 1 / (cos z +
 * 0.50572 (96.07995 − z)^−1.6364)} with z the apparent zenith in degrees; unlike {@code 1/cos z}
 * it stays finite (about 38) at the horizon. Irradiance is zero with the Sun at or below the
 * horizon. Diffuse and reflected light, clouds and elevation are not modelled.
 */
public final class ClearSkyIrradiance {

  /** Solar constant of the Meinel model, W/m². */
  public static final double SOLAR_CONSTANT = 1353.0;

  private ClearSkyIrradiance() {}

  /**
   * Relative optical air mass for an apparent zenith angle (Kasten &amp; Young 1989).
   *
   * @param zenith apparent zenith in degrees [0, 90]
   * @return air mass, 1 at zenith
   * @throws IllegalArgumentException if {@code zenith} is outside [0, 90]
   */
  public static double airMass(double zenith) {
    Observer.requireRange("zenith", zenith, 0, 90);
    return 1.0
        / (Math.cos(Math.toRadians(zenith)) + 0.50572 * Math.pow(96.07995 - zenith, -1.6364));
  }

  /**
   * Direct normal irradiance: beam power per square metre facing the Sun.
   *
   * @param sun the Sun's position
   * @return W/m², 0 when the Sun is not above the horizon
   * @throws NullPointerException if {@code sun} is null
   */
  public static double directNormal(SolarPosition sun) {
    Objects.requireNonNull(sun, "sun");
    if (!sun.isAboveHorizon()) {
      return 0.0;
    }
    return SOLAR_CONSTANT * Math.pow(0.7, Math.pow(airMass(sun.zenith()), 0.678));
  }

  /**
   * Direct irradiance on a panel: the normal irradiance times the cosine of the incidence angle,
   * zero when the Sun is below the horizon or behind the panel.
   *
   * @param sun the Sun's position
   * @param panel the panel's orientation
   * @return W/m² on the panel surface, never negative
   * @throws NullPointerException if an argument is null
   */
  public static double onPanel(SolarPosition sun, PanelOrientation panel) {
    Objects.requireNonNull(panel, "panel");
    double normal = directNormal(sun);
    if (normal == 0.0) {
      return 0.0;
    }
    double cosIncidence = Math.cos(Math.toRadians(panel.incidenceAngle(sun)));
    return cosIncidence > 0 ? normal * cosIncidence : 0.0;
  }
}
