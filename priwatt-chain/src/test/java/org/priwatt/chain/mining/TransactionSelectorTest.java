package org.priwatt.chain.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.script.Script;

/** Template ordering: fee rate first, ancestors before descendants, limits respected. */
class TransactionSelectorTest {
  static final SelectionLimits ROOMY =
      new SelectionLimits(1_000_000, 20_000, FeeRate.ofSatPerKb(1000), 10, 1_600_000_000L);

  int counter;

  /** A unique unsigned transaction of about 85 bytes spending {@code parents} (or a fresh outpoint). */
  Transaction tx(long lockTime, Transaction... parents) {
    var b = Transaction.builder().lockTime(lockTime);
    counter++;
    if (parents.length == 0) {
      byte[] id = new byte[32];
      id[0] = (byte) counter;
      id[1] = (byte) (counter >> 8);
      // a non-final sequence so that a lock time takes effect
      b.addInput(TxInput.of(OutPoint.of(TxId.fromBytes(id), 0), Script.EMPTY, 0));
    }
    for (Transaction p : parents) {
      b.addInput(TxInput.of(OutPoint.of(p.txId(), 0), Script.EMPTY, 0));
    }
    // distinct values keep transactions with the same parents distinct
    return b.addOutput(Amount.ofSat(10_000 + counter), p2pkh(ALICE)).build();
  }

  static MempoolEntry entry(Transaction tx, long fee, Transaction... parents) {
    Set<TxId> ids = new HashSet<>();
    for (Transaction p : parents) {
      ids.add(p.txId());
    }
    return new MempoolEntry(tx, Amount.ofSat(fee), 1, 0, 0, ids);
  }

  static List<TxId> ids(TransactionSelector.Selection s) {
    return s.entries().stream().map(MempoolEntry::txId).toList();
  }

  @Test
  void higherFeeRateComesFirst() {
    Transaction low = tx(0);
    Transaction high = tx(0);
    var s = TransactionSelector.select(List.of(entry(low, 500), entry(high, 5_000)), ROOMY);
    assertThat(ids(s)).containsExactly(high.txId(), low.txId());
    assertThat(s.fees()).isEqualTo(Amount.ofSat(5_500));
    assertThat(s.bytes()).isEqualTo(low.size() + high.size());
  }

  @Test
  void childPaysForParentAndNeverPrecedesIt() {
    Transaction parent = tx(0);
    Transaction child = tx(0, parent);
    Transaction middle = tx(0);
    // the parent alone pays below the minimum; with its child it beats the middle transaction
    var s = TransactionSelector.select(List.of(entry(parent, 10), entry(middle, 3_000),
        entry(child, 20_000, parent)), ROOMY);
    assertThat(ids(s)).containsExactly(parent.txId(), child.txId(), middle.txId());
  }

  @Test
  void packagesThatDoNotFitOrAreNonFinalAreSkipped() {
    Transaction big = tx(0, tx(0), tx(0), tx(0));
    Transaction small = tx(0);
    Transaction locked = tx(11);
    Transaction lockedParentChild = tx(0, locked);
    int room = small.size() + 10;
    var s = TransactionSelector.select(List.of(entry(big, 90_000), entry(small, 1_000),
        entry(locked, 50_000), entry(lockedParentChild, 50_000, locked)),
        new SelectionLimits(room, 100, FeeRate.ZERO, 10, 0));
    assertThat(ids(s)).containsExactly(small.txId());
  }

  @Test
  void sigOpLimitIsRespected() {
    Transaction a = tx(0);
    Transaction b = tx(0);
    var s = TransactionSelector.select(List.of(entry(a, 2_000), entry(b, 1_000)),
        new SelectionLimits(1_000_000, 1, FeeRate.ZERO, 10, 0));
    assertThat(ids(s)).containsExactly(a.txId());
    assertThat(s.sigOps()).isEqualTo(1);
  }

