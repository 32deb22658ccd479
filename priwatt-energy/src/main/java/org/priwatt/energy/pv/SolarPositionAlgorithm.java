package org.priwatt.energy.pv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.priwatt.energy.pv.internal.Site;
import org.priwatt.energy.pv.internal.Spa;

/**
 * Full-precision solar position with the NREL Solar Position Algorithm (SPA): I. Reda and A.
 * Andreas, "Solar Position Algorithm for Solar Radiation Applications", NREL/TP-560-34302 (2004,
 * revised 2008). Stated uncertainty ±0.0003° for the years -2000 to 6000.
 *
 * <p>How it works, in short: the Earth's heliocentric longitude, latitude and distance come from a
 * truncated VSOP87 series in Julian ephemeris millennia; turning them around gives the Sun's
 * geocentric place, which is corrected for nutation (IAU 1980 series), aberration and the true
 * obliquity of the ecliptic to get apparent right ascension and declination. The apparent
 * sidereal time at Greenwich plus the observer's longitude gives the hour angle; parallax for the
 * observer's position on the ellipsoid and elevation gives topocentric coordinates; a refraction
 * term scaled by pressure and temperature lifts the Sun near the horizon.
 *
 * <p>Each call evaluates about 250 periodic terms. For many instants at one site use {@link
 * SolarPositionCalculator}, which reuses the time-only part. Stateless and thread-safe.
 */
public final class SolarPositionAlgorithm {

  /** Atmospheric refraction at sunrise and sunset assumed by SPA, degrees. */
  public static final double HORIZON_REFRACTION = 0.5667;

  /** First instant SPA is specified for: the start of the year -2000 (proleptic Gregorian). */
  public static final Instant FIRST_SUPPORTED_INSTANT =
      LocalDateTime.of(-2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

  /** End (exclusive) of SPA's validity: the end of the year 6000. */
  public static final Instant END_OF_SUPPORTED_RANGE =
      LocalDateTime.of(6001, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

  private SolarPositionAlgorithm() {}

  /**
   * Computes the Sun's topocentric position.
   *
   * <p>The instant is taken as UT1; UTC differs by under 0.9 s (up to ~0.004° of hour angle).
   *
   * @param observer where the Sun is observed from
   * @param instant when, on the UT scale
   * @param deltaT TT minus UT in seconds, |ΔT| ≤ 8000 (see {@link DeltaT})
   * @return zenith (refracted) and azimuth
   * @throws NullPointerException if {@code observer} or {@code instant} is null
   * @throws IllegalArgumentException if {@code deltaT} is out of range or the instant lies
   *     outside the years -2000 to 6000
   */
  public static SolarPosition position(Observer observer, Instant instant, double deltaT) {
    Spa.Topocentric topocentric = details(observer, instant, deltaT).topocentric();
    return new SolarPosition(topocentric.zenith(), topocentric.azimuth());
  }

  /**
   * Incidence angle of the Sun's rays on a panel at the given instant (SPA's surface incidence
   * angle).
   *
   * @param observer where the panel stands
   * @param instant when, on the UT scale
   * @param deltaT TT minus UT in seconds
   * @param panel the panel's tilt and facing
   * @return incidence angle in degrees [0, 180]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code deltaT} or the instant is out of range
   */
  public static double incidenceAngle(
      Observer observer, Instant instant, double deltaT, PanelOrientation panel) {
    Objects.requireNonNull(panel, "panel");
    return panel.incidenceAngle(position(observer, instant, deltaT));
  }

  /** Both SPA stages with every intermediate value, for tests and diagnostics. */
  static Details details(Observer observer, Instant instant, double deltaT) {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(instant, "instant");
    requireDeltaT(deltaT);
    requireSupported(instant.getEpochSecond());
    double days = Spa.daysSinceJ2000(instant.getEpochSecond(), instant.getNano());
    Spa.Geocentric geo = Spa.geocentric(days, deltaT);
    Spa.Topocentric topo =
        Spa.topocentric(
            geo.siderealTime(), geo.rightAscension(), geo.declination(), geo.radius(),
            site(observer));
    return new Details(geo, topo);
  }

  /** The constants of the SPA observer stage for {@code observer}. */
  static Site site(Observer observer) {
    return new Site(
        observer.latitude(),
        observer.longitude(),
        observer.elevation(),
        observer.pressure(),
        observer.temperature(),
        HORIZON_REFRACTION);
  }

  static void requireSupported(long epochSecond) {
    if (epochSecond < FIRST_SUPPORTED_INSTANT.getEpochSecond()
        || epochSecond >= END_OF_SUPPORTED_RANGE.getEpochSecond()) {
      throw new IllegalArgumentException(
          "SPA is valid for the years -2000 to 6000 only, epoch second " + epochSecond);
    }
  }

  static void requireDeltaT(double deltaT) {
    Observer.requireRange("deltaT", deltaT, -8000, 8000);
  }

  /** Intermediate values of one evaluation. */
  record Details(Spa.Geocentric geocentric, Spa.Topocentric topocentric) {}
}
