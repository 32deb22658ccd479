package org.priwatt.chain.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.TxId;
import org.priwatt.chain.consensus.internal.LockTimes;
import org.priwatt.chain.mempool.MempoolEntry;

/**
 * The first selector, kept as the reference {@code TransactionSelector} must agree with: every
 * round rescans all remaining entries and recomputes each package from scratch, O(n^2) package
 * walks, simple enough to be obviously right.
 */
final class QuadraticSelector {
  private static final int MAX_CONSECUTIVE_FAILURES = 1000;
  private static final int NEARLY_FULL_BYTES = 1000;

  private QuadraticSelector() {}

  /**
   * Selects from {@code pool}.
   *
   * @param pool pool entries with every parent before its children ({@link
   *     org.priwatt.chain.mempool.Mempool#entries()})
   * @return the selection, parents before children
   */
  static TransactionSelector.Selection select(List<MempoolEntry> pool, SelectionLimits limits) {
    Map<TxId, MempoolEntry> byId = new HashMap<>();
    Map<TxId, Integer> position = new HashMap<>();
    for (MempoolEntry e : pool) {
      position.put(e.txId(), position.size());
      byId.put(e.txId(), e);
    }
    Set<TxId> included = new HashSet<>();
    Set<TxId> failed = new HashSet<>();
    List<MempoolEntry> out = new ArrayList<>();
    long fees = 0;
    int bytes = 0;
    int sigOps = 0;
    int consecutiveFailures = 0;
    while (true) {
      List<MempoolEntry> best = null;
      long bestFee = 0;
      long bestSize = 1;
      for (MempoolEntry e : pool) {
        if (included.contains(e.txId()) || failed.contains(e.txId())) {
          continue;
        }
        List<MempoolEntry> pkg = packageOf(e, byId, included, position);
        long fee = 0;
        long size = 0;
        for (MempoolEntry p : pkg) {
          fee += p.fee().sat();
          size += p.size();
        }
        if (best == null || fee * bestSize > bestFee * size) {
          best = pkg;
          bestFee = fee;
          bestSize = size;
        }
      }
      if (best == null || limits.minFeeRate().feeFor(bestSize) > bestFee) {
        break;
      }
      int pkgSigOps = best.stream().mapToInt(MempoolEntry::sigOps).sum();
      boolean fits = bytes + bestSize <= limits.maxBytes()
          && sigOps + pkgSigOps <= limits.maxSigOps()
          && best.stream().allMatch(p -> LockTimes.isFinal(p.transaction(), limits.height(),
              limits.lockTimeCutoff()));
      if (!fits) {
        failed.add(best.get(best.size() - 1).txId());
        if (++consecutiveFailures > MAX_CONSECUTIVE_FAILURES
            && bytes > limits.maxBytes() - NEARLY_FULL_BYTES) {
          break;
        }
        continue;
      }
      consecutiveFailures = 0;
      for (MempoolEntry p : best) {
        included.add(p.txId());
        out.add(p);
      }
      fees += bestFee;
      bytes += (int) bestSize;
      sigOps += pkgSigOps;
    }
    return new TransactionSelector.Selection(out, Amount.ofSat(fees), bytes, sigOps);
  }

  /** {@code e} and its unselected in-pool ancestors, in pool (topological) order. */
  private static List<MempoolEntry> packageOf(MempoolEntry e, Map<TxId, MempoolEntry> byId,
      Set<TxId> included, Map<TxId, Integer> position) {
    Set<TxId> seen = new LinkedHashSet<>();
    List<TxId> todo = new ArrayList<>();
    todo.add(e.txId());
    while (!todo.isEmpty()) {
      TxId id = todo.remove(todo.size() - 1);
      if (included.contains(id) || !byId.containsKey(id) || !seen.add(id)) {
        continue;
      }
      todo.addAll(byId.get(id).parents());
    }
    List<MempoolEntry> pkg = new ArrayList<>(seen.size());
    seen.stream().sorted((a, b) -> Integer.compare(position.get(a), position.get(b)))
        .forEach(id -> pkg.add(byId.get(id)));
    return pkg;
  }
}
