package org.priwatt.energy.pv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Estimates of ΔT = TT − UT, the drift of the Earth's rotation against atomic time, which SPA
 * needs to place the Sun in the ephemeris time scale.
 *
 * <p>Uses the polynomial expressions of Espenak and Meeus (NASA "Five Millennium Canon of Solar
 * Eclipses", 2006) for 1986–2150. For accurate present-day work prefer the observed value
 * published by the IERS (about 69 s in the early 2020s); an error of 1 s in ΔT moves the Sun by
 * only about 0.00004° in longitude, so the estimate is ample for energy simulation.
 */
public final class DeltaT {

  /** First year covered by {@link #estimate(Instant)}. */
  public static final int FIRST_YEAR = 1986;

  /** Last year covered by {@link #estimate(Instant)}. */
  public static final int LAST_YEAR = 2150;

  private DeltaT() {}

  /**
   * Estimates ΔT for an instant.
   *
   * @param instant the instant
   * @return ΔT in seconds
   * @throws NullPointerException if {@code instant} is null
   * @throws IllegalArgumentException if the instant's year is outside [1986, 2150]
   */
  public static double estimate(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException("no ΔT estimate for year " + year);
    }
    double y = year + (utc.getMonthValue() - 0.5) / 12.0;
    if (y < 2005) {
      double t = y - 2000;
      return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814
          + t * 0.00002373599))));
    }
    if (y < 2050) {
      double t = y - 2000;
      return 62.92 + t * (0.32217 + t * 0.005589);
    }
    double u = (y - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - y);
  }
}
