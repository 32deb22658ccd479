package org.priwatt.chain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.CAROL;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;
import static org.priwatt.chain.mempool.Fixtures.spend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;

/** Acceptance, conflicts, unconfirmed chains, block connection and reorganisation. */
class MempoolTest {
  final FakeChain chain = new FakeChain(5);
  final Mempool pool = Mempool.create(chain, MempoolPolicy.DEFAULT);
  final List<String> events = new CopyOnWriteArrayList<>();

  {
    pool.addListener(new MempoolListener() {
      @Override
      public void transactionAdded(MempoolEntry entry) {
        events.add("+" + entry.txId());
      }

      @Override
      public void transactionRemoved(Transaction tx, RemovalReason reason) {
        events.add("-" + tx.txId() + " " + reason);
      }
    });
  }

  static MempoolRejectReason reason(AcceptResult r) {
    assertThat(r.isAccepted()).as(r.toString()).isFalse();
    return r.reason().orElseThrow();
  }

  @Test
  void acceptsASignedSpendAndReportsItsFee() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction tx = spend(funding, 0, ALICE, p2pkh(BOB), 99_000);
    AcceptResult r = pool.accept(tx);
    assertThat(r.isAccepted()).as(r.toString()).isTrue();
    assertThat(r.fee()).contains(Amount.ofSat(1_000));
    assertThat(pool.contains(tx.txId())).isTrue();
    assertThat(pool.spender(OutPoint.of(funding.txId(), 0))).contains(tx.txId());
    assertThat(pool.entry(tx.txId()).orElseThrow().sigOps()).isEqualTo(1);
    assertThat(events).containsExactly("+" + tx.txId());
    assertThat(reason(pool.accept(tx))).isEqualTo(MempoolRejectReason.ALREADY_IN_MEMPOOL);
  }

  /** Race attack (paper A15): the second spend of an outpoint is refused, naming the first. */
  @Test
  void secondSpendOfAnOutpointIsRejectedAsConflict() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction toBob = spend(funding, 0, ALICE, p2pkh(BOB), 99_000);
    Transaction toCarol = spend(funding, 0, ALICE, p2pkh(CAROL), 98_000);
    assertThat(pool.accept(toBob).isAccepted()).isTrue();
    AcceptResult second = pool.accept(toCarol);
    assertThat(reason(second)).isEqualTo(MempoolRejectReason.MEMPOOL_CONFLICT);
    assertThat(second.rejectString()).contains("txn-mempool-conflict");
    assertThat(second.detail()).contains(toBob.txId().toString());
    assertThat(pool.contains(toBob.txId())).isTrue();
    assertThat(pool.contains(toCarol.txId())).isFalse();
  }

  @Test
  void dustOutputIsRejectedAndTheThresholdIsAccepted() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000, 100_000);
    AcceptResult dust = pool.accept(spend(funding, 0, ALICE, p2pkh(BOB), 545, 98_000));
    assertThat(reason(dust)).isEqualTo(MempoolRejectReason.DUST);
    assertThat(dust.rejectString()).contains("dust");
    assertThat(pool.accept(spend(funding, 1, ALICE, p2pkh(BOB), 546, 98_000)).isAccepted())
        .isTrue();
  }

  @Test
  void nonFinalLockTimeIsRejectedUntilTheNextBlockReachesIt() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    int next = chain.height() + 1;
    Transaction early = Fixtures.sign(Transaction.builder().lockTime(next)
            .addInput(org.priwatt.chain.TxInput.of(OutPoint.of(funding.txId(), 0),
                org.priwatt.script.Script.EMPTY, 0xfffffffeL)),
        p2pkh(BOB), new long[] {99_000}, List.of(funding.output(0)), ALICE);
    AcceptResult r = pool.accept(early);
    assertThat(reason(r)).isEqualTo(MempoolRejectReason.NON_FINAL);
    assertThat(r.rejectString()).contains("non-final");
    chain.fund(p2pkh(CAROL), 1_000); // one more block: the lock time is now below the next height
    assertThat(pool.accept(early).isAccepted()).isTrue();
  }

  @Test
  void timeBasedLockTimeComparesWithMedianTimePast() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction tx = Fixtures.sign(Transaction.builder().lockTime(chain.medianTimePast())
            .addInput(org.priwatt.chain.TxInput.of(OutPoint.of(funding.txId(), 0),
                org.priwatt.script.Script.EMPTY, 0)),
        p2pkh(BOB), new long[] {99_000}, List.of(funding.output(0)), ALICE);
    assertThat(reason(pool.accept(tx))).isEqualTo(MempoolRejectReason.NON_FINAL);
    chain.fund(p2pkh(CAROL), 1_000);
    assertThat(pool.accept(tx).isAccepted()).isTrue();
  }

  @Test
  void missingInputsAndConfirmedTransactionsAreToldApart() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction parent = spend(funding, 0, ALICE, p2pkh(BOB), 99_000);
    Transaction child = spend(parent, 0, BOB, p2pkh(CAROL), 98_000);
    AcceptResult orphan = pool.accept(child);
    assertThat(reason(orphan)).isEqualTo(MempoolRejectReason.MISSING_OR_SPENT_INPUTS);
    assertThat(orphan.rejectString()).contains("bad-txns-inputs-missingorspent");
    chain.connect(List.of(parent));
    assertThat(reason(pool.accept(parent))).isEqualTo(MempoolRejectReason.ALREADY_KNOWN);
  }

  @Test
  void chainsOfUnconfirmedParentsAreAcceptedWithinTheAncestorLimit() {
    Mempool small = Mempool.create(chain, MempoolPolicy.DEFAULT.withChainLimits(3, 25));
    Transaction prev = chain.fund(p2pkh(ALICE), 100_000);
    long value = 100_000;
    List<Transaction> chainTxs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      value -= 1_000;
      Transaction next = spend(prev, 0, ALICE, p2pkh(ALICE), value);
      chainTxs.add(next);
      prev = next;
    }
    for (int i = 0; i < 3; i++) {
      assertThat(small.accept(chainTxs.get(i)).isAccepted()).isTrue();
    }
    assertThat(reason(small.accept(chainTxs.get(3))))
        .isEqualTo(MempoolRejectReason.TOO_LONG_MEMPOOL_CHAIN);
    assertThat(small.entries()).extracting(MempoolEntry::txId)
        .containsExactly(chainTxs.get(0).txId(), chainTxs.get(1).txId(), chainTxs.get(2).txId());
    assertThat(small.entry(chainTxs.get(1).txId()).orElseThrow().parents())
        .containsExactly(chainTxs.get(0).txId());
  }

  @Test
  void feeBelowMinimumRelayFeeIsRejected() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    AcceptResult free = pool.accept(spend(funding, 0, ALICE, p2pkh(BOB), 100_000));
    assertThat(reason(free)).isEqualTo(MempoolRejectReason.MIN_RELAY_FEE_NOT_MET);
    assertThat(free.rejectString()).contains("min relay fee not met");
    AcceptResult greedy = pool.accept(spend(funding, 0, ALICE, p2pkh(BOB), 100_001));
    assertThat(reason(greedy)).isEqualTo(MempoolRejectReason.IN_BELOW_OUT);
  }

  /** A coinbase paying Alice 50,000 sat, to be connected by the fake chain. */
  static Transaction coinbaseToAlice() {
    return Transaction.builder()
        .addInput(org.priwatt.chain.TxInput.of(OutPoint.NULL,
            org.priwatt.script.Script.fromBytes(new byte[] {1, 2}), 0xffffffffL))
        .addOutput(Amount.ofSat(50_000), p2pkh(ALICE)).build();
  }

  @Test
  void prematureCoinbaseSpendIsRejectedUntilMature() {
    Transaction coinbase = coinbaseToAlice();
    chain.connect(List.of(coinbase));
    Transaction tx = spend(coinbase, 0, ALICE, p2pkh(BOB), 49_000);
    assertThat(reason(pool.accept(tx))).isEqualTo(MempoolRejectReason.PREMATURE_COINBASE_SPEND);
    assertThat(reason(pool.accept(coinbase))).isEqualTo(MempoolRejectReason.COINBASE);
    for (int i = 0; i < 4; i++) {
      chain.fund(p2pkh(CAROL), 1_000);
    }
    assertThat(pool.accept(tx).isAccepted()).isTrue();
  }

  @Test
  void connectedBlockRemovesConfirmedAndConflictingTransactions() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000, 100_000);
    Transaction confirmed = spend(funding, 0, ALICE, p2pkh(BOB), 99_000);
    Transaction child = spend(confirmed, 0, BOB, p2pkh(CAROL), 98_000);
    Transaction loser = spend(funding, 1, ALICE, p2pkh(BOB), 99_000);
    Transaction loserChild = spend(loser, 0, BOB, p2pkh(CAROL), 98_000);
    Transaction winner = spend(funding, 1, ALICE, p2pkh(CAROL), 97_000);
    for (Transaction t : List.of(confirmed, child, loser, loserChild)) {
      assertThat(pool.accept(t).isAccepted()).isTrue();
    }
    events.clear();
    chain.connect(List.of(confirmed, winner));
    pool.blockConnected(List.of(confirmed, winner));
    assertThat(pool.entries()).extracting(MempoolEntry::txId).containsExactly(child.txId());
    assertThat(pool.entry(child.txId()).orElseThrow().parents()).isEmpty();
    assertThat(events).containsExactly("-" + confirmed.txId() + " BLOCK",
        "-" + loser.txId() + " CONFLICT", "-" + loserChild.txId() + " CONFLICT");
  }

  @Test
  void disconnectedBlockTransactionsReturnToThePool() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction confirmed = spend(funding, 0, ALICE, p2pkh(BOB), 99_000);
    chain.connect(List.of(confirmed));
    pool.blockConnected(List.of(confirmed));
    Transaction child = spend(confirmed, 0, BOB, p2pkh(CAROL), 98_000);
    assertThat(pool.accept(child).isAccepted()).isTrue();

    List<Transaction> disconnected = chain.disconnect();
    pool.blockDisconnected(disconnected);
    assertThat(pool.entries()).extracting(MempoolEntry::txId)
        .containsExactly(confirmed.txId(), child.txId());
    assertThat(pool.entry(child.txId()).orElseThrow().parents()).containsExactly(confirmed.txId());

    // the funding block goes too: its transaction has no inputs on the chain, so both go
    List<Transaction> fundingBlock = chain.disconnect();
    pool.blockDisconnected(fundingBlock);
    assertThat(pool.size()).isZero();
    assertThat(events).contains("-" + confirmed.txId() + " REORG", "-" + child.txId() + " REORG");
  }

  @Test
  void reorgDropsSpendsOfADisconnectedCoinbase() {
    Transaction coinbase = coinbaseToAlice();
    chain.connect(List.of(coinbase));
    for (int i = 0; i < 4; i++) {
      chain.fund(p2pkh(CAROL), 1_000);
    }
    Transaction tx = spend(coinbase, 0, ALICE, p2pkh(BOB), 49_000);
    assertThat(pool.accept(tx).isAccepted()).isTrue();
    // one block back: the coinbase is immature again for the next block
    pool.blockDisconnected(chain.disconnect());
    assertThat(pool.contains(tx.txId())).isFalse();
    assertThat(events).contains("-" + tx.txId() + " REORG");
  }

  @Test
  void concurrentDoubleSpendsAdmitExactlyOne() throws Exception {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    List<Transaction> spends = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      spends.add(spend(funding, 0, ALICE, p2pkh(BOB), 90_000 + i));
    }
    ExecutorService exec = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AcceptResult>> results = new ArrayList<>();
    for (Transaction t : spends) {
      results.add(exec.submit(() -> {
        start.await();
        return pool.accept(t);
      }));
    }
    start.countDown();
    int accepted = 0;
    for (Future<AcceptResult> f : results) {
      AcceptResult r = f.get(10, TimeUnit.SECONDS);
      if (r.isAccepted()) {
        accepted++;
      } else {
        assertThat(r.reason()).contains(MempoolRejectReason.MEMPOOL_CONFLICT);
      }
    }
    exec.shutdown();
    assertThat(accepted).isEqualTo(1);
    assertThat(pool.size()).isEqualTo(1);
  }
}
