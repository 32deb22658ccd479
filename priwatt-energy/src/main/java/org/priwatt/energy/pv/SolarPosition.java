package org.priwatt.energy.pv;

/**
 * The Sun's topocentric position on the observer's sky. Immutable.
 *
 * @param zenith topocentric zenith angle in degrees [0, 180], corrected for refraction
 * @param azimuth topocentric azimuth in degrees [0, 360), eastward from north (navigators'
 *     convention: 90 = east, 180 = south)
 */
public record SolarPosition(double zenith, double azimuth) {

  /**
   * Validates the angles.
   *
   * @throws IllegalArgumentException if an angle is NaN or out of range
   */
  public SolarPosition {
    Observer.requireRange("zenith", zenith, 0, 180);
    if (!(azimuth >= 0 && azimuth < 360)) {
      throw new IllegalArgumentException("azimuth must be in [0, 360) but was " + azimuth);
    }
  }

  /** Topocentric elevation (altitude) above the horizon in degrees, {@code 90 - zenith}. */
  public double altitude() {
    return 90.0 - zenith;
  }

  /** Whether the centre of the Sun is above the (refracted) horizon. */
  public boolean isAboveHorizon() {
    return zenith < 90.0;
  }
}
