package org.priwatt.chain.mining;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.TxId;
import org.priwatt.chain.consensus.internal.LockTimes;
import org.priwatt.chain.mempool.MempoolEntry;

/**
 * Chooses pooled transactions for a block by ancestor-package fee rate, as Bitcoin Core's {@code
 * BlockAssembler::addPackageTxs}: repeatedly take the transaction whose package (itself plus its
 * not yet selected in-pool ancestors) pays the highest fee rate, and add the whole package,
 * parents first. A well-paying child thereby pulls in its cheap parent (child pays for parent),
 * and a child never precedes its parent. Packages that do not fit, or hold a non-final
 * transaction, are skipped and that transaction is not tried again. Ties go to the transaction
 * earlier in pool order. Stateless and thread-safe.
 *
 * <p>As in Core, each transaction's package fee and size are kept up to date instead of being
 * recomputed: a priority queue holds them, and selecting a package subtracts its members from
 * their in-pool descendants, whose entries are re-queued (stale ones are skipped on removal). A
 * selection thus costs O(n log n) plus the ancestor and descendant walks, which the pool's
 * chain limits (25 by default) keep short; the first version rescanned every entry per round,
 * O(n^2) package walks.
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
    return new Run(pool, limits).select();
  }

  /** A package candidate: node {@code node}'s package fee and size when it was queued. */
  private record Candidate(int node, long fee, long size, int version) {}

  /** The state of one selection; nodes are pool positions. */
  private static final class Run {
    private final List<MempoolEntry> pool;
    private final SelectionLimits limits;
    private final int[][] parents;
    private final int[][] children;
    /** Fee and size of each node's package: itself and its unselected in-pool ancestors. */
    private final long[] packageFee;
    private final long[] packageSize;
    private final int[] version;
    private final boolean[] included;
    /** Candidates whose package did not fit once; never considered again. */
    private final boolean[] failed;
    private final PriorityQueue<Candidate> queue =
        new PriorityQueue<>(Run::compareCandidates);
    private final List<MempoolEntry> out = new ArrayList<>();
    private long fees;
    private int bytes;
    private int sigOps;

    Run(List<MempoolEntry> pool, SelectionLimits limits) {
      this.pool = pool;
      this.limits = limits;
      int n = pool.size();
      parents = new int[n][];
      children = new int[n][];
      packageFee = new long[n];
      packageSize = new long[n];
      version = new int[n];
      included = new boolean[n];
      failed = new boolean[n];
      linkGraph();
      for (int i = 0; i < n; i++) {
        for (int a : ancestorsOf(i)) {
          packageFee[i] += pool.get(a).fee().sat();
          packageSize[i] += pool.get(a).size();
        }
        queue.add(new Candidate(i, packageFee[i], packageSize[i], 0));
      }
    }

    private void linkGraph() {
      Map<TxId, Integer> position = new HashMap<>();
      for (MempoolEntry e : pool) {
        position.put(e.txId(), position.size());
      }
      List<List<Integer>> kids = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        kids.add(new ArrayList<>());
      }
      for (int i = 0; i < pool.size(); i++) {
        parents[i] = pool.get(i).parents().stream().filter(position::containsKey)
            .mapToInt(position::get).toArray();
        for (int p : parents[i]) {
          kids.get(p).add(i);
        }
      }
      for (int i = 0; i < pool.size(); i++) {
        children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
    }

    Selection select() {
      int consecutiveFailures = 0;
      Candidate c;
      while ((c = queue.poll()) != null) {
        if (included[c.node] || failed[c.node] || c.version != version[c.node]) {
          continue; // selected or failed meanwhile, or superseded by a re-queued entry
        }
        if (limits.minFeeRate().feeFor(c.size) > c.fee) {
          break; // the best package left pays too little
        }
        int[] pkg = ancestorsOf(c.node);
        if (!fits(pkg, c.size)) {
          failed[c.node] = true;
          if (++consecutiveFailures > MAX_CONSECUTIVE_FAILURES
              && bytes > limits.maxBytes() - NEARLY_FULL_BYTES) {
            break;
          }
          continue;
        }
        consecutiveFailures = 0;
        for (int t : pkg) {
          include(t);
        }
      }
      return new Selection(out, Amount.ofSat(fees), bytes, sigOps);
    }

    private boolean fits(int[] pkg, long size) {
      if (bytes + size > limits.maxBytes()) {
        return false;
      }
      int pkgSigOps = 0;
      for (int t : pkg) {
        pkgSigOps += pool.get(t).sigOps();
      }
      if (sigOps + pkgSigOps > limits.maxSigOps()) {
        return false;
      }
      for (int t : pkg) {
        if (!LockTimes.isFinal(pool.get(t).transaction(), limits.height(),
            limits.lockTimeCutoff())) {
          return false;
        }
      }
      return true;
    }

    /** Adds node t to the block and takes it out of every unselected descendant's package. */
    private void include(int t) {
      MempoolEntry e = pool.get(t);
      for (int d : walk(t, children)) { // none is selected: a package brings all its ancestors
        if (d != t) {
          packageFee[d] -= e.fee().sat();
          packageSize[d] -= e.size();
          version[d]++;
          queue.add(new Candidate(d, packageFee[d], packageSize[d], version[d]));
        }
      }
      included[t] = true;
      out.add(e);
      fees += e.fee().sat();
      bytes += e.size();
      sigOps += e.sigOps();
    }

    /** Node i and its unselected in-pool ancestors, in pool (topological) order. */
    private int[] ancestorsOf(int i) {
      int[] nodes = walk(i, parents);
      Arrays.sort(nodes);
      return nodes;
    }

    /** Node i and every unselected node reachable from it over {@code edges}, each once. */
    private int[] walk(int i, int[][] edges) {
      List<Integer> seen = new ArrayList<>();
      Set<Integer> visited = new HashSet<>();
      ArrayDeque<Integer> todo = new ArrayDeque<>();
      todo.push(i);
      while (!todo.isEmpty()) {
        int n = todo.pop();
        if (included[n] || !visited.add(n)) {
          continue;
        }
        seen.add(n);
        for (int next : edges[n]) {
          todo.push(next);
        }
      }
      return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Higher package fee rate first (exact 128-bit cross products), then pool order. */
    private static int compareCandidates(Candidate a, Candidate b) {
      int byRate = compareProducts(b.fee, a.size, a.fee, b.size);
      return byRate != 0 ? byRate : Integer.compare(a.node, b.node);
    }

    /** Compares x1 * y1 with x2 * y2 for non-negative factors without overflow. */
    private static int compareProducts(long x1, long y1, long x2, long y2) {
      int high = Long.compare(Math.multiplyHigh(x1, y1), Math.multiplyHigh(x2, y2));
      return high != 0 ? high : Long.compareUnsigned(x1 * y1, x2 * y2);
    }
  }
}
