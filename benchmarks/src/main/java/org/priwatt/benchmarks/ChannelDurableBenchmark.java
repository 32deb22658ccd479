package org.priwatt.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.channels.ChannelMessage;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.SealedJournalSessionStore;
import org.priwatt.energy.trade.SessionStore;

/**
 * Case 2 increments per second with durable state, the transport excluded: as {@link
 * ChannelIncrementBenchmark#increment} plus what the sessions do around it, each side saving its
 * sealed snapshot before it acts (the client before she sends payment n, the server before he
 * releases secret n). The snapshots saved are real: the largest ones a client and a server
 * session saved in a ten-increment channel run once on a {@link RegtestWorld} in the setup
 * (server 3.9 KB, client 4.7 KB). {@code store}: {@code JOURNAL} is {@link
 * SealedJournalSessionStore} (append and data flush), {@code FILE} {@link SealedFileSessionStore}
 * (atomic file replacement); both seal with a random key at scrypt's smallest cost. {@code
 * oneChannel}: one thread; {@code hundredChannels}: 100 channels, each with its own two files, on
 * two threads. The native backend: storage, not the curve, bounds these.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChannelDurableBenchmark {
  /** The real snapshots, captured once per trial. */
  @State(Scope.Benchmark)
  public static class Snapshots {
    byte[] client;
    byte[] server;

    @Setup(Level.Trial)
    public void capture() throws Exception {
      Secp256k1.select(Secp256k1Implementation.NATIVE);
      try (ChannelWorld w = new ChannelWorld(RegtestWorld.EASY_POW)) {
        ChannelWorld.Capturing s = new ChannelWorld.Capturing();
        ChannelWorld.Capturing c = new ChannelWorld.Capturing();
        ChannelWorld.Open open = w.open(10, s, c);
        for (int i = 0; i < 10; i++) {
          w.increment(open);
        }
        server = s.largest;
        client = c.largest;
      }
    }
  }

  /** One channel's two stores. */
  static final class Durable {
    final ChannelIncrementBenchmark.Channel channel;
    final SessionStore clientStore;
    final SessionStore serverStore;

    Durable(SecureRandom random, Path dir, String store) throws Exception {
      channel = new ChannelIncrementBenchmark.Channel(random);
      clientStore = open(store, dir.resolve("client"));
      serverStore = open(store, dir.resolve("server"));
    }

    private static SessionStore open(String kind, Path file) throws Exception {
      try (SecretBytes key = SecretBytes.random(32, new SecureRandom())) {
        return kind.equals("JOURNAL") ? SealedJournalSessionStore.open(file, key, ScryptParameters.of(1, 1, 1))
            : SealedFileSessionStore.of(file, key, ScryptParameters.of(1, 1, 1));
      }
    }

    ChannelMessage.Pay increment(Snapshots s) throws Exception {
      clientStore.save(s.client);
      ChannelMessage.Pay p = channel.increment();
      serverStore.save(s.server);
      return p;
    }
  }

  /** One durable channel per thread, in a temporary directory. */
  @State(Scope.Thread)
  public static class One {
    @Param({"JOURNAL", "FILE"})
    public String store;

    Path dir;
    Durable channel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Secp256k1.select(Secp256k1Implementation.NATIVE);
      dir = Files.createTempDirectory("priwatt-channel-bench");
      channel = new Durable(new SecureRandom(), dir, store);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      delete(dir);
    }
  }

  /** Fifty durable channels per thread. */
  @State(Scope.Thread)
  public static class Many {
    @Param({"JOURNAL", "FILE"})
    public String store;

    Path dir;
    Durable[] channels;
    int turn;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Secp256k1.select(Secp256k1Implementation.NATIVE);
      dir = Files.createTempDirectory("priwatt-channel-bench");
      SecureRandom r = new SecureRandom();
      channels = new Durable[50];
      for (int i = 0; i < channels.length; i++) {
        channels[i] = new Durable(r, Files.createDirectory(dir.resolve("c" + i)), store);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      delete(dir);
    }
  }

  @Benchmark
  public ChannelMessage.Pay oneChannel(One o, Snapshots s) throws Exception {
    return o.channel.increment(s);
  }

  @Benchmark
  @Threads(2)
  public ChannelMessage.Pay hundredChannels(Many m, Snapshots s) throws Exception {
    Durable d = m.channels[m.turn];
    m.turn = (m.turn + 1) % m.channels.length;
    return d.increment(s);
  }

  static void delete(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
