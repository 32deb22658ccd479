package org.priwatt.benchmarks;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;

/**
 * Bitmessage proof-of-work trials through {@link ProofOfWork#solve} with 1 and 2 threads, next to
 * a bare {@link MessageDigest} double SHA-512 loop doing the same trial.
 *
 * <p>The SDK has no single-trial API, so each SDK invocation is a complete nonce search on a fixed
 * object whose solution (found once in setup with one thread) is nonce {@code n}: one thread tries
 * exactly the nonces 1..n, so the search costs {@code n} trials. The {@code trials} counter
 * reports that work per second; compare it with the ops/s of {@link #rawMessageDigestTrial}.
 * With two threads each search is counted as the nonce found, which equals the trials made up to
 * at most one check interval (256 trials per thread) of overshoot.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProofOfWorkBenchmark {
  /** Fixed "now": the objects expire at this instant, so the TTL floor of 300 s applies. */
  static final long NOW = 1_700_000_000L;
  /** About 2^64 / (100 * 1100) targets: roughly 110,000 expected trials per search. */
  static final PowParameters PARAMS = new PowParameters(100, 1000);
  /** Solutions below this nonce are rejected in setup so per-search overhead stays negligible. */
  static final long MIN_TRIALS = 50_000;

  /** A fixed unsolved object whose single-thread solution needs at least {@link #MIN_TRIALS}. */
  @State(Scope.Benchmark)
  public static class Search {
    MessageObject unsolved;
    long trialsPerSearch;

    @Setup(Level.Trial)
    public void setUp() throws MessageException {
      byte[] payload = new byte[100];
      for (int seed = 0; seed < 64; seed++) {
        Arrays.fill(payload, (byte) seed);
        MessageObject candidate = MessageObject.unsolved(NOW, ObjectType.MSG.code(), 1, 1, payload);
        long nonce = ProofOfWork.solve(candidate, PARAMS, NOW, 1, new AtomicBoolean()).nonce();
        if (nonce >= MIN_TRIALS && nonce <= 8 * MIN_TRIALS) {
          unsolved = candidate;
          trialsPerSearch = nonce;
          return;
        }
      }
      throw new IllegalStateException("no candidate object with a suitable search length");
    }
  }

  /** Counts trials per second next to JMH's searches per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Trials {
    public long trials;

    @Setup(Level.Iteration)
    public void reset() {
      trials = 0;
    }
  }

  @Benchmark
  public MessageObject sdkSearch1Thread(Search s, Trials t) throws MessageException {
    MessageObject solved = ProofOfWork.solve(s.unsolved, PARAMS, NOW, 1, new AtomicBoolean());
    t.trials += solved.nonce();
    return solved;
  }

  @Benchmark
  public MessageObject sdkSearch2Threads(Search s, Trials t) throws MessageException {
    MessageObject solved = ProofOfWork.solve(s.unsolved, PARAMS, NOW, 2, new AtomicBoolean());
    t.trials += solved.nonce();
    return solved;
  }

  /** The same trial on a bare JDK digest: nonce ‖ initial hash, SHA-512 twice, into a reused buffer. */
  @State(Scope.Thread)
  public static class Raw {
    MessageDigest digest;
    final byte[] buf = new byte[72];
    final byte[] out = new byte[64];
    long nonce;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      digest = MessageDigest.getInstance("SHA-512");
      byte[] payload = new byte[100];
      byte[] initial = MessageObject.unsolved(NOW, ObjectType.MSG.code(), 1, 1, payload).initialHash();
      System.arraycopy(initial, 0, buf, 8, 64);
    }
  }

  @Benchmark
  public long rawMessageDigestTrial(Raw r) throws DigestException {
    long n = ++r.nonce;
    for (int i = 0; i < 8; i++) {
      r.buf[i] = (byte) (n >>> (56 - 8 * i));
    }
    r.digest.update(r.buf, 0, 72);
    r.digest.digest(r.out, 0, 64);
    r.digest.update(r.out, 0, 64);
    r.digest.digest(r.out, 0, 64);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (r.out[i] & 0xff);
    }
    return v;
  }
}
