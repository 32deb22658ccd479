package org.priwatt.chain.consensus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.script.Script;

/** IsFinalTx and BIP 68 sequence locks against hand-computed values. */
class LockTimesTest {
  private static Transaction tx(int version, long lockTime, long... sequences) {
    var b = Transaction.builder().version(version).lockTime(lockTime);
    for (int i = 0; i < sequences.length; i++) {
      b.addInput(TxInput.of(OutPoint.of(TxId.fromBytes(new byte[32]), i), Script.EMPTY,
          sequences[i]));
    }
    return b.addOutput(Amount.ofSat(1), Script.EMPTY).build();
  }

  @Test
  void finality() {
    assertThat(LockTimes.isFinal(tx(1, 0, 0), 1, 0)).isTrue();
    assertThat(LockTimes.isFinal(tx(1, 100, 0), 100, 0)).isFalse();
    assertThat(LockTimes.isFinal(tx(1, 100, 0), 101, 0)).isTrue();
    assertThat(LockTimes.isFinal(tx(1, 100, TxInput.SEQUENCE_FINAL), 100, 0)).isTrue();
    assertThat(LockTimes.isFinal(tx(1, 600_000_000L, 0), 1, 600_000_000L)).isFalse();
    assertThat(LockTimes.isFinal(tx(1, 600_000_000L, 0), 1, 600_000_001L)).isTrue();
  }

  @Test
  void sequenceLocks() {
    long time = 1L << 22;
    Transaction t = tx(2, 0, 5, time | 2, TxInput.SEQUENCE_LOCKTIME_DISABLE_FLAG | 99);
    LockTimes.SequenceLock lock = LockTimes.calculate(t, List.of(10, 20, 30), h -> 1000L + h);
    assertThat(lock.minHeight()).isEqualTo(14);
    // Coin at height 20: MTP of block 19 = 1019, plus 2 * 512 seconds, minus 1.
    assertThat(lock.minTime()).isEqualTo(1019 + 1024 - 1);
    assertThat(LockTimes.satisfies(lock, 14, 5000)).isFalse();
    assertThat(LockTimes.satisfies(lock, 15, 2042)).isFalse();
    assertThat(LockTimes.satisfies(lock, 15, 2043)).isTrue();
    assertThat(LockTimes.calculate(tx(1, 0, 5), List.of(10), h -> 0))
        .isEqualTo(LockTimes.SequenceLock.NONE);
  }
}
