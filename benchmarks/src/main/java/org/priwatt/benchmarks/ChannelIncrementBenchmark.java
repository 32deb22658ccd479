package org.priwatt.benchmarks;

import java.security.SecureRandom;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelFunding;
import org.priwatt.channels.ChannelMessage;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.channels.Payments;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EntryId;
import org.priwatt.script.ChannelScript;

/**
 * Case 2 increments per second with the transport excluded: the client signs payment n
 * ({@link Payments#sign}: rebuild, legacy sighash, one ECDSA signature) and the server checks it
 * ({@link Payments#check}: the field checks, his own rebuild, sighash, one strict verification).
 * {@code floor} is one signature plus one verification of a fixed hash on the same backend: what
 * an increment cannot beat. {@code increment} runs one channel on one thread; {@code
 * hundredChannels} runs 100 channels on two threads (50 each, round robin). Both backends in one
 * run ({@code backend} parameter), as the other secp256k1 benchmarks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChannelIncrementBenchmark {
  /** Increments per channel; a channel starts again at 1 after the last. */
  static final int INCREMENTS = 100;

  /** One channel's terms and funding and the client's key, with the next increment's number. */
  static final class Channel {
    final EcKey client;
    final ChannelTerms terms;
    final ChannelFunding funding;
    int next = 1;

    Channel(SecureRandom random) {
      client = EcKey.generate(random);
      byte[] id = new byte[32];
      random.nextBytes(id);
      terms = new ChannelTerms(ChannelId.random(random), EntryId.fromBytes(id), ChannelScript.of(
          EcKey.generate(random).publicKey(), client.publicKey(), 1_000), INCREMENTS, Amount.ofSat(10_000),
          Amount.ofSat(1_000));
      random.nextBytes(id);
      funding = new ChannelFunding(OutPoint.of(TxId.fromBytes(id), 0), terms.capacity());
    }

    /** Signs and checks the next payment; throws if the server would refuse it. */
    ChannelMessage.Pay increment() {
      int n = next;
      ChannelMessage.Pay pay = Payments.sign(terms, funding, n, client);
      Optional<ChannelError> refused = Payments.check(terms, funding, n - 1, pay, 0, 6);
      if (refused.isPresent()) {
        throw new IllegalStateException("payment " + n + " refused: " + refused.get());
      }
      next = n == INCREMENTS ? 1 : n + 1;
      return pay;
    }
  }

  /** One channel, and the floor's key and message. */
  @State(Scope.Thread)
  public static class One {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    Channel channel;
    EcKey key;
    EcPublicKey pub;
    byte[] hash;

    @Setup(Level.Trial)
    public void setUp() {
      Secp256k1.select(backend);
      channel = new Channel(new SecureRandom());
      key = EcKey.generate();
      pub = key.publicKey();
      hash = Hashes.sha256(new byte[] {7});
    }
  }

  /** Fifty channels per thread. */
  @State(Scope.Thread)
  public static class Many {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    Channel[] channels;
    int turn;

    @Setup(Level.Trial)
    public void setUp() {
      Secp256k1.select(backend);
      SecureRandom r = new SecureRandom();
      channels = new Channel[50];
      for (int i = 0; i < channels.length; i++) {
        channels[i] = new Channel(r);
      }
    }
  }

  @Benchmark
  public ChannelMessage.Pay increment(One s) {
    return s.channel.increment();
  }

  @Benchmark
  public boolean floor(One s) {
    EcdsaSignature sig = s.key.sign(s.hash);
    return s.pub.verify(s.hash, sig);
  }

  @Benchmark
  @Threads(2)
  public ChannelMessage.Pay hundredChannels(Many s) {
    Channel c = s.channels[s.turn];
    s.turn = (s.turn + 1) % s.channels.length;
    return c.increment();
  }
}
