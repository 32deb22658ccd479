package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;
import static org.priwatt.chain.mempool.Fixtures.spend;

import org.junit.jupiter.api.Test;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.mempool.FakeChain;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;

/** Fee estimation from what waits in the pool. */
class FeeEstimatorTest {
  @Test
  void estimateOutbidsWhatDoesNotFitTheTargetBlocks() {
    FakeChain chain = new FakeChain(5);
    Mempool pool = Mempool.create(chain, MempoolPolicy.DEFAULT);
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000, 100_000, 100_000);
    long[] fees = {1_000, 2_000, 4_000};
    for (int i = 0; i < 3; i++) {
      assertThat(pool.accept(spend(funding, i, ALICE, p2pkh(BOB), 100_000 - fees[i]))
          .isAccepted()).isTrue();
    }
    int txSize = pool.entries().get(0).size();
    FeeEstimator est = FeeEstimator.fromMempool(pool, txSize * 2);
    // two transactions fit per block: the third (lowest) must be outbid for one block
    FeeRate lowest = FeeRate.of(1_000, txSize);
    assertThat(est.estimate(1)).isEqualTo(lowest.plus(FeeRate.ofSatPerKb(1)));
    // everything fits in two blocks: the pool minimum suffices
    assertThat(est.estimate(2)).isEqualTo(MempoolPolicy.DEFAULT.minRelayFee());
  }
}
