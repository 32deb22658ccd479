package org.priwatt.energy;

import org.priwatt.chain.Amount;

/**
 * The bounds the SDK accepts for values that arrive from other parties (offers, certificates,
 * registry requests and replies, session snapshots): anything outside them is refused when it is
 * decoded, with {@link EnergyError#OUT_OF_RANGE} or {@link EnergyError#MALFORMED}, so no
 * arithmetic downstream can overflow and no hostile offer reaches matching.
 */
public final class EnergyLimits {
  /**
   * Most energy one registry entry may hold: 1 GWh (10^12 mWh), orders of magnitude above a
   * prosumer's injection and far below where {@code price × energy} could leave a {@code long}.
   */
  public static final long MAX_ENTRY_MWH = 1_000_000_000_000L;

  /** Most satoshis a price or payment may name: Bitcoin's money supply (21 million × 10^8). */
  public static final long MAX_MONEY_SAT = Amount.MAX_MONEY;

  /** Most seconds an offer may stay valid (28 days, Bitmessage's longest object lifetime). */
  public static final long MAX_OFFER_TTL_SECONDS = 28L * 24 * 3600;

  private EnergyLimits() {}

  /** Whether {@code mwh} is a positive entry amount within {@link #MAX_ENTRY_MWH}. */
  public static boolean isEntryEnergy(long mwh) {
    return mwh > 0 && mwh <= MAX_ENTRY_MWH;
  }

  /** Whether {@code sat} is a positive amount within the money supply. */
  public static boolean isPositiveMoney(long sat) {
    return sat > 0 && sat <= MAX_MONEY_SAT;
  }
}
