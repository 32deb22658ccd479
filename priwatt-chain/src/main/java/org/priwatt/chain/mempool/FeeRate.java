package org.priwatt.chain.mempool;

import org.priwatt.chain.Amount;

/**
 * A fee rate in satoshis per 1000 bytes of serialized transaction, Bitcoin Core's {@code
 * CFeeRate}. Legacy transactions have no witness, so bytes and virtual bytes coincide.
 * Immutable; ordered by rate.
 */
public final class FeeRate implements Comparable<FeeRate> {
  /** No fee at all. */
  public static final FeeRate ZERO = new FeeRate(0);

  private final long satPerKb;

  private FeeRate(long satPerKb) {
    this.satPerKb = satPerKb;
  }

  /**
   * Returns the rate of {@code satPerKb} satoshis per 1000 bytes.
   *
   * @throws IllegalArgumentException if {@code satPerKb} is negative
   */
  public static FeeRate ofSatPerKb(long satPerKb) {
    if (satPerKb < 0) {
      throw new IllegalArgumentException("fee rate must not be negative: " + satPerKb);
    }
    return satPerKb == 0 ? ZERO : new FeeRate(satPerKb);
  }

  /**
   * Returns the rate of paying {@code feeSat} for {@code sizeBytes} bytes, rounded down (Core's
   * {@code CFeeRate(fee, size)}).
   *
   * @throws IllegalArgumentException if {@code feeSat} is negative or {@code sizeBytes} is not
   *     positive
   */
  public static FeeRate of(long feeSat, long sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size must be positive: " + sizeBytes);
    }
    return ofSatPerKb(Math.multiplyExact(feeSat, 1000L) / sizeBytes);
  }

  /** Satoshis per 1000 bytes. */
  public long satPerKb() {
    return satPerKb;
  }

  /**
   * The fee for {@code sizeBytes} bytes at this rate, rounded up so that paying it always meets
   * the rate (Core's {@code CFeeRate::GetFee} since 0.21 rounds up as well).
   *
   * @throws IllegalArgumentException if {@code sizeBytes} is negative
   */
  public long feeFor(long sizeBytes) {
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
    }
    long product = Math.multiplyExact(satPerKb, sizeBytes);
    return (product + 999) / 1000;
  }

  /** {@link #feeFor(long)} as an {@link Amount}; throws if above the money range. */
  public Amount amountFor(long sizeBytes) {
    return Amount.ofSat(feeFor(sizeBytes));
  }

  /** Returns {@code this + other}. */
  public FeeRate plus(FeeRate other) {
    return ofSatPerKb(Math.addExact(satPerKb, other.satPerKb));
  }

  /** The larger of the two rates. */
  public static FeeRate max(FeeRate a, FeeRate b) {
    return a.satPerKb >= b.satPerKb ? a : b;
  }

  @Override
  public int compareTo(FeeRate o) {
    return Long.compare(satPerKb, o.satPerKb);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeeRate && ((FeeRate) o).satPerKb == satPerKb;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(satPerKb);
  }

  /** Returns e.g. {@code "1000 sat/kB"}. */
  @Override
  public String toString() {
    return satPerKb + " sat/kB";
  }
}
