package org.priwatt.energy;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.script.Script;

/**
 * What a lock binds an entry to: the escrow redeem script (which names the buyer) and the price
 * the buyer must pay into its P2SH before the DSO transfers ownership. Immutable.
 *
 * @param redeemScript the eq. 7 escrow script
 * @param price the total payment T in satoshis
 */
public record EscrowLock(Script redeemScript, Amount price) {
  /**
   * Validates the script shape and a positive price.
   *
   * @throws IllegalArgumentException if the script is not an escrow script or the price is zero
   */
  public EscrowLock {
    Objects.requireNonNull(redeemScript, "redeemScript");
    Objects.requireNonNull(price, "price");
    if (EscrowScripts.parse(redeemScript).isEmpty()) {
      throw new IllegalArgumentException("not an escrow redeem script");
    }
    if (price.sat() <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
  }

  /** The keys named in the script. */
  public EscrowScripts.EscrowKeys keys() {
    return EscrowScripts.parse(redeemScript).orElseThrow();
  }

  /** The P2SH scriptPubKey the buyer pays. */
  public Script escrowScriptPubKey() {
    return EscrowScripts.p2sh(redeemScript);
  }
}
