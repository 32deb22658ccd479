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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageCrypto;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;
import org.priwatt.msg.WirePacket;

/**
 * What a node does to every object arriving from a peer before storing and relaying it: decode
 * the bytes ({@link MessageObject#decode}, which also computes the inventory hash) and check the
 * expiry window and the proof of work ({@link ObjectRules#check}).
 *
 * <p>The check costs the same at any difficulty (one trial plus the target formula), so the
 * object is solved in setup against a small minimum difficulty to keep setup short. No elliptic
 * curve work is involved, hence no backend parameter.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MessageValidationBenchmark {
  static final long NOW = 1_700_000_000L;
  static final long TTL = 4 * 24 * 3600;

  ObjectRules rules;
  byte[] wire;
  MessageObject decoded;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    rules = ObjectRules.withMinimum(new PowParameters(2, 100));
    Identity sender = Identity.of(EcKey.fromPrivate(Hashes.sha256(new byte[] {1}), false),
        EcKey.fromPrivate(Hashes.sha256(new byte[] {2}), false), 1, PowParameters.NETWORK_DEFAULT);
    Identity recipient = Identity.of(EcKey.fromPrivate(Hashes.sha256(new byte[] {3}), false),
        EcKey.fromPrivate(Hashes.sha256(new byte[] {4}), false), 1, PowParameters.NETWORK_DEFAULT);
    MessageObject ack = ProofOfWork.solve(MessageObject.unsolved(NOW + 86_400, ObjectType.MSG.code(), 1, 1,
        Hashes.sha256(new byte[] {5})), rules.minimum(), NOW, 1, new AtomicBoolean());
    byte[] ackPacket = WirePacket.of("object", ack.encoded()).encode();
    MessageContent content = MessageContent.simple("Offer 4.2 kWh",
        "Offering 4.2 kWh from 12:00 to 13:00 at 21 ct/kWh; reply to this address to accept.");
    MessageObject msg = MessageCrypto.buildMsg(sender, recipient.publicIdentity(), content, ackPacket, NOW + TTL);
    wire = ProofOfWork.solve(msg, rules.minimum(), NOW, 1, new AtomicBoolean()).encoded();
    decoded = MessageObject.decode(wire);
    rules.check(decoded, NOW);
  }

  @Benchmark
  public MessageObject decodeAndCheck() throws MessageException {
    MessageObject object = MessageObject.decode(wire);
    rules.check(object, NOW);
    return object;
  }

  /** The proof-of-work part alone, on the already decoded object, for the split of the cost. */
  @Benchmark
  public boolean powCheckOnly() {
    return ProofOfWork.isSufficient(decoded, rules.minimum(), NOW);
  }
}
