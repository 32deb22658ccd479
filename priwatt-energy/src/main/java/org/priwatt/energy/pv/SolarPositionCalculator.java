package org.priwatt.energy.pv;

import java.time.Instant;
import java.util.Objects;
import org.priwatt.energy.pv.internal.Site;
import org.priwatt.energy.pv.internal.Spa;

/**
 * Fast solar positions for one observer at many instants, e.g. every second of a simulation.
 *
 * <p>The expensive, observer-independent part of SPA (heliocentric series, nutation, obliquity,
 * aberration) changes slowly: the Sun's right ascension and declination move about 1° a day and
 * their curvature is tiny. This class evaluates that part exactly at the start, middle and end of
 * a six-hour window and fits a quadratic through the three nodes for right ascension,
 * declination, Earth–Sun distance and the equation of the equinoxes. Everything that changes fast
 * (mean sidereal time, hour angle) and everything observer-specific (parallax, refraction, zenith,
 * azimuth) is computed exactly on every call. The interpolation error is below 1e-7° (the tests
 * check 1e-6° over random instants from 1900 to 2200), far inside SPA's own ±0.0003°.
 *
 * <p>Stepping through time costs three full evaluations per window plus a dozen trigonometric
 * calls per instant. Random access across windows pays the full cost each time the window
 * changes.
 *
 * <p>Thread-safe: the cached window is an immutable object published through a plain field;
 * concurrent callers may at worst compute the same window twice.
 *
 * <p>One caveat shared with SPA itself: refraction is switched off below an apparent elevation of
 * -0.83337°, so instants whose elevation lies within ~1e-9° of that threshold may differ from
 * {@link SolarPositionAlgorithm} by the refraction at the horizon (~0.5°).
 */
public final class SolarPositionCalculator {

  /** Length of one interpolation window in seconds (six hours). */
  static final long WINDOW_SECONDS = 6 * 3600;

  private final Observer observer;
  private final double deltaT;
  private final Site site;
  private Window window;

  private SolarPositionCalculator(Observer observer, double deltaT) {
    this.observer = observer;
    this.deltaT = deltaT;
    this.site = SolarPositionAlgorithm.site(observer);
  }

  /**
   * Creates a calculator for one observer.
   *
   * @param observer where the Sun is observed from
   * @param deltaT TT minus UT in seconds, |ΔT| ≤ 8000 (see {@link DeltaT})
   * @return the calculator
   * @throws NullPointerException if {@code observer} is null
   * @throws IllegalArgumentException if {@code deltaT} is out of range
   */
  public static SolarPositionCalculator create(Observer observer, double deltaT) {
    Objects.requireNonNull(observer, "observer");
    SolarPositionAlgorithm.requireDeltaT(deltaT);
    return new SolarPositionCalculator(observer, deltaT);
  }

  /** The observer this calculator was created for. */
  public Observer observer() {
    return observer;
  }

  /** ΔT (TT minus UT) in seconds used by this calculator. */
  public double deltaT() {
    return deltaT;
  }

  /**
   * Computes the Sun's topocentric position at {@code instant} (taken as UT1).
   *
   * @param instant when
   * @return zenith (refracted) and azimuth, within 1e-6° of {@link SolarPositionAlgorithm}
   * @throws NullPointerException if {@code instant} is null
   * @throws IllegalArgumentException if the instant lies outside the years -2000 to 6000
   */
  public SolarPosition position(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return position(instant.getEpochSecond(), instant.getNano());
  }

  /**
   * Computes the Sun's position at an instant given as epoch second and nanosecond adjustment,
   * avoiding an {@link Instant} allocation in tight loops.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @param nanos nanoseconds within the second, in [0, 999,999,999]
   * @return zenith (refracted) and azimuth
   * @throws IllegalArgumentException if {@code nanos} is out of range or the instant lies outside
   *     the years -2000 to 6000
   */
  public SolarPosition position(long epochSecond, int nanos) {
    if (nanos < 0 || nanos > 999_999_999) {
      throw new IllegalArgumentException("nanos out of range: " + nanos);
    }
    SolarPositionAlgorithm.requireSupported(epochSecond);
    Window current = window;
    if (current == null || !current.contains(epochSecond)) {
      current = Window.starting(Math.floorDiv(epochSecond, WINDOW_SECONDS) * WINDOW_SECONDS, deltaT);
      window = current;
    }
    double t = ((epochSecond - current.startSecond) + nanos / 1e9) / WINDOW_SECONDS;
    double days = Spa.daysSinceJ2000(epochSecond, nanos);
    double nu = Spa.meanSiderealTime(days) + current.equationOfEquinoxes.at(t);
    Spa.Topocentric topo =
        Spa.topocentric(
            nu,
            current.rightAscension.at(t),
            current.declination.at(t),
            current.radius.at(t),
            site);
    return new SolarPosition(topo.zenith(), topo.azimuth());
  }

  /** Quadratic through values at t = 0, 1/2 and 1. */
  private record Quadratic(double c0, double c1, double c2) {
    static Quadratic through(double start, double middle, double end) {
      return new Quadratic(
          start, 4 * middle - 3 * start - end, 2 * start - 4 * middle + 2 * end);
    }

    double at(double t) {
      return c0 + t * (c1 + t * c2);
    }
  }

  /** Interpolating polynomials of the geocentric quantities over one window. Immutable. */
  private static final class Window {
    final long startSecond;
    final Quadratic rightAscension;
    final Quadratic declination;
    final Quadratic radius;
    final Quadratic equationOfEquinoxes;

    private Window(long startSecond, Spa.Geocentric a, Spa.Geocentric b, Spa.Geocentric c) {
      this.startSecond = startSecond;
      // Right ascension wraps at 360°: unwrap the later nodes relative to the first.
      double alphaA = a.rightAscension();
      double alphaB = alphaA + wrap180(b.rightAscension() - alphaA);
      double alphaC = alphaB + wrap180(c.rightAscension() - alphaB);
      this.rightAscension = Quadratic.through(alphaA, alphaB, alphaC);
      this.declination = Quadratic.through(a.declination(), b.declination(), c.declination());
      this.radius = Quadratic.through(a.radius(), b.radius(), c.radius());
      this.equationOfEquinoxes =
          Quadratic.through(
              a.equationOfEquinoxes(), b.equationOfEquinoxes(), c.equationOfEquinoxes());
    }

    static Window starting(long startSecond, double deltaT) {
      Spa.Geocentric a = Spa.geocentric(Spa.daysSinceJ2000(startSecond, 0), deltaT);
      Spa.Geocentric b =
          Spa.geocentric(Spa.daysSinceJ2000(startSecond + WINDOW_SECONDS / 2, 0), deltaT);
      Spa.Geocentric c =
          Spa.geocentric(Spa.daysSinceJ2000(startSecond + WINDOW_SECONDS, 0), deltaT);
      return new Window(startSecond, a, b, c);
    }

    boolean contains(long epochSecond) {
      return epochSecond >= startSecond && epochSecond - startSecond < WINDOW_SECONDS;
    }

    private static double wrap180(double degrees) {
      return degrees - 360.0 * Math.rint(degrees / 360.0);
    }
  }
}
