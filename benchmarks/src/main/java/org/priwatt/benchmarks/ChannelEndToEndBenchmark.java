package org.priwatt.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.priwatt.channels.ChannelMessage;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageCrypto;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;

/**
 * Case 2 end to end over priwatt-msg: one increment is the client's {@code pay()} until the
 * part's secret is back (PAY to the server, his check and save, SECRET to the client, her save),
 * every message encrypted, proof-of-work'd and relayed through the world's hub, with the client's
 * claims at the DSO running beside it. {@code pow}: {@code DEFAULT} is the network's default proof
 * of work (1,000 trials per byte, 1,000 extra bytes), {@code EASY} the test worlds' (1, 0), so
 * the difference is what proof of work costs. {@code paymentProofOfWork} is the proof of work of
 * one PAY-sized msg object at the default, on one thread as the world's nodes do (a send also
 * proves its ack object): where most of the time goes. In-memory stores (their cost is {@link
 * ChannelDurableBenchmark}'s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChannelEndToEndBenchmark {
  /** An open channel in a world of the chosen proof of work. */
  @State(Scope.Benchmark)
  public static class Channel {
    @Param({"EASY", "DEFAULT"})
    public String pow;

    ChannelWorld world;
    ChannelWorld.Open open;
    int increments;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Secp256k1.select(Secp256k1Implementation.NATIVE);
      boolean easy = pow.equals("EASY");
      world = new ChannelWorld(easy ? RegtestWorld.EASY_POW : PowParameters.NETWORK_DEFAULT);
      increments = easy ? 100 : 20;
      open = world.open(increments, SessionStore.inMemory(), SessionStore.inMemory());
    }

    /** A fresh channel when this one is spent (outside the measurement). */
    @Setup(Level.Invocation)
    public void reopenIfSpent() throws Exception {
      if (open.client().sent() == increments) {
        open.client().close();
        open.server().close();
        open = world.open(increments, SessionStore.inMemory(), SessionStore.inMemory());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      world.close();
    }
  }

  /** A PAY as it travels: its msg object at the default proof of work, unsolved. */
  @State(Scope.Benchmark)
  public static class PayObject {
    MessageObject unsolved;
    long now;

    @Setup(Level.Trial)
    public void setUp() {
      Secp256k1.select(Secp256k1Implementation.NATIVE);
      Identity from = Identity.random(new java.security.SecureRandom(), 1, Identity.DEFAULT_LEADING_ZEROS);
      Identity to = Identity.random(new java.security.SecureRandom(), 1, Identity.DEFAULT_LEADING_ZEROS);
      ChannelMessage.Pay pay = new ChannelMessage.Pay(org.priwatt.energy.ChannelId.random(new java.security.SecureRandom()),
          7, org.priwatt.chain.OutPoint.of(org.priwatt.chain.TxId.fromBytes(new byte[32]), 0),
          org.priwatt.chain.Amount.ofSat(69_000), new byte[71]);
      now = System.currentTimeMillis() / 1000;
      unsolved = MessageCrypto.buildMsg(from, to.publicIdentity(), pay.toContent(), new byte[0], now + 3600);
    }
  }

  @Benchmark
  public int increment(Channel c) {
    c.world.increment(c.open);
    return c.open.client().sent();
  }

  @Benchmark
  public MessageObject paymentProofOfWork(PayObject p) throws Exception {
    return ProofOfWork.solve(p.unsolved, PowParameters.NETWORK_DEFAULT, p.now, 1, new AtomicBoolean());
  }
}
