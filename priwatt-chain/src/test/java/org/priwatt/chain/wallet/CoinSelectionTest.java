package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Fixtures;

/** Branch and bound, largest first, and the standard combination. */
class CoinSelectionTest {
  static final FeeRate RATE = FeeRate.ofSatPerKb(1000); // 148 sat per input

  static Utxo coin(int n, long value) {
    byte[] id = new byte[32];
    id[0] = (byte) n;
    id[1] = (byte) (n >> 8);
    return new Utxo(OutPoint.of(TxId.fromBytes(id), 0),
        TxOutput.of(Amount.ofSat(value), Fixtures.p2pkh(Fixtures.ALICE)), 1, false,
        new KeyChain.KeyRef(KeyChain.Purpose.RECEIVE, n));
  }

  static long effective(List<Utxo> coins) {
    return coins.stream().mapToLong(u -> CoinSelector.effectiveValue(u, RATE)).sum();
  }

  @Test
  void branchAndBoundFindsTheChangeFreeCombination() {
    // effective values 1000, 2000, 3000, 5000 (each coin is 148 sat above)
    List<Utxo> coins = List.of(coin(1, 1148), coin(2, 2148), coin(3, 3148), coin(4, 5148));
    Optional<List<Utxo>> r = new BranchAndBoundSelector().select(coins, 6000, RATE, 50);
    assertThat(r).isPresent();
    assertThat(effective(r.get())).isBetween(6000L, 6050L);
    assertThat(new LargestFirstSelector().select(coins, 6000, RATE, 50).orElseThrow())
        .extracting(u -> u.output().value()).containsExactly(5148L, 3148L);
  }

  @Test
  void branchAndBoundGivesUpWhenNoCombinationFitsTheWindow() {
    List<Utxo> coins = List.of(coin(1, 10_148), coin(2, 20_148));
    assertThat(new BranchAndBoundSelector().select(coins, 5000, RATE, 10)).isEmpty();
    assertThat(CoinSelector.standard().select(coins, 5000, RATE, 10).orElseThrow())
        .extracting(u -> u.output().value()).containsExactly(20_148L);
    assertThat(CoinSelector.standard().select(coins, 40_000, RATE, 10)).isEmpty();
  }

  @Test
  void coinsWorthLessThanTheirInputAreNeverChosen() {
    List<Utxo> coins = List.of(coin(1, 100), coin(2, 148), coin(3, 1148));
    assertThat(CoinSelector.standard().select(coins, 1000, RATE, 0).orElseThrow())
        .extracting(u -> u.output().value()).containsExactly(1148L);
    assertThat(CoinSelector.standard().select(coins, 1001, RATE, 0)).isEmpty();
  }

  /** Random pools: any branch-and-bound answer lies in the window; standard always covers. */
  @Test
  void randomPoolsRespectTheWindow() {
    Random rnd = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<Utxo> coins = new ArrayList<>();
      int n = 1 + rnd.nextInt(12);
      for (int i = 0; i < n; i++) {
        coins.add(coin(i, 200 + rnd.nextInt(20_000)));
      }
      long target = 1 + rnd.nextInt(40_000);
      long cost = rnd.nextInt(500);
      new BranchAndBoundSelector().select(coins, target, RATE, cost)
          .ifPresent(s -> assertThat(effective(s)).isBetween(target, target + cost));
      Optional<List<Utxo>> any = CoinSelector.standard().select(coins, target, RATE, cost);
      long reachable = coins.stream().mapToLong(u -> Math.max(0,
          CoinSelector.effectiveValue(u, RATE))).sum();
      assertThat(any.isPresent()).isEqualTo(reachable >= target);
      any.ifPresent(s -> assertThat(effective(s)).isGreaterThanOrEqualTo(target));
    }
  }
}
