package org.priwatt.msg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hashes;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;

/** The node's PoW pool: correct nonces, round-robin fairness counted in trials, cancellation, bounds. */
class PowSchedulerTest {
  static final long WAIT_SECONDS = 30;
  /** A target no trial meets in practice (probability 2^-64 per trial). */
  static final long NEVER = 0;

  static byte[] hash(String seed) {
    return Hashes.sha512(seed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** The target at which a search takes {@code trials} trials on average. */
  static long targetFor(long trials) {
    return BigInteger.ONE.shiftLeft(64).divide(BigInteger.valueOf(trials)).longValue();
  }

  @Test
  void findsANonceThatMeetsTheTarget() throws Exception {
    try (PowScheduler s = new PowScheduler("t", 2, 8)) {
      long target = targetFor(20_000);
      long nonce = s.submit(hash("a"), target, OptionalLong.empty()).get(WAIT_SECONDS, TimeUnit.SECONDS);
      PowSearch.Hasher h = new PowSearch.Hasher();
      h.load(hash("a"));
      assertThat(Long.compareUnsigned(h.trial(nonce), target)).isLessThanOrEqualTo(0);
      assertThat(s.liveJobs()).isZero();
    }
  }

  /**
   * The fairness bound, counted in trials rather than time: while one job that never ends holds
   * the single worker, an honest job queued after it is charged at most its own trials plus two
   * slices of the other job's work.
   */
  @Test
  void oneEndlessJobDelaysAnotherByAtMostTheOthersOwnCost() throws Exception {
    try (PowScheduler s = new PowScheduler("t", 1, 8)) {
      CompletableFuture<Long> endless = s.submit(hash("hostile"), NEVER, OptionalLong.empty());
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (s.claimedTrials() < 4L * PowScheduler.SLICE) {
        assertThat(System.nanoTime() - waitUntil).as("endless job running").isNegative();
        Thread.onSpinWait();
      }
      for (int round = 0; round < 5; round++) {
        long before = s.claimedTrials();
        AtomicLong atCompletion = new AtomicLong();
        CompletableFuture<Long> honest = s.submit(hash("honest" + round), targetFor(80_000), OptionalLong.empty());
        // Runs on the worker as it completes the job, before it claims anything else.
        CompletableFuture<Long> counted = honest.whenComplete((n, e) -> atCompletion.set(s.claimedTrials()));
        long nonce = counted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        long honestTrials = ceilDiv(nonce, PowScheduler.SLICE) * PowScheduler.SLICE;
        long othersTrials = atCompletion.get() - before - honestTrials;
        assertThat(othersTrials).as("round %d: honest %d trials", round, honestTrials).isLessThanOrEqualTo(honestTrials + 2L * PowScheduler.SLICE);
      }
      assertThat(endless).isNotDone();
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Test
  void cancellingAJobEndsItAndFreesItsPlace() throws Exception {
    try (PowScheduler s = new PowScheduler("t", 2, 1)) {
      CompletableFuture<Long> endless = s.submit(hash("x"), NEVER, OptionalLong.empty());
      assertThat(error(s.submit(hash("y"), NEVER, OptionalLong.empty()))).isEqualTo(MessageError.POW_QUEUE_FULL);
      endless.cancel(true);
      assertThat(s.liveJobs()).isZero();
      long settled = s.claimedTrials();
      // The workers stop claiming: they see the cancellation within one check interval.
      assertThat(s.submit(hash("z"), targetFor(100), OptionalLong.empty()).get(WAIT_SECONDS, TimeUnit.SECONDS)).isPositive();
      assertThat(s.claimedTrials() - settled).isLessThanOrEqualTo(4L * PowScheduler.SLICE);
    }
  }

  @Test
  void deadlinesAndClosingFailJobsWithTheirOwnErrors() throws Exception {
    PowScheduler s = new PowScheduler("t", 1, 8);
    CompletableFuture<Long> timed = s.submit(hash("x"), NEVER, OptionalLong.of(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
    assertThat(error(timed)).isEqualTo(MessageError.POW_DEADLINE_EXCEEDED);
    CompletableFuture<Long> running = s.submit(hash("y"), NEVER, OptionalLong.empty());
    s.close();
    assertThat(error(running)).isEqualTo(MessageError.NODE_CLOSED);
    assertThat(error(s.submit(hash("z"), NEVER, OptionalLong.empty()))).isEqualTo(MessageError.NODE_CLOSED);
    assertThat(s.liveJobs()).isZero();
    s.close();
  }

  private static MessageError error(CompletableFuture<Long> f) throws Exception {
    try {
      f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return ((MessageException) e.getCause()).error();
    }
    throw new AssertionError("job succeeded");
  }
}
