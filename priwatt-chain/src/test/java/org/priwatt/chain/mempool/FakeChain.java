package org.priwatt.chain.mempool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.state.CoinsView;
import org.priwatt.script.Script;

/**
 * A minimal in-memory chain for mempool tests: a UTXO map, heights and median times, and
 * connect/disconnect of transaction lists with undo data. No proof of work, no validation.
 */
public final class FakeChain implements ChainTip, CoinsView {
  private final Map<OutPoint, Coin> utxo = new HashMap<>();
  private final List<Long> medianTimes = new ArrayList<>();
  private final Deque<Map<OutPoint, Coin>> undo = new ArrayDeque<>();
  private final Deque<List<Transaction>> blocks = new ArrayDeque<>();
  private final int maturity;
  private int fundingCounter;

  public FakeChain(int maturity) {
    this.maturity = maturity;
    medianTimes.add(1_600_000_000L);
  }

  /** Confirms a transaction paying {@code amounts} to {@code script} in a new block. */
  public synchronized Transaction fund(Script script, long... amounts) {
    byte[] id = new byte[32];
    id[0] = (byte) ++fundingCounter;
    id[1] = (byte) (fundingCounter >> 8);
    var b = Transaction.builder().addInput(OutPoint.of(TxId.fromBytes(id), 0));
    for (long a : amounts) {
      b.addOutput(Amount.ofSat(a), script);
    }
    Transaction tx = b.build();
    connect(List.of(tx));
    return tx;
  }

  /** Connects a block holding {@code txs}; spends their inputs and adds their outputs. */
  public synchronized void connect(List<Transaction> txs) {
    int h = height() + 1;
    Map<OutPoint, Coin> spent = new HashMap<>();
    for (Transaction tx : txs) {
      if (!tx.isCoinbase()) {
        for (TxInput in : tx.inputs()) {
          Coin c = utxo.remove(in.outPoint());
          if (c != null) {
            spent.put(in.outPoint(), c);
          }
        }
      }
      for (int i = 0; i < tx.outputs().size(); i++) {
        TxOutput out = tx.output(i);
        utxo.put(OutPoint.of(tx.txId(), i), new Coin(out, h, tx.isCoinbase()));
      }
    }
    undo.push(spent);
    blocks.push(List.copyOf(txs));
    medianTimes.add(medianTimes.get(medianTimes.size() - 1) + 600);
  }

  /** Disconnects the tip block and returns its transactions. */
  public synchronized List<Transaction> disconnect() {
    List<Transaction> txs = blocks.pop();
    for (Transaction tx : txs) {
      for (int i = 0; i < tx.outputs().size(); i++) {
        utxo.remove(OutPoint.of(tx.txId(), i));
      }
    }
    utxo.putAll(undo.pop());
    medianTimes.remove(medianTimes.size() - 1);
    return txs;
  }

  @Override
  public synchronized int height() {
    return medianTimes.size() - 1;
  }

  @Override
  public synchronized long medianTimePast() {
    return medianTimes.get(height());
  }

  @Override
  public synchronized long medianTimePast(int height) {
    return medianTimes.get(height);
  }

  @Override
  public CoinsView coins() {
    return this;
  }

  @Override
  public int coinbaseMaturity() {
    return maturity;
  }

  @Override
  public synchronized Optional<Coin> coin(OutPoint outPoint) {
    return Optional.ofNullable(utxo.get(outPoint));
  }
}
