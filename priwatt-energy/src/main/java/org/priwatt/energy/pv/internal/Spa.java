package org.priwatt.energy.pv.internal;

import static java.lang.Math.asin;
import static java.lang.Math.atan2;
import static java.lang.Math.cos;
import static java.lang.Math.sin;
import static java.lang.Math.tan;
import static java.lang.Math.toDegrees;
import static java.lang.Math.toRadians;

/**
 * The NREL Solar Position Algorithm (Reda &amp; Andreas, "Solar Position Algorithm for Solar
 * Radiation Applications", NREL/TP-560-34302, 2004, revised 2008), split in two stages.
 *
 * <p>The <em>geocentric</em> stage depends only on time: the Earth's heliocentric position from the
 * VSOP87-derived periodic terms, nutation, the true obliquity of the ecliptic, aberration, then the
 * Sun's apparent right ascension and declination and the apparent sidereal time at Greenwich. It
 * is the expensive part (a few hundred cosines).
 *
 * <p>The <em>topocentric</em> stage places an observer on the rotating Earth: local hour angle,
 * parallax of the observer's position on the oblate Earth, refraction, and finally zenith and
 * azimuth. It needs only a dozen trigonometric calls, so callers that step through time can reuse
 * (interpolate) geocentric values and run this stage exactly.
 *
 * <p>Times are passed as days since J2000.0 (2000-01-01 12:00 UT) rather than as Julian days so
 * that sub-second resolution survives in a {@code double}.
 */
public final class Spa {

  /** Julian day number of J2000.0. */
  public static final double J2000 = 2451545.0;

  /** Apparent radius of the Sun's disc in degrees; refraction applies above minus this. */
  public static final double SUN_RADIUS = 0.26667;

  /** Laskar's polynomial for the mean obliquity (arc seconds) in U = JME / 10. */
  private static final double[] MEAN_OBLIQUITY = {
    84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67, -39.05, 7.12, 27.87, 5.79, 2.45
  };

  private Spa() {}

  /** Result of the time-only stage; all angles in degrees, {@code r} in AU. */
  public record Geocentric(
      double julianDay,
      double julianEphemerisDay,
      double heliocentricLongitude,
      double heliocentricLatitude,
      double radius,
      double nutationLongitude,
      double nutationObliquity,
      double trueObliquity,
      double apparentLongitude,
      double siderealTime,
      double rightAscension,
      double declination) {

    /** Equation of the equinoxes Δψ·cos ε: apparent minus mean sidereal time, degrees. */
    public double equationOfEquinoxes() {
      return nutationLongitude * cos(toRadians(trueObliquity));
    }
  }

  /** Result of the observer stage; angles in degrees. */
  public record Topocentric(
      double hourAngle,
      double parallaxRightAscension,
      double rightAscension,
      double declination,
      double localHourAngle,
      double elevationNoRefraction,
      double refraction,
      double zenith,
      double astronomersAzimuth,
      double azimuth) {}

  /**
   * Runs the geocentric stage.
   *
   * @param daysUt days since J2000.0 on the UT scale
   * @param deltaT TT minus UT, seconds
   * @return the Sun's geocentric apparent position and the apparent sidereal time
   */
  public static Geocentric geocentric(double daysUt, double deltaT) {
    double jce = (daysUt + deltaT / 86400.0) / 36525.0;
    double jme = jce / 10.0;

    double l = limit360(toDegrees(EarthPeriodicTerms.longitude(jme)));
    double b = toDegrees(EarthPeriodicTerms.latitude(jme));
    double r = EarthPeriodicTerms.radius(jme);

    // The Sun seen from the Earth sits opposite the Earth seen from the Sun.
    double theta = limit360(l + 180.0);
    double beta = -b;

    double[] nutation = NutationTerms.nutation(jce);
    double deltaPsi = nutation[0];
    double deltaEpsilon = nutation[1];
    double epsilon = polynomial(MEAN_OBLIQUITY, jme / 10.0) / 3600.0 + deltaEpsilon;

    // Aberration: light time makes the Sun appear behind its geometric place by 20.4898"/R.
    double aberration = -20.4898 / (3600.0 * r);
    double lambda = theta + deltaPsi + aberration;

    double nu = meanSiderealTime(daysUt) + deltaPsi * cos(toRadians(epsilon));

    double lambdaRad = toRadians(lambda);
    double epsilonRad = toRadians(epsilon);
    double betaRad = toRadians(beta);
    double alpha =
        limit360(
            toDegrees(
                atan2(
                    sin(lambdaRad) * cos(epsilonRad) - tan(betaRad) * sin(epsilonRad),
                    cos(lambdaRad))));
    double delta =
        toDegrees(
            asin(
                sin(betaRad) * cos(epsilonRad)
                    + cos(betaRad) * sin(epsilonRad) * sin(lambdaRad)));

    return new Geocentric(
        J2000 + daysUt,
        J2000 + daysUt + deltaT / 86400.0,
        l,
        b,
        r,
        deltaPsi,
        deltaEpsilon,
        epsilon,
        lambda,
        nu,
        alpha,
        delta);
  }

