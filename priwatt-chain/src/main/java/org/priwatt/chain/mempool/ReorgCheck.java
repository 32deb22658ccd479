package org.priwatt.chain.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Coin;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;

/**
 * Core's {@code removeForReorg} test for one pooled transaction after the tip moved back: its
 * inputs still exist (in the chain or the pool), spent coinbases are still mature for the next
 * block, and its absolute and relative lock times are still met.
 */
final class ReorgCheck {
  private ReorgCheck() {}

  static boolean stillValid(Transaction tx, PoolGraph graph, ChainTip tip,
      boolean sequenceLocks) {
    int next = tip.height() + 1;
    if (!NextBlockLocks.isFinal(tx, tip)) {
      return false;
    }
    List<Coin> spent = new ArrayList<>(tx.inputs().size());
    for (TxInput in : tx.inputs()) {
      Optional<Coin> coin = graph.poolCoin(in.outPoint()).or(() -> tip.coins().coin(in.outPoint()));
      if (coin.isEmpty() || coin.get().isImmatureAt(next, tip.coinbaseMaturity())) {
        return false;
      }
      spent.add(coin.get());
    }
    return !sequenceLocks || NextBlockLocks.sequenceLocksSatisfied(tx, spent, tip);
  }
}
