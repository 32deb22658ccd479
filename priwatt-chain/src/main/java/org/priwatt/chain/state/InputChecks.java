package org.priwatt.chain.state;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.BlockError;

/**
 * Core's {@code Consensus::CheckTxInputs}: every input of a non-coinbase transaction spends an
 * existing unspent coin, coinbase coins are mature, spent values stay in the money range and
 * cover the outputs. Scripts are not run here. Shared by block connection and the mempool.
 */
final class InputChecks {
  private InputChecks() {}

  /**
   * Checks {@code tx}'s inputs against {@code view} for a block at {@code spendHeight} and
   * returns the fee (inputs minus outputs).
   *
   * @throws ChainException {@link BlockError#MISSING_INPUTS}, {@link
   *     BlockError#PREMATURE_COINBASE_SPEND}, {@link BlockError#INPUT_VALUES_OUT_OF_RANGE},
   *     {@link BlockError#INPUTS_BELOW_OUTPUTS} or {@link BlockError#FEE_OUT_OF_RANGE}
   * @throws IllegalArgumentException if {@code tx} is a coinbase
   */
  static Amount check(Transaction tx, CoinsView view, int spendHeight,
      int coinbaseMaturity) throws ChainException {
    Objects.requireNonNull(view, "view");
    if (tx.isCoinbase()) {
      throw new IllegalArgumentException("a coinbase has no inputs to check");
    }
    long valueIn = 0;
    for (TxInput in : tx.inputs()) {
      Coin coin = view.coin(in.outPoint()).orElseThrow(() -> new ChainException(
          BlockError.MISSING_INPUTS, tx.txId() + " spends " + in.outPoint()));
      if (coin.isImmatureAt(spendHeight, coinbaseMaturity)) {
        throw new ChainException(BlockError.PREMATURE_COINBASE_SPEND, tx.txId() + " spends "
            + in.outPoint() + " from height " + coin.height() + " at " + spendHeight);
      }
      long value = coin.output().value();
      valueIn += value;
      if (!Amount.isValid(value) || !Amount.isValid(valueIn)) {
        throw new ChainException(BlockError.INPUT_VALUES_OUT_OF_RANGE, tx.txId().toString());
      }
    }
    long valueOut = 0;
    for (var out : tx.outputs()) {
      valueOut += out.value(); // context-free checks bound each term and the sum
    }
    if (valueIn < valueOut) {
      throw new ChainException(BlockError.INPUTS_BELOW_OUTPUTS,
          tx.txId() + " in " + valueIn + " < out " + valueOut);
    }
    long fee = valueIn - valueOut;
    if (!Amount.isValid(fee)) {
      throw new ChainException(BlockError.FEE_OUT_OF_RANGE, tx.txId().toString());
    }
    return Amount.ofSat(fee);
  }
}
