package org.priwatt.benchmarks;

import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
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
import org.priwatt.crypto.Hashes;

/** Double SHA-256 of an 80-byte header through the SDK against a bare MessageDigest. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class HashBenchmark {
  byte[] header = new byte[80];
  MessageDigest digest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    digest = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < header.length; i++) {
      header[i] = (byte) i;
    }
  }

  @Benchmark
  public byte[] sdkSha256d() {
    return Hashes.sha256d(header);
  }

  @Benchmark
  public byte[] rawMessageDigestSha256d() {
    digest.update(header);
    byte[] first = digest.digest();
    return digest.digest(first);
  }
}