  /**
   * Mean sidereal time at Greenwich in degrees [0, 360) for {@code daysUt} days since J2000.0.
   * Cheap (no trigonometry), so fast paths compute it exactly on every call.
   */
  public static double meanSiderealTime(double daysUt) {
    double jc = daysUt / 36525.0;
    return limit360(
        280.46061837
            + 360.98564736629 * daysUt
            + jc * jc * (0.000387933 - jc / 38710000.0));
  }

  /**
   * Runs the observer stage.
   *
   * @param siderealTime apparent sidereal time at Greenwich, degrees
   * @param alpha geocentric right ascension, degrees
   * @param delta geocentric declination, degrees
   * @param radius Earth–Sun distance, AU
   * @param site the observer's precomputed constants
   * @return topocentric angles
   */
  public static Topocentric topocentric(
      double siderealTime, double alpha, double delta, double radius, Site site) {
    double h = limit360(siderealTime + site.longitude() - alpha);
    double hRad = toRadians(h);
    double deltaRad = toRadians(delta);
    // Equatorial horizontal parallax of the Sun.
    double sinXi = sin(toRadians(8.794 / (3600.0 * radius)));

    double cosDelta = cos(deltaRad);
    double denominator = cosDelta - site.parallaxX() * sinXi * cos(hRad);
    double deltaAlphaRad = atan2(-site.parallaxX() * sinXi * sin(hRad), denominator);
    double deltaPrimeRad =
        atan2((sin(deltaRad) - site.parallaxY() * sinXi) * cos(deltaAlphaRad), denominator);
    double deltaAlpha = toDegrees(deltaAlphaRad);
    double hPrime = h - deltaAlpha;
    double hPrimeRad = toRadians(hPrime);

    double cosHPrime = cos(hPrimeRad);
    double e0 =
        toDegrees(
            asin(
                site.sinLatitude() * sin(deltaPrimeRad)
                    + site.cosLatitude() * cos(deltaPrimeRad) * cosHPrime));
    double refraction = site.refraction(e0);
    double zenith = 90.0 - (e0 + refraction);

    double gamma =
        limit360(
            toDegrees(
                atan2(
                    sin(hPrimeRad),
                    cosHPrime * site.sinLatitude() - tan(deltaPrimeRad) * site.cosLatitude())));
    double azimuth = limit360(gamma + 180.0);

    return new Topocentric(
        h,
        deltaAlpha,
        alpha + deltaAlpha,
        toDegrees(deltaPrimeRad),
        hPrime,
        e0,
        refraction,
        zenith,
        gamma,
        azimuth);
  }

  /**
   * Incidence angle (degrees) of the Sun's rays on a surface, from the refracted topocentric
   * zenith and the azimuth (both degrees, azimuth eastward from north).
   *
   * @param slope tilt of the surface from the horizontal, degrees
   * @param surfaceAzimuth direction the surface faces, degrees eastward from north
   */
  public static double incidence(
      double zenith, double azimuth, double slope, double surfaceAzimuth) {
    double z = toRadians(zenith);
    double w = toRadians(slope);
    double cosIncidence =
        cos(z) * cos(w) + sin(w) * sin(z) * cos(toRadians(azimuth - surfaceAzimuth));
    return toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cosIncidence))));
  }

  /** Epoch second of J2000.0, 2000-01-01T12:00:00Z. */
  private static final long J2000_EPOCH_SECOND = 946_728_000L;

  /**
   * Days since J2000.0 of an instant given as epoch second and nanosecond, keeping nanosecond
   * resolution (a Julian day number in a {@code double} would only resolve ~40 µs).
   */
  public static double daysSinceJ2000(long epochSecond, int nanos) {
    return (epochSecond - J2000_EPOCH_SECOND) / 86400.0 + nanos / 86_400e9;
  }

  /** Reduces an angle in degrees to [0, 360). */
  public static double limit360(double degrees) {
    double limited = degrees % 360.0;
    if (limited < 0) {
      limited += 360.0;
    }
    // A tiny negative input rounds up to exactly 360 after the addition.
    return limited >= 360.0 ? 0.0 : limited;
  }

  private static double polynomial(double[] coefficients, double x) {
    double result = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      result = result * x + coefficients[i];
    }
    return result;
  }
}
