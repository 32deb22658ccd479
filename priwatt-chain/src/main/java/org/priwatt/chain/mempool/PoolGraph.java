package org.priwatt.chain.mempool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;

/**
 * The pool's transactions and the spend graph between them: which pooled transaction spends
 * each outpoint, and parent/child links between pooled transactions. Not thread-safe; the
 * {@link Mempool} guards it with its lock.
 */
final class PoolGraph {
  /** One pooled transaction with its links; mutable only through the graph. */
  static final class Node {
    final Transaction tx;
    final Amount fee;
    final int sigOps;
    final int entryHeight;
    final long entryTimeMillis;
    final Set<Node> parents = new LinkedHashSet<>();
    final Set<Node> children = new LinkedHashSet<>();

    Node(Transaction tx, Amount fee, int sigOps, int entryHeight, long entryTimeMillis) {
      this.tx = tx;
      this.fee = fee;
      this.sigOps = sigOps;
      this.entryHeight = entryHeight;
      this.entryTimeMillis = entryTimeMillis;
    }

    TxId id() {
      return tx.txId();
    }

    MempoolEntry toEntry() {
      Set<TxId> ids = new LinkedHashSet<>();
      parents.forEach(p -> ids.add(p.id()));
      return new MempoolEntry(tx, fee, sigOps, entryHeight, entryTimeMillis, ids);
    }
  }

  private final Map<TxId, Node> byId = new LinkedHashMap<>();
  private final Map<OutPoint, Node> spentBy = new HashMap<>();
  private long totalBytes;

  int size() {
    return byId.size();
  }

  long totalBytes() {
    return totalBytes;
  }

  Optional<Node> get(TxId id) {
    return Optional.ofNullable(byId.get(id));
  }

  Collection<Node> nodes() {
    return byId.values();
  }

  /** The pooled transaction spending {@code outPoint}, if any. */
  Optional<Node> spender(OutPoint outPoint) {
    return Optional.ofNullable(spentBy.get(outPoint));
  }

  /** The output {@code outPoint} of a pooled transaction as a coin at the mempool height. */
  Optional<Coin> poolCoin(OutPoint outPoint) {
    Node n = byId.get(outPoint.txId());
    if (n == null || outPoint.index() >= n.tx.outputs().size()) {
      return Optional.empty();
    }
    TxOutput out = n.tx.output((int) outPoint.index());
    return Optional.of(new Coin(out, Coin.MEMPOOL_HEIGHT, false));
  }

  /** The pooled transactions {@code tx} spends from. */
  Set<Node> parentsOf(Transaction tx) {
    Set<Node> parents = new LinkedHashSet<>();
    for (TxInput in : tx.inputs()) {
      Node p = byId.get(in.outPoint().txId());
      if (p != null) {
        parents.add(p);
      }
    }
    return parents;
  }

  /** Adds a node, linking it to pooled parents and to pooled children already spending it. */
  void add(Node node) {
    byId.put(node.id(), node);
    totalBytes += node.tx.size();
    for (TxInput in : node.tx.inputs()) {
      spentBy.put(in.outPoint(), node);
    }
    for (Node p : parentsOf(node.tx)) {
      p.children.add(node);
      node.parents.add(p);
    }
    for (int i = 0; i < node.tx.outputs().size(); i++) {
      Node child = spentBy.get(OutPoint.of(node.id(), i));
      if (child != null) {
        child.parents.add(node);
        node.children.add(child);
      }
    }
  }

  /** Removes one node and its links; its children stay (their parent confirmed or left). */
  void remove(Node node) {
    if (byId.remove(node.id()) == null) {
      return;
    }
    totalBytes -= node.tx.size();
    for (TxInput in : node.tx.inputs()) {
      spentBy.remove(in.outPoint(), node);
    }
    node.parents.forEach(p -> p.children.remove(node));
    node.children.forEach(c -> c.parents.remove(node));
    node.parents.clear();
    node.children.clear();
  }

  /** {@code start} and everything reachable through the given direction. */
  static Set<Node> closure(Node start, boolean towardsChildren) {
    Set<Node> seen = new LinkedHashSet<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      Node n = todo.poll();
      if (seen.add(n)) {
        todo.addAll(towardsChildren ? n.children : n.parents);
      }
    }
    return seen;
  }

  /** Ancestors of a transaction not yet added: its pooled parents and their ancestors. */
  static Set<Node> ancestorsOf(Set<Node> parents) {
    Set<Node> all = new LinkedHashSet<>();
    for (Node p : parents) {
      all.addAll(closure(p, false));
    }
    return all;
  }

  /** All nodes with every parent before its children (Kahn's algorithm, stable by entry). */
  List<Node> topologicalOrder() {
    Map<Node, Integer> pending = new HashMap<>();
    Deque<Node> ready = new ArrayDeque<>();
    for (Node n : byId.values()) {
      pending.put(n, n.parents.size());
      if (n.parents.isEmpty()) {
        ready.add(n);
      }
    }
    List<Node> out = new ArrayList<>(byId.size());
    while (!ready.isEmpty()) {
      Node n = ready.poll();
      out.add(n);
      for (Node c : n.children) {
        if (pending.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    return out;
  }
}
