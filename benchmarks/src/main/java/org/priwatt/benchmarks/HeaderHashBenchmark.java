package org.priwatt.benchmarks;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Sha256Hash;

/**
 * Block-header hash rate: the SDK's nonce-scanning path ({@link HeaderHasher}, which resumes
 * SHA-256 from the midstate of the header's first 64 bytes) against a naive loop that writes
 * the nonce into the 80 header bytes and double-SHA-256es all of them with a bare {@link
 * MessageDigest}, then compares with the target as the SDK does. Every op is one nonce tried.
 *
 * <p>The template has Bitcoin's easiest mainnet target (bits {@code 0x1d00ffff}), so no nonce in
 * a benchmark's range meets it and the scan never stops early. {@link #sdkScan} counts 4096
 * nonces per invocation; {@link #sdkMeetsTarget} tries one nonce per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/sun.security.provider=ALL-UNNAMED"})
@State(Scope.Thread)
public class HeaderHashBenchmark {
  static final int SCAN = 4096;
  static final int MAINNET_BITS = 0x1d00ffff;

  HeaderHasher hasher;
  long next;

  MessageDigest digest;
  byte[] header;
  final byte[] first = new byte[32];
  final byte[] second = new byte[32];
  /** The target as 32 little-endian bytes, the order of the digest. */
  byte[] targetLe;
  int naiveNonce;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BlockHeader template = BlockHeader.of(4,
        BlockHash.of(Sha256Hash.fromBytes(Hashes.sha256(new byte[] {1}))),
        Sha256Hash.fromBytes(Hashes.sha256(new byte[] {2})), 1_700_000_000L, MAINNET_BITS, 0);
    hasher = HeaderHasher.forTemplate(template);
    if (!hasher.usesMidstate()) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned: no midstate");
    }
    header = template.serialize();
    digest = MessageDigest.getInstance("SHA-256");
    byte[] targetBe = template.compactTarget().checkedTarget().toByteArray();
    targetLe = new byte[32];
    for (int i = 0; i < targetBe.length && i < 32; i++) {
      targetLe[i] = targetBe[targetBe.length - 1 - i];
    }
    BlockHeader probe = template.withNonce(12345);
    if (!hasher.hash(12345).equals(probe.hash()) || !naiveHash(12345).equals(probe.hash())) {
      throw new IllegalStateException("hashers disagree with BlockHeader.hash()");
    }
  }

  /** {@link HeaderHasher#scan} over 4096 fresh nonces: the path a mining thread runs. */
  @Benchmark
  @OperationsPerInvocation(SCAN)
  public boolean sdkScan() {
    long from = next;
    next = (next + SCAN) & 0xffff_ffffL;
    if (next < from) {
      next = 0;
      from = 0;
    }
    return hasher.scan(from, from + SCAN, () -> false).isPresent();
  }

  /** {@link HeaderHasher#meetsTarget}: one nonce per call. */
  @Benchmark
  public boolean sdkMeetsTarget() {
    return hasher.meetsTarget((int) next++);
  }

  /**
   * Naive: nonce into the 80 bytes, SHA-256 of all 80, SHA-256 of that, compare with the
   * target. Output buffers are reused (no allocation), so only the midstate differs.
   */
  @Benchmark
  public boolean naiveMessageDigest() throws DigestException {
    hashNaive(naiveNonce++);
    for (int i = 31; i >= 0; i--) {
      int a = second[i] & 0xff;
      int b = targetLe[i] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return true;
  }

  /**
   * The floor of any midstate scheme on {@link MessageDigest}: the two one-block digests each
   * nonce needs (16 header bytes plus padding, then the 32-byte first hash), on reused
   * instances, with no way to start the first from the midstate. A midstate hasher cannot beat
   * this; the gap between it and {@link #sdkScan} is the cost of resuming (the clone).
   */
  @Benchmark
  public byte[] floorTwoOneBlockDigests() throws DigestException {
    header[76] = (byte) naiveNonce++;
    digest.update(header, 64, 16);
    digest.digest(first, 0, 32);
    digest.update(first, 0, 32);
    digest.digest(second, 0, 32);
    return second;
  }

  private void hashNaive(int nonce) throws DigestException {
    header[76] = (byte) nonce;
    header[77] = (byte) (nonce >>> 8);
    header[78] = (byte) (nonce >>> 16);
    header[79] = (byte) (nonce >>> 24);
    digest.update(header, 0, 80);
    digest.digest(first, 0, 32);
    digest.update(first, 0, 32);
    digest.digest(second, 0, 32);
  }

  private BlockHash naiveHash(int nonce) throws DigestException {
    hashNaive(nonce);
    return BlockHash.fromBytes(second.clone());
  }
}
