package org.priwatt.chain.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.TxId;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.state.LockTimes;

/**
 * Chooses pooled transactions for a block by ancestor-package fee rate, as Bitcoin Core's {@code
 * BlockAssembler::addPackageTxs}: repeatedly take the transaction whose package (itself plus its
 * not yet selected in-pool ancestors) pays the highest fee rate, and add the whole package,
 * parents first. A well-paying child thereby pulls in its cheap parent (child pays for parent),
 * and a child never precedes its parent. Packages that do not fit, or hold a non-final
 * transaction, are skipped. Stateless and thread-safe.
 *
 * <p>Each round rescans the remaining entries, so selection costs about n^2 package walks: a few
 * milliseconds for the thousand-transaction pools of a private network. Core keeps modified
 * ancestor scores in an index instead, which would matter only for pools far larger.
 */
public final class TransactionSelector {
  /** After this many consecutive misfits with the block nearly full, stop (Core's value). */
  private static final int MAX_CONSECUTIVE_FAILURES = 1000;
  /** "Nearly full": within this many bytes of the limit (Core uses 4000 weight units). */
  private static final int NEARLY_FULL_BYTES = 1000;

  private TransactionSelector() {}

  /** The chosen transactions in block order, with their totals. */
  public record Selection(List<MempoolEntry> entries, Amount fees, int bytes, int sigOps) {
    /** Copies the entry list. */
    public Selection {
      entries = List.copyOf(entries);
      Objects.requireNonNull(fees, "fees");
    }
  }

  /**
   * Selects from {@code pool}.
   *
   * @param pool pool entries with every parent before its children ({@link
   *     org.priwatt.chain.mempool.Mempool#entries()})
   * @return the selection, parents before children
   */
  public static Selection select(List<MempoolEntry> pool, SelectionLimits limits) {
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
    return new Selection(out, Amount.ofSat(fees), bytes, sigOps);
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