  /** Random DAGs: every selected transaction's pooled parents appear before it. */
  @Test
  void randomGraphsKeepTopologicalOrder() {
    Random rnd = new Random(7);
    for (int round = 0; round < 30; round++) {
      List<Transaction> txs = new ArrayList<>();
      List<MempoolEntry> entries = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        List<Transaction> parents = new ArrayList<>();
        for (Transaction t : txs) {
          if (rnd.nextInt(8) == 0 && parents.size() < 3) {
            parents.add(t);
          }
        }
        Transaction t = tx(0, parents.toArray(new Transaction[0]));
        txs.add(t);
        entries.add(entry(t, 100 + rnd.nextInt(20_000), parents.toArray(new Transaction[0])));
      }
      var s = TransactionSelector.select(entries,
          new SelectionLimits(1_500 + rnd.nextInt(1_500), 100, FeeRate.ZERO, 10, 0));
      Map<TxId, Integer> pos = new HashMap<>();
      ids(s).forEach(id -> pos.put(id, pos.size()));
      for (MempoolEntry e : s.entries()) {
        for (TxId p : e.parents()) {
          assertThat(pos).containsKey(p);
          assertThat(pos.get(p)).isLessThan(pos.get(e.txId()));
        }
      }
      assertThat(s.bytes()).isLessThanOrEqualTo(3_000);
    }
  }

  /**
   * The indexed selector against the quadratic reference on random pools and limits: the same
   * transactions in the same order, fees, bytes and sigops. Pools mix chains and fans of
   * dependants, equal fee rates (ties), non-final transactions, sigop-heavy entries and parents
   * missing from the pool; limits range from roomy to a few transactions.
   */
  @Test
  void agreesWithTheQuadraticReference() {
    Random rnd = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Transaction> txs = new ArrayList<>();
      List<MempoolEntry> entries = new ArrayList<>();
      int n = 1 + rnd.nextInt(120);
      for (int i = 0; i < n; i++) {
        List<Transaction> parents = new ArrayList<>();
        for (int k = Math.max(0, txs.size() - 12); k < txs.size(); k++) {
          if (rnd.nextInt(6) == 0 && parents.size() < 3) {
            parents.add(txs.get(k));
          }
        }
        Transaction t = tx(rnd.nextInt(20) == 0 ? 11 : 0, parents.toArray(new Transaction[0]));
        txs.add(t);
        long fee = rnd.nextInt(4) == 0 ? 1_000 : rnd.nextInt(30_000);
        Set<TxId> parentIds = new HashSet<>();
        parents.forEach(p -> parentIds.add(p.txId()));
        if (rnd.nextInt(30) == 0) {
          parentIds.add(tx(0).txId()); // a parent that is not in the pool (already mined)
        }
        entries.add(new MempoolEntry(t, Amount.ofSat(fee), rnd.nextInt(5) == 0 ? 20 : 1, 0, 0,
            parentIds));
      }
      SelectionLimits limits = new SelectionLimits(200 + rnd.nextInt(rnd.nextBoolean() ? 2_000 : 20_000),
          5 + rnd.nextInt(200), FeeRate.ofSatPerKb(rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(40_000)),
          10, 0);
      var expected = QuadraticSelector.select(entries, limits);
      var actual = TransactionSelector.select(entries, limits);
      assertThat(ids(actual)).as("round %d", round).isEqualTo(ids(expected));
      assertThat(actual).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void coinbaseCarriesHeightAndExtraNonce() {
    Transaction cb = Coinbase.create(300, 7, Amount.ofSat(5_000), p2pkh(BOB), new byte[] {1});
    assertThat(cb.isCoinbase()).isTrue();
    // 0x02 0x2c01 (300 little-endian) then OP_7, then the tag push
    assertThat(cb.input(0).scriptSig().toHex()).isEqualTo("022c01570101");
    assertThat(cb.size()).isLessThanOrEqualTo(Coinbase.maxSize(p2pkh(BOB), 1));
    assertThat(Coinbase.create(1, 0, Amount.ZERO, p2pkh(BOB), null).input(0).scriptSig()
        .toHex()).isEqualTo("5100");
  }
}
