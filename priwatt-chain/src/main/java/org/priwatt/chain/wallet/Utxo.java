package org.priwatt.chain.wallet;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxOutput;

/**
 * An unspent output the wallet owns or watches.
 *
 * @param outPoint where it is
 * @param output value and script
 * @param height confirming height, or {@link WalletTransaction#UNCONFIRMED}
 * @param coinbase whether a coinbase created it
 * @param key the wallet key it pays, or null for a watched script (escrow)
 */
public record Utxo(OutPoint outPoint, TxOutput output, int height, boolean coinbase,
    KeyChain.KeyRef key) {
  /** Validates the components. */
  public Utxo {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(output, "output");
  }

  /** The value. */
  public Amount value() {
    return output.amount();
  }

  /** The key it pays, empty for watched scripts. */
  public Optional<KeyChain.KeyRef> keyRef() {
    return Optional.ofNullable(key);
  }
}
