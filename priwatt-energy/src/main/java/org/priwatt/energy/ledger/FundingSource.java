package org.priwatt.energy.ledger;

import java.util.List;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.energy.EnergyException;

/**
 * Where a buyer's payment comes from: builds and signs, without broadcasting, a transaction
 * paying the given outputs, with any change going to a fresh address of the payer (never back to
 * a trade key, which would link trades). {@link WalletFundingSource} implements it on the chain
 * module's wallet.
 */
@FunctionalInterface
public interface FundingSource {
  /**
   * A signed transaction whose first outputs are {@code outputs}, in order.
   *
   * @throws EnergyException {@link org.priwatt.energy.EnergyError#CHAIN} if the payer cannot
   *     pay (insufficient funds, signing failure), with the chain module's exception as cause
   */
  Transaction fund(List<TxOutput> outputs) throws EnergyException;
}
