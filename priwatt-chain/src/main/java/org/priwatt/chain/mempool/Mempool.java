package org.priwatt.chain.mempool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory pool: unconfirmed transactions that passed Bitcoin Core's accept-to-memory-pool
 * checks against the active chain ({@link ChainTip}) and the pool itself.
 *
 * <p>Rules, as Core without replace-by-fee:
 * <ul>
 *   <li>Consensus checks, standardness ({@link StandardPolicy}), finality for the next block
 *       (nLockTime against height and median time past, BIP 68 sequence locks), full script
 *       verification under Core's standard flags, minimum relay fee.
 *   <li>First seen wins: a transaction spending an outpoint already spent by a pooled one is
 *       rejected with {@link MempoolRejectReason#MEMPOOL_CONFLICT}, so a race attack (paper
 *       A15) shows up as a rejection at every node that saw the first spend.
 *   <li>Chains of unconfirmed transactions are accepted within ancestor/descendant limits.
 *   <li>Above {@link MempoolPolicy#maxPoolBytes()} the package (a transaction and its
 *       descendants) with the lowest descendant fee rate is evicted, and the pool's minimum fee
 *       rises above the evicted rate.
 *   <li>{@link #blockConnected} removes confirmed transactions and those conflicting with the
 *       block; {@link #blockDisconnected} re-adds a disconnected block's transactions and drops
 *       pooled transactions the reorganisation made invalid.
 * </ul>
 *
 * <p>Thread-safe: one lock guards the pool; listeners run after the change, outside the lock.
 */
public final class Mempool {
  private static final Logger LOG = LoggerFactory.getLogger(Mempool.class);

  private final ChainTip tip;
  private final MempoolPolicy policy;
  private final ScriptCheckCache cache;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final PoolGraph graph = new PoolGraph();
  private final List<MempoolListener> listeners = new CopyOnWriteArrayList<>();
  private FeeRate rollingMinFee = FeeRate.ZERO;
  /**
   * Disconnected transactions that could not be re-added yet: a chain state that reports a
   * multi-block reorganisation after completing it disconnects tip first, so a transaction's
   * parent in an older disconnected block arrives after it. Retried after each disconnected
   * block; dropped when the next block connects.
   */
  private final List<Transaction> reorgBacklog = new ArrayList<>();

  private Mempool(ChainTip tip, MempoolPolicy policy, ScriptCheckCache cache, Clock clock) {
    this.tip = Objects.requireNonNull(tip, "tip");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates an empty pool over {@code tip} with {@code policy}. */
  public static Mempool create(ChainTip tip, MempoolPolicy policy) {
    return new Mempool(tip, policy, ScriptCheckCache.none(), Clock.systemUTC());
  }

  /**
   * Creates an empty pool that records verified transactions in {@code cache} and stamps
   * entries with {@code clock}.
   */
  public static Mempool create(ChainTip tip, MempoolPolicy policy, ScriptCheckCache cache,
      Clock clock) {
    return new Mempool(tip, policy, cache, clock);
  }

  /** The relay policy in force. */
  public MempoolPolicy policy() {
    return policy;
  }

  /**
   * Offers {@code tx} to the pool.
   *
   * @return accepted with the fee, or the reason it was refused
   */
  public AcceptResult accept(Transaction tx) {
    Objects.requireNonNull(tx, "tx");
    List<Runnable> events = new ArrayList<>();
    AcceptResult result;
    lock.lock();
    try {
      result = acceptLocked(tx, false, events);
    } finally {
      lock.unlock();
    }
    if (!result.isAccepted()) {
      LOG.debug("rejected {}", result);
    }
    events.forEach(Runnable::run);
    return result;
  }

  private AcceptResult acceptLocked(Transaction tx, boolean bypassFees, List<Runnable> events) {
    AcceptChecks.Outcome outcome = AcceptChecks.run(tx, graph, tip, policy, cache, rollingMinFee,
        bypassFees, clock.millis());
    if (outcome.node() == null) {
      return outcome.result();
    }
    graph.add(outcome.node());
    MempoolEntry entry = outcome.node().toEntry();
    events.add(() -> listeners.forEach(l -> l.transactionAdded(entry)));
    if (!bypassFees) {
      trimToSize(events);
      if (graph.get(tx.txId()).isEmpty()) {
        return AcceptResult.rejected(tx.txId(), MempoolRejectReason.MEMPOOL_FULL, "");
      }
    }
    return outcome.result();
  }

  /** Evicts lowest descendant-score packages until the pool fits its cap (Core TrimToSize). */
  private void trimToSize(List<Runnable> events) {
    while (graph.totalBytes() > policy.maxPoolBytes() && graph.size() > 0) {
      PoolGraph.Node worst = graph.nodes().stream()
          .min(Comparator.comparingDouble(Mempool::descendantScore)).orElseThrow();
      Set<PoolGraph.Node> pkg = PoolGraph.closure(worst, true);
      long fee = 0;
      long size = 0;
      for (PoolGraph.Node n : pkg) {
        fee += n.fee.sat();
        size += n.tx.size();
      }
      FeeRate evicted = FeeRate.of(fee, size).plus(policy.incrementalRelayFee());
      rollingMinFee = FeeRate.max(rollingMinFee, evicted);
      removeAll(pkg, RemovalReason.SIZE_LIMIT, events);
      LOG.debug("evicted {} transactions, pool minimum fee now {}", pkg.size(), rollingMinFee);
    }
  }

  /**
   * Core's descendant score: the higher of the transaction's own fee rate and that of the
   * transaction with all its descendants, so a cheap parent of a well-paying child survives.
   */
  private static double descendantScore(PoolGraph.Node node) {
    long fee = 0;
    long size = 0;
    for (PoolGraph.Node n : PoolGraph.closure(node, true)) {
      fee += n.fee.sat();
      size += n.tx.size();
    }
    return Math.max((double) node.fee.sat() / node.tx.size(), (double) fee / size);
  }

  private void removeAll(Iterable<PoolGraph.Node> nodes, RemovalReason reason,
      List<Runnable> events) {
    for (PoolGraph.Node n : nodes) {
      graph.remove(n);
      Transaction removed = n.tx;
      events.add(() -> listeners.forEach(l -> l.transactionRemoved(removed, reason)));
    }
  }

  /**
   * Updates the pool for a block connected to the tip: removes the block's transactions and
   * every pooled transaction (with its descendants) that spends an outpoint the block spends.
   * Call after the {@link ChainTip} reflects the new tip.
   *
   * @param blockTransactions the block's transactions in block order
   */
  public void blockConnected(List<Transaction> blockTransactions) {
    List<Runnable> events = new ArrayList<>();
    lock.lock();
    try {
      reorgBacklog.clear();
      for (Transaction tx : blockTransactions) {
        graph.get(tx.txId()).ifPresent(n -> removeAll(List.of(n), RemovalReason.BLOCK, events));
      }
      for (Transaction tx : blockTransactions) {
        if (tx.isCoinbase()) {
          continue;
        }
        for (TxInput in : tx.inputs()) {
          graph.spender(in.outPoint()).ifPresent(conflict ->
              removeAll(PoolGraph.closure(conflict, true), RemovalReason.CONFLICT, events));
        }
      }
      decayMinFee();
    } finally {
      lock.unlock();
    }
    events.forEach(Runnable::run);
  }

  /**
   * Core lets the rolling minimum fee decay with a 12-hour half-life once blocks arrive; this
   * pool halves it per connected block, which tracks the same intent (a pool drained by blocks
   * accepts cheaper transactions again) without a clock.
   */
  private void decayMinFee() {
    long halved = rollingMinFee.satPerKb() / 2;
    rollingMinFee = halved < policy.incrementalRelayFee().satPerKb() / 2
        ? FeeRate.ZERO : FeeRate.ofSatPerKb(halved);
  }

  /**
   * Updates the pool for a block disconnected from the tip during a reorganisation: re-adds its
   * non-coinbase transactions (without fee checks, as Core), then removes pooled transactions
   * that are no longer valid on the shorter chain (inputs gone, such as a disconnected coinbase;
   * coinbase spends now immature; lock times no longer met). Call after the {@link ChainTip}
   * reflects the block's removal, once per block, tip first.
   *
   * @param blockTransactions the disconnected block's transactions in block order
   */
  public void blockDisconnected(List<Transaction> blockTransactions) {
    List<Runnable> events = new ArrayList<>();
    lock.lock();
    try {
      for (Transaction tx : blockTransactions) {
        if (!tx.isCoinbase()) {
          readd(tx, events);
        }
      }
      retryBacklog(events);
      removeInvalidAfterReorg(events);
      trimToSize(events);
    } finally {
      lock.unlock();
    }
    events.forEach(Runnable::run);
  }

  private void readd(Transaction tx, List<Runnable> events) {
    AcceptResult r = acceptLocked(tx, true, events);
    if (r.reason().filter(MempoolRejectReason.MISSING_OR_SPENT_INPUTS::equals).isPresent()) {
      reorgBacklog.add(tx);
    } else if (!r.isAccepted()) {
      LOG.debug("not re-adding disconnected transaction: {}", r);
    }
  }

  /** Re-adds backlog transactions whose parents have arrived, until nothing changes. */
  private void retryBacklog(List<Runnable> events) {
    boolean progress = true;
    while (progress && !reorgBacklog.isEmpty()) {
      progress = false;
      for (Transaction tx : List.copyOf(reorgBacklog)) {
        if (acceptLocked(tx, true, events).isAccepted()) {
          reorgBacklog.remove(tx);
          progress = true;
        }
      }
    }
  }

  private void removeInvalidAfterReorg(List<Runnable> events) {
    for (PoolGraph.Node node : graph.topologicalOrder()) {
      if (graph.get(node.id()).isPresent() && !ReorgCheck.stillValid(node.tx, graph, tip,
          policy.enforceSequenceLocks())) {
        removeAll(PoolGraph.closure(node, true), RemovalReason.REORG, events);
      }
    }
  }

  /** Registers {@code listener}; it receives changes made after this call. */
  public void addListener(MempoolListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters {@code listener}; no-op if it was not registered. */
  public void removeListener(MempoolListener listener) {
    listeners.remove(listener);
  }

  /** Whether {@code txId} is in the pool. */
  public boolean contains(TxId txId) {
    return read(() -> graph.get(txId).isPresent());
  }

  /** The pooled transaction {@code txId}, if present. */
  public Optional<Transaction> transaction(TxId txId) {
    return read(() -> graph.get(txId).map(n -> n.tx));
  }

  /** A snapshot of the entry for {@code txId}, if present. */
  public Optional<MempoolEntry> entry(TxId txId) {
    return read(() -> graph.get(txId).map(PoolGraph.Node::toEntry));
  }

  /** The id of the pooled transaction spending {@code outPoint}, if any. */
  public Optional<TxId> spender(OutPoint outPoint) {
    return read(() -> graph.spender(outPoint).map(PoolGraph.Node::id));
  }

  /** A consistent snapshot of all entries, every parent before its children. */
  public List<MempoolEntry> entries() {
    return read(() -> {
      List<MempoolEntry> out = new ArrayList<>(graph.size());
      graph.topologicalOrder().forEach(n -> out.add(n.toEntry()));
      return out;
    });
  }

  /** The number of pooled transactions. */
  public int size() {
    return read(graph::size);
  }

  /** The summed serialized size of the pooled transactions, bytes. */
  public long bytes() {
    return read(graph::totalBytes);
  }

  /**
   * The fee rate a new transaction must pay now: the minimum relay fee, or the rolling minimum
   * after evictions if higher.
   */
  public FeeRate minimumFeeRate() {
    return read(() -> FeeRate.max(rollingMinFee, policy.minRelayFee()));
  }

  private <T> T read(java.util.function.Supplier<T> query) {
    lock.lock();
    try {
      return query.get();
    } finally {
      lock.unlock();
    }
  }
}
