package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.mempool.FeeRate;

/**
 * Takes coins from the largest effective value down until the target is reached: few inputs,
 * hence a small fee, at the cost of usually needing change. Stateless.
 */
public final class LargestFirstSelector implements CoinSelector {
  @Override
  public Optional<List<Utxo>> select(List<Utxo> coins, long target, FeeRate feeRate,
      long costOfChange) {
    List<Utxo> sorted = new ArrayList<>(coins);
    sorted.sort(Comparator.comparingLong((Utxo u) -> CoinSelector.effectiveValue(u, feeRate))
        .reversed());
    List<Utxo> chosen = new ArrayList<>();
    long sum = 0;
    for (Utxo u : sorted) {
      long eff = CoinSelector.effectiveValue(u, feeRate);
      if (eff <= 0) {
        break;
      }
      chosen.add(u);
      sum += eff;
      if (sum >= target) {
        return Optional.of(chosen);
      }
    }
    return Optional.empty();
  }
}
