package org.priwatt.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.script.Script;

/**
 * A ledger stand-in for benchmarks of the energy layer: it answers the registry's and the board's
 * lookups from maps and records what is broadcast <em>without validating it</em>, so that what
 * is measured is the registry or the board and not the chain (script validation of a release is
 * {@code ScriptVerifyBenchmark.escrowSdk}, block validation {@code BlockValidationBenchmark}).
 * Transactions added with {@link #confirm} count one confirmation, broadcast ones none.
 * Thread-safe. Not a {@link PaymentLedger} to use anywhere else: it accepts anything.
 */
final class MemoryLedger implements PaymentLedger {
  private final Map<TxId, Transaction> transactions = new HashMap<>();
  private final Map<TxId, Integer> confirmations = new HashMap<>();
  private final Map<OutPoint, TxId> spenders = new HashMap<>();
  private final Map<Script, List<OutPoint>> byScript = new HashMap<>();

  /** Records {@code tx} as mined in the tip block. */
  synchronized void confirm(Transaction tx) {
    add(tx, 1);
  }

  private void add(Transaction tx, int depth) {
    TxId id = tx.txId();
    if (transactions.putIfAbsent(id, tx) != null) {
      return;
    }
    confirmations.put(id, depth);
    for (TxInput in : tx.inputs()) {
      spenders.put(in.outPoint(), id);
    }
    for (int i = 0; i < tx.outputs().size(); i++) {
      byScript.computeIfAbsent(tx.output(i).scriptPubKey(), s -> new ArrayList<>()).add(OutPoint.of(id, i));
    }
  }

  @Override
  public synchronized Optional<LedgerRejection> broadcast(Transaction tx) {
    if (transactions.containsKey(tx.txId())) {
      return Optional.of(LedgerRejection.DUPLICATE);
    }
    add(tx, 0);
    return Optional.empty();
  }

  /** One block on genesis: the block {@link #confirm} records transactions in. */
  @Override
  public int height() {
    return 1;
  }

  @Override
  public synchronized int confirmations(TxId txId) {
    return confirmations.getOrDefault(txId, -1);
  }

  @Override
  public synchronized Optional<Transaction> transaction(TxId txId) {
    return Optional.ofNullable(transactions.get(txId));
  }

  @Override
  public synchronized Optional<Payment> output(OutPoint outPoint) {
    Transaction tx = transactions.get(outPoint.txId());
    if (tx == null || outPoint.index() >= tx.outputs().size()) {
      return Optional.empty();
    }
    return Optional.of(new Payment(outPoint, tx.output((int) outPoint.index()), confirmations.get(outPoint.txId()),
        spenders.containsKey(outPoint)));
  }

  @Override
  public synchronized Optional<TxId> spender(OutPoint outPoint) {
    return Optional.ofNullable(spenders.get(outPoint));
  }

  @Override
  public synchronized List<Payment> paymentsTo(Script scriptPubKey) {
    List<Payment> out = new ArrayList<>();
    for (OutPoint p : byScript.getOrDefault(scriptPubKey, List.of())) {
      output(p).ifPresent(out::add);
    }
    return out;
  }

  /** No offer on the boards benchmarked here was paid for. */
  @Override
  public boolean isCommitmentPaid(EntryId entry, int minConfirmations, Amount minimum) {
    return false;
  }
}
