package org.priwatt.energy.pv.internal;

import static java.lang.Math.atan;
import static java.lang.Math.cos;
import static java.lang.Math.sin;
import static java.lang.Math.tan;
import static java.lang.Math.toRadians;

/**
 * Observer constants of the SPA topocentric stage, computed once per site: the trigonometry of
 * the latitude, the observer's position relative to the Earth's centre (for parallax) and the
 * refraction scale from pressure and temperature. Immutable.
 */
public final class Site {

  private static final double EARTH_RADIUS_M = 6378140.0;
  private static final double POLAR_RATIO = 0.99664719;

  private final double longitude;
  private final double sinLatitude;
  private final double cosLatitude;
  private final double parallaxX;
  private final double parallaxY;
  private final double refractionScale;
  private final double refractionLimit;

  /**
   * Creates the constants; arguments are assumed validated by the caller.
   *
   * @param latitude degrees, north positive
   * @param longitude degrees, east positive
   * @param elevation metres above sea level
   * @param pressure mean local pressure, millibar
   * @param temperature mean local temperature, °C
   * @param horizonRefraction atmospheric refraction at sunrise/sunset, degrees (0.5667 typical)
   */
  public Site(
      double latitude,
      double longitude,
      double elevation,
      double pressure,
      double temperature,
      double horizonRefraction) {
    double phi = toRadians(latitude);
    this.longitude = longitude;
    this.sinLatitude = sin(phi);
    this.cosLatitude = cos(phi);
    // Geocentric position of the observer on the reference ellipsoid, in Earth radii.
    double u = atan(POLAR_RATIO * tan(phi));
    this.parallaxX = cos(u) + elevation / EARTH_RADIUS_M * cosLatitude;
    this.parallaxY = POLAR_RATIO * sin(u) + elevation / EARTH_RADIUS_M * sinLatitude;
    this.refractionScale = (pressure / 1010.0) * (283.0 / (273.0 + temperature));
    this.refractionLimit = -(Spa.SUN_RADIUS + horizonRefraction);
  }

  double longitude() {
    return longitude;
  }

  double sinLatitude() {
    return sinLatitude;
  }

  double cosLatitude() {
    return cosLatitude;
  }

  double parallaxX() {
    return parallaxX;
  }

  double parallaxY() {
    return parallaxY;
  }

  /**
   * Bennett/Saemundsson-style refraction (degrees) for a true elevation {@code e0} (degrees);
   * zero once the Sun's upper limb is below the horizon including horizon refraction.
   */
  double refraction(double e0) {
    if (e0 < refractionLimit) {
      return 0.0;
    }
    return refractionScale * 1.02 / (60.0 * tan(toRadians(e0 + 10.3 / (e0 + 5.11))));
  }
}
