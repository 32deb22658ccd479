package org.priwatt.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;

/**
 * DSO registry operations per second: {@code lock}, {@code transfer} (CHANGESECRETOWNER with the
 * release) and {@code split} into two parts, each through {@code DsoRegistry.handle}, which checks
 * the request, appends the event to the write-ahead log, forces it and applies it; next to the
 * floor, {@code floorAppendForce}: appending a record of the same size to a file and forcing it,
 * with nothing else, on the same storage.
 *
 * <p>{@code wal} = {@code DISK} puts the log on a disk-backed file system (fsync on: every
 * operation waits for the device); {@code TMPFS} on {@code /dev/shm}, where the same force
 * returns at once (fsync off: the registry's own work). The registry's API has no switch to skip
 * the force, and should not have one: the file system is the honest way to take it away.
 *
 * <p>Requests are prepared before each invocation, untimed, as a client would send them: a fresh
 * 5 kWh entry per lock and per split (injected in batches of 64), and per transfer an entry
 * locked and funded by a confirmed payment committed to the lock, with the buyer's release
 * signature. A transfer verifies the buyer's request signature and release signature, completes
 * the release with the DSO's signature and broadcasts it to a {@link MemoryLedger}, which records
 * it without validation (a node's script check of it is {@code ScriptVerifyBenchmark.escrowSdk}).
 * The secp256k1 backend is the default (libsecp256k1 where it loads). Each invocation asserts the
 * reply is the success it expects.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DsoRegistryBenchmark {

  /** One registry per trial, on the storage under test. */
  @State(Scope.Thread)
  public static class Registry {
    @Param({"DISK", "TMPFS"})
    public String wal;

    RegistryDriver driver;

    @Setup(Level.Trial)
    public void open() throws Exception {
      driver = new RegistryDriver(RegistryDriver.Storage.valueOf(wal));
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      driver.close();
    }
  }

  // The benchmarks reach the registry through these states: a method taking Registry as well
  // would get an instance of its own (JMH injects a fresh one per dependency path).

  /** The next lock request, prepared untimed. */
  @State(Scope.Thread)
  public static class NextLock {
    RegistryDriver driver;
    RegistryRequest.Lock request;

    @Setup(Level.Invocation)
    public void prepare(Registry r) throws Exception {
      driver = r.driver;
      request = driver.nextLock();
    }
  }

  /** The next transfer request, prepared untimed. */
  @State(Scope.Thread)
  public static class NextTransfer {
    RegistryDriver driver;
    RegistryRequest.Transfer request;

    @Setup(Level.Invocation)
    public void prepare(Registry r) throws Exception {
      driver = r.driver;
      request = driver.nextTransfer();
    }
  }

  /** The next split request, prepared untimed. */
  @State(Scope.Thread)
  public static class NextSplit {
    RegistryDriver driver;
    RegistryRequest.Split request;

    @Setup(Level.Invocation)
    public void prepare(Registry r) throws Exception {
      driver = r.driver;
      request = driver.nextSplit();
    }
  }

  @Benchmark
  public RegistryReply lock(NextLock next) {
    return RegistryDriver.expect(next.driver.handle(next.request), RegistryReply.LockGranted.class);
  }

  @Benchmark
  public RegistryReply transfer(NextTransfer next) {
    return RegistryDriver.expect(next.driver.handle(next.request), RegistryReply.Transferred.class);
  }

  @Benchmark
  public RegistryReply split(NextSplit next) {
    return RegistryDriver.expect(next.driver.handle(next.request), RegistryReply.Issued.class);
  }

  /**
   * The floor: a file on the same storage, appended one record at a time and forced after each,
   * as the write-ahead log does. The record is as long as the event the operation logs, measured
   * in setup by running the operation once on a scratch registry and reading how far its log grew.
   */
  @State(Scope.Thread)
  public static class Floor {
    @Param({"DISK", "TMPFS"})
    public String wal;

    @Param({"LOCK", "TRANSFER", "SPLIT"})
    public String record;

    RegistryDriver scratch;
    FileChannel channel;
    ByteBuffer frame;
    long position;

    @Setup(Level.Trial)
    public void open() throws Exception {
      scratch = new RegistryDriver(RegistryDriver.Storage.valueOf(wal));
      RegistryRequest request = switch (record) {
        case "LOCK" -> scratch.nextLock();
        case "TRANSFER" -> scratch.nextTransfer();
        case "SPLIT" -> scratch.nextSplit();
        default -> throw new IllegalArgumentException("record " + record);
      };
      long before = scratch.logSize();
      scratch.handle(request);
      int length = Math.toIntExact(scratch.logSize() - before);
      if (length <= 0) {
        throw new IllegalStateException("the " + record + " request logged nothing");
      }
      byte[] bytes = new byte[length];
      new java.security.SecureRandom().nextBytes(bytes);
      frame = ByteBuffer.wrap(bytes);
      Path file = scratch.directory().resolve("floor.log");
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      channel.close();
      scratch.close();
    }
  }

  @Benchmark
  public long floorAppendForce(Floor f) throws IOException {
    f.frame.rewind();
    while (f.frame.hasRemaining()) {
      f.position += f.channel.write(f.frame, f.position);
    }
    f.channel.force(false);
    return f.position;
  }
}
