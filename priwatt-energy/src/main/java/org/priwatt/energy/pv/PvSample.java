package org.priwatt.energy.pv;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a {@link PvSimulation}: the interval, the Sun's position and the PV output over it.
 * The physics is evaluated once at the middle of the interval (midpoint rule). Values are
 * floating-point physics results; use {@link PvSimulation#totalEnergy()} for exact accounting.
 * Immutable.
 *
 * @param start start of the interval
 * @param duration length of the interval, positive (the last step may be shorter)
 * @param sun the Sun's position at the middle of the interval
 * @param irradiance direct irradiance on the panel plane, W/m²
 * @param power electrical output, W
 */
public record PvSample(
    Instant start, Duration duration, SolarPosition sun, double irradiance, double power) {

  private static final double NANOS_PER_HOUR = 3600e9;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if an object component is null
   * @throws IllegalArgumentException if the duration is not positive or a number is negative
   */
  public PvSample {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(sun, "sun");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    if (!(irradiance >= 0) || !(power >= 0)) {
      throw new IllegalArgumentException("irradiance and power must not be negative");
    }
  }

  /** End of the interval (exclusive). */
  public Instant end() {
    return start.plus(duration);
  }

  /** Energy produced over the interval in Wh: power × duration. */
  public double energyWattHours() {
    return power * (duration.getSeconds() * 1e9 + duration.getNano()) / NANOS_PER_HOUR;
  }
}
