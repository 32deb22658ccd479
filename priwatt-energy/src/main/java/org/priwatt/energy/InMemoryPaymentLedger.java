package org.priwatt.energy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;
import org.priwatt.script.ScriptError;

/**
 * A {@link PaymentLedger} held in memory: a UTXO map, a mempool and a list of blocks, with full
 * validation of every broadcast transaction (context-free checks, inputs exist and are unspent,
 * each input verified by the script interpreter with a {@code TransactionSignatureChecker} under
 * {@link ConsensusApi#STANDARD_FLAGS}, value conservation). It stands in for the chain until
 * the real chain state exists; {@link #fund} mints test coins and {@link #mineBlock()} confirms
 * the mempool. Thread-safe (one lock).
 */
public final class InMemoryPaymentLedger implements PaymentLedger {
  private record Known(Transaction tx, int height) {}

  private final Map<TxId, Known> transactions = new HashMap<>();
  private final Map<TxId, Transaction> mempool = new LinkedHashMap<>();
  private final Map<OutPoint, TxId> spentBy = new HashMap<>();
  private int height;
  private long mintCounter;

  /** Creates an empty ledger at height 0. */
  public InMemoryPaymentLedger() {}

  /**
   * Mints {@code amount} to {@code scriptPubKey} in a new block (a coinbase-like transaction, for
   * tests and simulations) and returns its output.
   */
  public synchronized Payment fund(Script scriptPubKey, Amount amount) {
    Script unique = ScriptBuilder.create().number(++mintCounter + 16).build();
    Transaction tx = Transaction.builder().addInput(TxInput.of(OutPoint.NULL, unique, TxInput.SEQUENCE_FINAL))
        .addOutput(amount, scriptPubKey).build();
    height++;
    transactions.put(tx.txId(), new Known(tx, height));
    return new Payment(OutPoint.of(tx.txId(), 0), tx.output(0), 1, false);
  }

  /** Confirms every mempool transaction in a new block; returns how many. */
  public synchronized int mineBlock() {
    height++;
    int n = mempool.size();
    for (Transaction tx : mempool.values()) {
      transactions.put(tx.txId(), new Known(tx, height));
    }
    mempool.clear();
    return n;
  }

  /** The number of blocks so far. */
  public synchronized int height() {
    return height;
  }

  @Override
  public synchronized Optional<LedgerRejection> broadcast(Transaction tx) {
    if (transactions.containsKey(tx.txId()) || mempool.containsKey(tx.txId())) {
      return Optional.of(LedgerRejection.DUPLICATE);
    }
    if (ConsensusApi.checkTransaction(tx).isPresent() || tx.isCoinbase()) {
      return Optional.of(LedgerRejection.INVALID);
    }
    long in = 0;
    for (int i = 0; i < tx.inputs().size(); i++) {
      OutPoint op = tx.input(i).outPoint();
      Optional<TxOutput> prev = output(op);
      if (prev.isEmpty()) {
        return Optional.of(LedgerRejection.MISSING_INPUT);
      }
      if (spentBy.containsKey(op)) {
        return Optional.of(LedgerRejection.DOUBLE_SPEND);
      }
      Script prevScript = prev.get().scriptPubKey();
      if (ConsensusApi.verifyInput(tx, i, prevScript, ConsensusApi.STANDARD_FLAGS) != ScriptError.OK) {
        return Optional.of(LedgerRejection.SCRIPT_FAILED);
      }
      in += prev.get().value();
    }
    long out = tx.outputs().stream().mapToLong(TxOutput::value).sum();
    if (out > in) {
      return Optional.of(LedgerRejection.INSUFFICIENT_INPUT);
    }
    for (TxInput input : tx.inputs()) {
      spentBy.put(input.outPoint(), tx.txId());
    }
    mempool.put(tx.txId(), tx);
    return Optional.empty();
  }

  private Optional<TxOutput> output(OutPoint op) {
    Transaction tx = mempool.get(op.txId());
    if (tx == null) {
      Known k = transactions.get(op.txId());
      tx = k == null ? null : k.tx();
    }
    if (tx == null || op.index() >= tx.outputs().size()) {
      return Optional.empty();
    }
    return Optional.of(tx.output((int) op.index()));
  }

  @Override
  public synchronized int confirmations(TxId txId) {
    if (mempool.containsKey(txId)) {
      return 0;
    }
    Known k = transactions.get(txId);
    return k == null ? -1 : height - k.height() + 1;
  }

  @Override
  public synchronized Optional<Transaction> transaction(TxId txId) {
    Transaction tx = mempool.get(txId);
    if (tx != null) {
      return Optional.of(tx);
    }
    return Optional.ofNullable(transactions.get(txId)).map(Known::tx);
  }

  @Override
  public synchronized List<Payment> paymentsTo(Script scriptPubKey) {
    List<Payment> out = new ArrayList<>();
    for (Known k : transactions.values()) {
      collect(k.tx(), height - k.height() + 1, scriptPubKey, out);
    }
    for (Transaction tx : mempool.values()) {
      collect(tx, 0, scriptPubKey, out);
    }
    return List.copyOf(out);
  }

  private void collect(Transaction tx, int confirmations, Script script, List<Payment> out) {
    for (int i = 0; i < tx.outputs().size(); i++) {
      if (tx.output(i).scriptPubKey().equals(script)) {
        OutPoint op = OutPoint.of(tx.txId(), i);
        out.add(new Payment(op, tx.output(i), confirmations, spentBy.containsKey(op)));
      }
    }
  }

  @Override
  public synchronized boolean isCommitmentPaid(EntryId entry, int minConfirmations) {
    for (Known k : transactions.values()) {
      if (height - k.height() + 1 >= minConfirmations && commits(k.tx(), entry)) {
        return true;
      }
    }
    return minConfirmations <= 0 && mempool.values().stream().anyMatch(tx -> commits(tx, entry));
  }

  private static boolean commits(Transaction tx, EntryId entry) {
    return tx.outputs().stream()
        .anyMatch(o -> EscrowScripts.parseCommitment(o.scriptPubKey()).filter(entry::equals).isPresent());
  }
}
