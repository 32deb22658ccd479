package org.priwatt.energy.ledger;

import java.util.List;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * A {@link FundingSource} on the chain module's {@link Wallet}: coin selection, a fresh change
 * address per payment and signing are the wallet's. The wallet learns the payment is spent when
 * the transaction reaches the pool, so two payments built from one wallet before either is
 * broadcast may pick the same coins; the second then fails to broadcast and nothing is lost.
 * Thread-safe as the wallet is.
 */
public final class WalletFundingSource implements FundingSource {
  private final Wallet wallet;
  private final FeeRate feeRate;

  private WalletFundingSource(Wallet wallet, FeeRate feeRate) {
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.feeRate = Objects.requireNonNull(feeRate, "feeRate");
  }

  /** Pays from {@code wallet} at {@code feeRate}. */
  public static WalletFundingSource of(Wallet wallet, FeeRate feeRate) {
    return new WalletFundingSource(wallet, feeRate);
  }

  @Override
  public Transaction fund(List<TxOutput> outputs) throws EnergyException {
    try {
      return wallet.createPayment(outputs, feeRate);
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "the wallet cannot pay: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "WalletFundingSource{" + feeRate + "}";
  }
}
