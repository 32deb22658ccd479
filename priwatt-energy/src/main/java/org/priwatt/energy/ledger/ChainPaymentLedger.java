package org.priwatt.energy.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mempool.MempoolListener;
import org.priwatt.chain.mempool.MempoolRejectReason;
import org.priwatt.chain.mempool.RemovalReason;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.chain.state.ChainState;
import org.priwatt.energy.EntryId;
import org.priwatt.script.Script;

/**
 * The {@link PaymentLedger} on the real PriWatt chain: {@link #broadcast} is acceptance into the
 * node's {@link Mempool} (full policy and script validation, Bitcoin Core's rules), and
 * confirmations come from the {@link ChainState}'s best chain. The chain state keeps coins, not a
 * transaction or address index, so this ledger keeps its own: every transaction of the best chain
 * (indexed from genesis when attached, then followed block by block, reorganisations included)
 * and of the pool, with the outputs paying each script, the spender of each output and the
 * payment commitments (Algorithm 1 MATCH). Thread-safe (one monitor; pool and chain are called
 * outside it, and their listeners only take it briefly).
 */
public final class ChainPaymentLedger implements PaymentLedger, AutoCloseable {
  private static final int IN_POOL = -1;

  private record Known(Transaction tx, int height) {}

  private final ChainState chain;
  private final Mempool pool;
  private final Map<TxId, Known> transactions = new HashMap<>();
  private final Map<Script, Set<OutPoint>> byScript = new HashMap<>();
  private final Map<OutPoint, TxId> spentBy = new HashMap<>();
  private final Map<EntryId, Set<TxId>> commitments = new HashMap<>();
  private final ChainListener chainListener = new ChainListener() {
    @Override
    public void blockConnected(Block block, int height) {
      connected(block, height);
    }

    @Override
    public void blockDisconnected(Block block, int height) {
      disconnected(block, height);
    }
  };
  private final MempoolListener poolListener = new MempoolListener() {
    @Override
    public void transactionAdded(MempoolEntry entry) {
      pooled(entry.transaction());
    }

    @Override
    public void transactionRemoved(Transaction tx, RemovalReason reason) {
      unpooled(tx, reason);
    }
  };
  private int tipHeight;

  private ChainPaymentLedger(ChainState chain, Mempool pool) {
    this.chain = chain;
    this.pool = pool;
  }

  /**
   * A ledger over {@code chain} and its pool {@code pool} (e.g. from {@code
   * ChainStateBridge.attach}): indexes the best chain from genesis and the pool's transactions,
   * then follows both through listeners until {@link #close()}.
   *
   * @throws ChainException if a block of the best chain cannot be read from the chain's store
   */
  public static ChainPaymentLedger attach(ChainState chain, Mempool pool) throws ChainException {
    ChainPaymentLedger ledger = new ChainPaymentLedger(Objects.requireNonNull(chain, "chain"),
        Objects.requireNonNull(pool, "pool"));
    // Listen first so no block slips between the scan and the subscription; connecting a block
    // twice only rewrites the same entries.
    chain.addListener(ledger.chainListener);
    pool.addListener(ledger.poolListener);
    int height = chain.height();
    for (int h = 0; h <= height; h++) {
      BlockIndexEntry e = chain.entryAt(h).orElseThrow(() -> new IllegalStateException("best chain has a gap"));
      Optional<Block> b = chain.block(e.hash());
      if (b.isPresent()) {
        ledger.connected(b.get(), h);
      }
    }
    pool.entries().forEach(en -> ledger.pooled(en.transaction()));
    return ledger;
  }

  /** The height of the best chain as this ledger last saw it. */
  @Override
  public synchronized int height() {
    return tipHeight;
  }

  @Override
  public Optional<LedgerRejection> broadcast(Transaction tx) {
    synchronized (this) {
      if (transactions.containsKey(tx.txId())) {
        return Optional.of(LedgerRejection.DUPLICATE);
      }
    }
    AcceptResult r = pool.accept(tx);
    if (r.isAccepted()) {
      pooled(tx);
      return Optional.empty();
    }
    return Optional.of(rejection(tx, r.reason().orElseThrow()));
  }

  private synchronized LedgerRejection rejection(Transaction tx, MempoolRejectReason reason) {
    switch (reason) {
      case CONSENSUS_INVALID, COINBASE:
        return LedgerRejection.INVALID;
      case ALREADY_IN_MEMPOOL, ALREADY_KNOWN:
        return LedgerRejection.DUPLICATE;
      case MEMPOOL_CONFLICT:
        return LedgerRejection.DOUBLE_SPEND;
      case MISSING_OR_SPENT_INPUTS:
        // The coins view cannot tell "never existed" from "spent"; the index can.
        return tx.inputs().stream().anyMatch(i -> spentBy.containsKey(i.outPoint()))
            ? LedgerRejection.DOUBLE_SPEND : LedgerRejection.MISSING_INPUT;
      case IN_BELOW_OUT, INPUT_VALUES_OUT_OF_RANGE:
        return LedgerRejection.INSUFFICIENT_INPUT;
      case MANDATORY_SCRIPT_VERIFY_FLAG_FAILED, NON_MANDATORY_SCRIPT_VERIFY_FLAG:
        return LedgerRejection.SCRIPT_FAILED;
      default:
        return LedgerRejection.POLICY;
    }
  }

