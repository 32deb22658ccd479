package org.priwatt.chain.wallet;

import java.util.List;
import java.util.Optional;
import org.priwatt.chain.mempool.FeeRate;

/**
 * Chooses which coins fund a payment. Coins are compared by effective value: their value minus
 * the fee, at the payment's fee rate, of the input that spends them ({@link
 * #P2PKH_INPUT_SIZE} bytes), so a coin worth less than its own input is never chosen.
 */
public interface CoinSelector {
  /**
   * Serialized size of an input spending P2PKH with a compressed key: outpoint 36, script
   * length 1, signature push up to 73, key push 34, sequence 4.
   */
  int P2PKH_INPUT_SIZE = 148;

  /**
   * Selects coins whose effective values sum to at least {@code target}.
   *
   * @param coins candidates (not modified)
   * @param target payments plus the fee of the transaction without its inputs, satoshis
   * @param feeRate the payment's fee rate
   * @param costOfChange what a change output costs to create and later spend; selections that
   *     overshoot by less than this are worth taking without change
   * @return the chosen coins, or empty if the candidates cannot reach {@code target}
   */
  Optional<List<Utxo>> select(List<Utxo> coins, long target, FeeRate feeRate, long costOfChange);

  /** Branch and bound for a change-free match first, largest-first otherwise. */
  static CoinSelector standard() {
    CoinSelector bnb = new BranchAndBoundSelector();
    CoinSelector largest = new LargestFirstSelector();
    return (coins, target, feeRate, costOfChange) -> {
      Optional<List<Utxo>> exact = bnb.select(coins, target, feeRate, costOfChange);
      return exact.isPresent() ? exact : largest.select(coins, target, feeRate, costOfChange);
    };
  }

  /** The effective value of {@code coin} at {@code feeRate}. */
  static long effectiveValue(Utxo coin, FeeRate feeRate) {
    return coin.output().value() - feeRate.feeFor(P2PKH_INPUT_SIZE);
  }
}
