package org.priwatt.chain.wallet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.mempool.FeeRate;

/**
 * Branch and bound search for a change-free selection (Murch's algorithm, Bitcoin Core's {@code
 * SelectCoinsBnB}): a depth-first walk over include/exclude decisions on coins sorted by
 * effective value, pruning branches that fall short or overshoot {@code target + costOfChange},
 * keeping the match that wastes least (smallest overshoot, which becomes fee). Avoiding change
 * saves its output and a later input, and leaves no change address linking the payment to the
 * payer. Gives up after {@value #MAX_TRIES} steps. Stateless.
 */
public final class BranchAndBoundSelector implements CoinSelector {
  /** Search steps before giving up (Core's TOTAL_TRIES). */
  public static final int MAX_TRIES = 100_000;

  @Override
  public Optional<List<Utxo>> select(List<Utxo> coins, long target, FeeRate feeRate,
      long costOfChange) {
    List<Utxo> pool = new ArrayList<>();
    for (Utxo u : coins) {
      if (CoinSelector.effectiveValue(u, feeRate) > 0) {
        pool.add(u);
      }
    }
    pool.sort(Comparator.comparingLong((Utxo u) -> CoinSelector.effectiveValue(u, feeRate))
        .reversed());
    long[] eff = new long[pool.size()];
    long available = 0;
    for (int i = 0; i < eff.length; i++) {
      eff[i] = CoinSelector.effectiveValue(pool.get(i), feeRate);
      available += eff[i];
    }
    if (available < target) {
      return Optional.empty();
    }
    int[] best = search(eff, available, target, costOfChange);
    if (best == null) {
      return Optional.empty();
    }
    List<Utxo> out = new ArrayList<>(best.length);
    for (int i : best) {
      out.add(pool.get(i));
    }
    return Optional.of(out);
  }

  /** The indexes of the least wasteful match, or null. */
  private static int[] search(long[] eff, long available, long target, long costOfChange) {
    Deque<Integer> selection = new ArrayDeque<>();
    int[] best = null;
    long bestWaste = Long.MAX_VALUE;
    long value = 0;
    int index = 0;
    for (int tries = 0; tries < MAX_TRIES; tries++, index++) {
      boolean backtrack = false;
      if (value + available < target || value > target + costOfChange) {
        backtrack = true;
      } else if (value >= target) {
        long waste = value - target;
        if (waste <= bestWaste) {
          bestWaste = waste;
          best = selection.stream().mapToInt(Integer::intValue).toArray();
        }
        backtrack = true;
      }
      if (backtrack) {
        if (selection.isEmpty()) {
          break;
        }
        // Give back the coins skipped after the last included one, then exclude that one.
        for (--index; index > selection.peekLast(); --index) {
          available += eff[index];
        }
        value -= eff[index];
        selection.pollLast();
      } else {
        available -= eff[index];
        // Excluding a coin and then including an equal one explores the same sums again.
        boolean duplicate = !selection.isEmpty() && selection.peekLast() != index - 1
            && index > 0 && eff[index] == eff[index - 1];
        if (!duplicate) {
          selection.addLast(index);
          value += eff[index];
        }
      }
    }
    return best;
  }
}
