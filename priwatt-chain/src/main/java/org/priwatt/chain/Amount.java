package org.priwatt.chain;

/**
 * A non-negative amount of money in satoshis, never above {@link #MAX_MONEY} (Bitcoin Core's
 * {@code MoneyRange}). Arithmetic is checked: a result outside the range throws {@link
 * ArithmeticException} instead of wrapping.
 *
 * <p>Transaction outputs decoded from the wire carry a raw signed 64-bit value, which may be
 * negative or too large; {@link TxOutput#value()} gives it as is and the context-free checks
 * reject it. This type is for values already known to be valid.
 */
public final class Amount implements Comparable<Amount> {
  /** Satoshis per coin. */
  public static final long COIN = 100_000_000L;
  /** The largest amount that can exist: 21 million coins, in satoshis. */
  public static final long MAX_MONEY = 21_000_000L * COIN;
  /** Zero satoshis. */
  public static final Amount ZERO = new Amount(0);

  private final long sat;

  private Amount(long sat) {
    this.sat = sat;
  }

  /** Whether {@code sat} lies in {@code [0, MAX_MONEY]} (Core's {@code MoneyRange}). */
  public static boolean isValid(long sat) {
    return sat >= 0 && sat <= MAX_MONEY;
  }

  /**
   * Returns the amount of {@code sat} satoshis.
   *
   * @throws IllegalArgumentException if {@code sat} is negative or above {@link #MAX_MONEY}
   */
  public static Amount ofSat(long sat) {
    if (!isValid(sat)) {
      throw new IllegalArgumentException("amount out of range: " + sat + " sat");
    }
    return sat == 0 ? ZERO : new Amount(sat);
  }

  /** The amount in satoshis. */
  public long sat() {
    return sat;
  }

  /**
   * Returns {@code this + other}.
   *
   * @throws ArithmeticException if the sum exceeds {@link #MAX_MONEY}
   */
  public Amount plus(Amount other) {
    return checked(Math.addExact(sat, other.sat));
  }

  /**
   * Returns {@code this - other}.
   *
   * @throws ArithmeticException if the difference is negative
   */
  public Amount minus(Amount other) {
    return checked(Math.subtractExact(sat, other.sat));
  }

  /**
   * Returns {@code this * factor}.
   *
   * @throws ArithmeticException if the product is negative or exceeds {@link #MAX_MONEY}
   */
  public Amount times(long factor) {
    return checked(Math.multiplyExact(sat, factor));
  }

  private static Amount checked(long sat) {
    if (!isValid(sat)) {
      throw new ArithmeticException("amount out of range: " + sat + " sat");
    }
    return sat == 0 ? ZERO : new Amount(sat);
  }

  @Override
  public int compareTo(Amount o) {
    return Long.compare(sat, o.sat);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Amount && ((Amount) o).sat == sat;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sat);
  }

  /** Returns e.g. {@code "150000 sat"}. */
  @Override
  public String toString() {
    return sat + " sat";
  }
}
