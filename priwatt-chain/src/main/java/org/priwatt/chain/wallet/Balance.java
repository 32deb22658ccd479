package org.priwatt.chain.wallet;

import java.util.Objects;
import org.priwatt.chain.Amount;

/**
 * The wallet's money by state.
 *
 * @param confirmed in the best chain and spendable (coinbase outputs only once mature)
 * @param unconfirmed paid to the wallet by pending transactions
 * @param immature coinbase outputs still waiting for coinbase maturity
 * @param watched held by watched scripts (escrows), which need other parties to spend
 */
public record Balance(Amount confirmed, Amount unconfirmed, Amount immature, Amount watched) {
  /** Validates the components. */
  public Balance {
    Objects.requireNonNull(confirmed, "confirmed");
    Objects.requireNonNull(unconfirmed, "unconfirmed");
    Objects.requireNonNull(immature, "immature");
    Objects.requireNonNull(watched, "watched");
  }

  /** Confirmed plus unconfirmed plus immature: everything the wallet's keys alone control. */
  public Amount total() {
    return confirmed.plus(unconfirmed).plus(immature);
  }
}
