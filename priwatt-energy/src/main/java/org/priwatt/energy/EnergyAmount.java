package org.priwatt.energy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A non-negative amount of electrical energy, held exactly as a whole number of milliwatt-hours.
 * Immutable.
 *
 * <p>Energy traded between peers and reported by a (simulated) smart meter must add up exactly,
 * so amounts are integers; one milliwatt-hour is fine enough to sum per-second PV output without
 * visible rounding, and a {@code long} still holds 9.2 PWh. Arithmetic is checked: overflow throws
 * {@link ArithmeticException}, a negative result throws {@link IllegalArgumentException}.
 */
public final class EnergyAmount implements Comparable<EnergyAmount> {

  /** Milliwatt-hours per watt-hour. */
  public static final long MILLIWATT_HOURS_PER_WATT_HOUR = 1_000;

  /** No energy. */
  public static final EnergyAmount ZERO = new EnergyAmount(0);

  private static final int SCALE = 3;

  private final long milliwattHours;

  private EnergyAmount(long milliwattHours) {
    this.milliwattHours = milliwattHours;
  }

  /**
   * An amount of whole milliwatt-hours.
   *
   * @param milliwattHours the amount, not negative
   * @return the amount
   * @throws IllegalArgumentException if {@code milliwattHours} is negative
   */
  public static EnergyAmount ofMilliwattHours(long milliwattHours) {
    if (milliwattHours < 0) {
      throw new IllegalArgumentException("energy must not be negative: " + milliwattHours + " mWh");
    }
    return milliwattHours == 0 ? ZERO : new EnergyAmount(milliwattHours);
  }

  /**
   * An amount of whole watt-hours.
   *
   * @param wattHours the amount, not negative
   * @return the amount
   * @throws IllegalArgumentException if {@code wattHours} is negative
   * @throws ArithmeticException if the amount does not fit in milliwatt-hours
   */
  public static EnergyAmount ofWattHours(long wattHours) {
    return ofMilliwattHours(Math.multiplyExact(wattHours, MILLIWATT_HOURS_PER_WATT_HOUR));
  }

  /**
   * An amount of whole kilowatt-hours.
   *
   * @param kilowattHours the amount, not negative
   * @return the amount
   * @throws IllegalArgumentException if {@code kilowattHours} is negative
   * @throws ArithmeticException if the amount does not fit in milliwatt-hours
   */
  public static EnergyAmount ofKilowattHours(long kilowattHours) {
    return ofWattHours(Math.multiplyExact(kilowattHours, 1_000L));
  }

  /**
   * An exact amount of watt-hours with at most three decimals.
   *
   * @param wattHours the amount, not negative, a whole number of milliwatt-hours
   * @return the amount
   * @throws NullPointerException if {@code wattHours} is null
   * @throws IllegalArgumentException if negative or finer than one milliwatt-hour
   * @throws ArithmeticException if the amount does not fit in milliwatt-hours
   */
  public static EnergyAmount ofWattHours(BigDecimal wattHours) {
    Objects.requireNonNull(wattHours, "wattHours");
    BigDecimal milli;
    try {
      milli = wattHours.setScale(SCALE, RoundingMode.UNNECESSARY).movePointRight(SCALE);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("finer than 1 mWh: " + wattHours, e);
    }
    return ofMilliwattHours(milli.longValueExact());
  }

  /**
   * Rounds a computed (floating-point) energy to the nearest milliwatt-hour, ties to even. This is
   * the one place where physics results become exact amounts.
   *
   * @param wattHours the energy in Wh, finite and not negative
   * @return the rounded amount
   * @throws IllegalArgumentException if {@code wattHours} is NaN, infinite or negative
   * @throws ArithmeticException if the amount does not fit in milliwatt-hours
   */
  public static EnergyAmount roundedFromWattHours(double wattHours) {
    if (!Double.isFinite(wattHours) || wattHours < 0) {
      throw new IllegalArgumentException("energy must be finite and not negative: " + wattHours);
    }
    BigDecimal milli = new BigDecimal(wattHours).movePointRight(SCALE)
        .setScale(0, RoundingMode.HALF_EVEN);
    return ofMilliwattHours(milli.longValueExact());
  }

  /** The amount in milliwatt-hours. */
  public long milliwattHours() {
    return milliwattHours;
  }

  /** The amount in watt-hours, exact (scale 3). */
  public BigDecimal wattHours() {
    return BigDecimal.valueOf(milliwattHours, SCALE);
  }

  /** The whole watt-hours contained in this amount (rounded down). */
  public long wholeWattHours() {
    return milliwattHours / MILLIWATT_HOURS_PER_WATT_HOUR;
  }

  /** Whether this is no energy. */
  public boolean isZero() {
    return milliwattHours == 0;
  }

  /**
   * The sum of two amounts.
   *
   * @param other the amount to add
   * @return {@code this + other}
   * @throws NullPointerException if {@code other} is null
   * @throws ArithmeticException on overflow
   */
  public EnergyAmount plus(EnergyAmount other) {
    return ofMilliwattHours(Math.addExact(milliwattHours, other.milliwattHours));
  }

  /**
   * The difference of two amounts.
   *
   * @param other the amount to subtract, not larger than this
   * @return {@code this - other}
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if {@code other} is larger than this
   */
  public EnergyAmount minus(EnergyAmount other) {
    return ofMilliwattHours(milliwattHours - other.milliwattHours);
  }

  /**
   * This amount multiplied by a count.
   *
   * @param factor a count, not negative
   * @return {@code this * factor}
   * @throws IllegalArgumentException if {@code factor} is negative
   * @throws ArithmeticException on overflow
   */
  public EnergyAmount times(long factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("factor must not be negative: " + factor);
    }
    return ofMilliwattHours(Math.multiplyExact(milliwattHours, factor));
  }

  @Override
  public int compareTo(EnergyAmount other) {
    return Long.compare(milliwattHours, other.milliwattHours);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnergyAmount other && other.milliwattHours == milliwattHours;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(milliwattHours);
  }

  /** The amount in watt-hours with three decimals, e.g. {@code "1234.567 Wh"}. */
  @Override
  public String toString() {
    return wattHours().toPlainString() + " Wh";
  }
}
