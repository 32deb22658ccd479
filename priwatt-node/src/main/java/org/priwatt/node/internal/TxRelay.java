package org.priwatt.node.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mempool.MempoolListener;
import org.priwatt.chain.mempool.MempoolRejectReason;
import org.priwatt.node.p2p.InventoryMessage;
import org.priwatt.node.p2p.InventoryVector;
import org.priwatt.node.p2p.TxMessage;

/**
 * Transaction relay: a transaction is announced to every peer that asked for transactions and
 * does not know it only after the mempool accepted it (from a peer, the wallet or RPC alike);
 * announced transactions are requested once across peers (a request expires after a minute) and
 * rejected ones remembered (bounded) so they are not fetched again. One with missing inputs is
 * not remembered: its parent may still come. Logic thread only, but the mempool listener may be
 * called from any thread.
 */
final class TxRelay implements MempoolListener {
  /** Rejected txids remembered (Core's {@code m_recent_rejects} holds 120,000 in a filter). */
  static final int MAX_REJECTS = 20_000;
  /** Transactions being requested at once, across peers. */
  static final int MAX_REQUESTS = 20_000;
  private static final long REQUEST_EXPIRY_NANOS = 60_000_000_000L;

  private final P2pNetwork net;
  private final Mempool mempool;
  private final MetricsRecorder metrics;
  private final KnownInventory<TxId> rejects = new KnownInventory<>(MAX_REJECTS);
  private final Map<TxId, Long> requested = new HashMap<>();

  TxRelay(P2pNetwork net, Mempool mempool, MetricsRecorder metrics) {
    this.net = net;
    this.mempool = mempool;
    this.metrics = metrics;
  }

  void onInv(Peer peer, List<TxId> ids) {
    List<InventoryVector> wanted = new ArrayList<>();
    long now = System.nanoTime();
    for (TxId id : ids) {
      if (mempool.contains(id) || rejects.contains(id) || requested.containsKey(id)
          || requested.size() >= MAX_REQUESTS) {
        continue;
      }
      requested.put(id, now);
      wanted.add(InventoryVector.tx(id));
    }
    if (!wanted.isEmpty()) {
      peer.send(InventoryMessage.getData(wanted));
    }
  }

  void onNotFound(Peer peer, List<TxId> ids) {
    ids.forEach(requested::remove);
  }

  void onTx(Peer peer, Transaction tx) {
    TxId id = tx.txId();
    requested.remove(id);
    peer.known.add(InventoryVector.tx(id));
    if (mempool.contains(id) || rejects.contains(id)) {
      return;
    }
    long start = System.nanoTime();
    AcceptResult result = mempool.accept(tx);
    metrics.transactionValidation.record(System.nanoTime() - start);
    if (!result.isAccepted() && result.reason().orElse(null) != MempoolRejectReason.MISSING_OR_SPENT_INPUTS) {
      rejects.add(id);
    }
  }

  boolean serveTx(Peer peer, TxId id) {
    Optional<Transaction> tx = mempool.transaction(id);
    if (tx.isEmpty()) {
      return false;
    }
    peer.known.add(InventoryVector.tx(id));
    peer.send(new TxMessage(tx.get()));
    return true;
  }

  /** From the mempool, on whichever thread added the transaction. */
  @Override
  public void transactionAdded(MempoolEntry entry) {
    TxId id = entry.transaction().txId();
    net.execute(() -> announce(id));
  }

  private void announce(TxId id) {
    if (!mempool.contains(id)) {
      return;
    }
    InventoryVector v = InventoryVector.tx(id);
    boolean any = false;
    for (Peer p : net.established()) {
      if (p.relaysTransactions() && p.known.add(v)) {
        p.send(InventoryMessage.inv(List.of(v)));
        any = true;
      }
    }
    if (any) {
      metrics.transactionsRelayed.increment();
    }
  }

  void tick(long nowNanos) {
    requested.values().removeIf(t -> nowNanos - t > REQUEST_EXPIRY_NANOS);
  }

  void onClose(Peer peer) {
    // Requests are not tracked per peer: an unanswered one expires and the next inv asks again.
  }
}