  @Override
  public synchronized int confirmations(TxId txId) {
    Known k = transactions.get(txId);
    return k == null ? -1 : confirmations(k);
  }

  private int confirmations(Known k) {
    return k.height() == IN_POOL ? 0 : tipHeight - k.height() + 1;
  }

  @Override
  public synchronized Optional<Transaction> transaction(TxId txId) {
    return Optional.ofNullable(transactions.get(txId)).map(Known::tx);
  }

  @Override
  public synchronized List<Payment> paymentsTo(Script scriptPubKey) {
    List<Payment> out = new ArrayList<>();
    for (OutPoint op : byScript.getOrDefault(scriptPubKey, Set.of())) {
      Known k = transactions.get(op.txId());
      out.add(new Payment(op, k.tx().output((int) op.index()), confirmations(k), spentBy.containsKey(op)));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized Optional<Payment> output(OutPoint outPoint) {
    Known k = transactions.get(outPoint.txId());
    if (k == null || outPoint.index() >= k.tx().outputs().size()) {
      return Optional.empty();
    }
    return Optional.of(new Payment(outPoint, k.tx().output((int) outPoint.index()), confirmations(k),
        spentBy.containsKey(outPoint)));
  }

  @Override
  public synchronized Optional<TxId> spender(OutPoint outPoint) {
    return Optional.ofNullable(spentBy.get(outPoint));
  }

  @Override
  public synchronized boolean isCommitmentPaid(EntryId entry, int minConfirmations, Amount minimum) {
    for (TxId id : commitments.getOrDefault(entry, Set.of())) {
      Known k = transactions.get(id);
      if (confirmations(k) >= minConfirmations && k.tx().outputs().stream()
          .anyMatch(o -> o.scriptPubKey().isPayToScriptHash() && o.value() >= minimum.sat())) {
        return true;
      }
    }
    return false;
  }

  private synchronized void connected(Block block, int height) {
    tipHeight = height;
    for (Transaction tx : block.transactions()) {
      index(tx, height);
    }
  }

  private synchronized void disconnected(Block block, int height) {
    tipHeight = height - 1;
    for (Transaction tx : block.transactions()) {
      // The pool may already have taken the transaction back (its chain listener can run first).
      if (pool.contains(tx.txId())) {
        index(tx, IN_POOL);
      } else {
        unindex(tx);
      }
    }
  }

  private synchronized void pooled(Transaction tx) {
    Known k = transactions.get(tx.txId());
    if (k == null || k.height() != IN_POOL) {
      index(tx, IN_POOL);
    }
  }

  private synchronized void unpooled(Transaction tx, RemovalReason reason) {
    Known k = transactions.get(tx.txId());
    // A transaction leaving for a block stays: the block's connection records its height.
    if (reason != RemovalReason.BLOCK && k != null && k.height() == IN_POOL) {
      unindex(tx);
    }
  }

  private void index(Transaction tx, int height) {
    transactions.put(tx.txId(), new Known(tx, height));
    for (int i = 0; i < tx.outputs().size(); i++) {
      Script script = tx.output(i).scriptPubKey();
      byScript.computeIfAbsent(script, s -> new LinkedHashSet<>()).add(OutPoint.of(tx.txId(), i));
      PaymentCommitment.parse(script)
          .ifPresent(c -> commitments.computeIfAbsent(c.entry(), x -> new LinkedHashSet<>()).add(tx.txId()));
    }
    if (!tx.isCoinbase()) {
      for (TxInput in : tx.inputs()) {
        spentBy.put(in.outPoint(), tx.txId());
      }
    }
  }

  private void unindex(Transaction tx) {
    transactions.remove(tx.txId());
    for (int i = 0; i < tx.outputs().size(); i++) {
      Script script = tx.output(i).scriptPubKey();
      Set<OutPoint> ops = byScript.get(script);
      if (ops != null) {
        ops.remove(OutPoint.of(tx.txId(), i));
        if (ops.isEmpty()) {
          byScript.remove(script);
        }
      }
      PaymentCommitment.parse(script).ifPresent(c -> {
        Set<TxId> ids = commitments.get(c.entry());
        if (ids != null) {
          ids.remove(tx.txId());
        }
      });
    }
    if (!tx.isCoinbase()) {
      for (TxInput in : tx.inputs()) {
        spentBy.remove(in.outPoint(), tx.txId());
      }
    }
  }

  /** Stops following the chain and the pool. */
  @Override
  public void close() {
    chain.removeListener(chainListener);
    pool.removeListener(poolListener);
  }

  @Override
  public synchronized String toString() {
    return "ChainPaymentLedger{height " + tipHeight + ", " + transactions.size() + " transactions}";
  }
}
