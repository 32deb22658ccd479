package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;

/**
 * A test branch that grows block by block, each block spending random mature coins of the
 * branch's own UTXO mirror (sometimes chaining a transaction on one earlier in the block).
 */
final class Branch {
  private final ChainFixture fixture;
  private final Random rnd;
  private BlockHeader tip;
  private int height;
  private final Map<OutPoint, Coin> utxo;
  final List<Block> blocks = new ArrayList<>();

  Branch(ChainFixture fixture, long seed, BlockHeader tip, int height, Map<OutPoint, Coin> utxo) {
    this.fixture = fixture;
    this.rnd = new Random(seed);
    this.tip = tip;
    this.height = height;
    this.utxo = new HashMap<>(utxo);
  }

  int height() {
    return height;
  }

  BlockHeader tip() {
    return tip;
  }

  Map<OutPoint, Coin> utxo() {
    return utxo;
  }

  /** Appends and returns a block with up to {@code maxTxs} spending transactions. */
  Block next(int maxTxs) {
    int h = height + 1;
    List<OutPoint> mature = new ArrayList<>();
    for (Map.Entry<OutPoint, Coin> e : utxo.entrySet()) {
      if (!e.getValue().isImmatureAt(h, fixture.params.coinbaseMaturity())) {
        mature.add(e.getKey());
      }
    }
    mature.sort(java.util.Comparator.comparing(OutPoint::toString));
    List<Transaction> txs = new ArrayList<>();
    Map<OutPoint, Coin> working = new HashMap<>(utxo);
    int n = mature.isEmpty() ? 0 : rnd.nextInt(maxTxs + 1);
    for (int t = 0; t < n && !mature.isEmpty(); t++) {
      List<OutPoint> in = new ArrayList<>();
      int k = 1 + rnd.nextInt(Math.min(3, mature.size()));
      long total = 0;
      for (int i = 0; i < k; i++) {
        OutPoint op = mature.remove(rnd.nextInt(mature.size()));
        in.add(op);
        total += working.get(op).output().value();
      }
      if (total < 10_000) {
        continue;
      }
      Transaction tx = ChainFixture.spend(in, total, 1 + rnd.nextInt(3), 1_000);
      txs.add(tx);
      for (OutPoint op : in) {
        working.remove(op);
      }
      for (int i = 0; i < tx.outputs().size(); i++) {
        OutPoint op = OutPoint.of(tx.txId(), i);
        working.put(op, new Coin(tx.output(i), h, false));
        if (rnd.nextInt(3) == 0) {
          mature.add(op); // spendable later in this very block
        }
      }
    }
    Block block = fixture.block(tip, h, txs);
    apply(block, h);
    return block;
  }

  private void apply(Block block, int h) {
    for (Transaction tx : block.transactions()) {
      if (!tx.isCoinbase()) {
        for (TxInput in : tx.inputs()) {
          utxo.remove(in.outPoint());
        }
      }
      for (int i = 0; i < tx.outputs().size(); i++) {
        utxo.put(OutPoint.of(tx.txId(), i), new Coin(tx.output(i), h, tx.isCoinbase()));
      }
    }
    blocks.add(block);
    tip = block.header();
    height = h;
  }

  /** Appends an externally built block (already valid on this branch). */
  void append(Block block) {
    apply(block, height + 1);
  }

  /** A copy of this branch to grow separately. */
  Branch fork(long seed) {
    return new Branch(fixture, seed, tip, height, utxo);
  }
}
