package org.priwatt.energy.pv;

/**
 * Where the Sun is observed from: a point on the Earth plus the mean local atmosphere used for
 * refraction. Immutable.
 *
 * <p>Ranges follow the input checks of NREL's SPA reference implementation.
 *
 * @param latitude degrees in [-90, 90], north positive
 * @param longitude degrees in [-180, 180], east positive
 * @param elevation metres above sea level, at least -6,500,000
 * @param pressure annual mean local pressure in millibar (hPa), in (0, 5000]
 * @param temperature annual mean local temperature in °C, in (-273, 6000]
 */
public record Observer(
    double latitude, double longitude, double elevation, double pressure, double temperature) {

  /** Pressure used when none is given: the mean the SPA refraction formula is scaled to. */
  public static final double DEFAULT_PRESSURE_MBAR = 1010.0;

  /** Temperature used when none is given, °C. */
  public static final double DEFAULT_TEMPERATURE_C = 10.0;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if any value is NaN, infinite or out of range
   */
  public Observer {
    requireRange("latitude", latitude, -90, 90);
    requireRange("longitude", longitude, -180, 180);
    requireRange("elevation", elevation, -6_500_000, Double.MAX_VALUE);
    requireRange("pressure", pressure, Double.MIN_VALUE, 5000);
    requireRange("temperature", temperature, -273 + 1e-9, 6000);
  }

  /**
   * An observer at sea level in the default atmosphere.
   *
   * @param latitude degrees in [-90, 90]
   * @param longitude degrees in [-180, 180]
   * @return the observer
   * @throws IllegalArgumentException if a coordinate is out of range
   */
  public static Observer at(double latitude, double longitude) {
    return new Observer(latitude, longitude, 0.0, DEFAULT_PRESSURE_MBAR, DEFAULT_TEMPERATURE_C);
  }

  static void requireRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "] but was " + value);
    }
  }
}
