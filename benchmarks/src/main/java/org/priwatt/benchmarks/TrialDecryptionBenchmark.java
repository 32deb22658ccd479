package org.priwatt.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageCrypto;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.msg.WirePacket;

/**
 * Failed trial decryption of a msg object meant for someone else, the work a node does for every
 * msg it relays, against 1 and 10 local identities ({@link MessageCrypto#openMsg}); next to it the
 * bare point multiplication ({@link EcPublicKey#multiply}) of the same backend, which is the floor
 * of a trial decryption. One op of {@code failedTrialDecryption} is one object tried against every
 * local identity, so with 10 identities it makes 10 decryption attempts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrialDecryptionBenchmark {

  /** The backend; a parameter so both run in the same JMH invocation. */
  @State(Scope.Benchmark)
  public static class Backend {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    EcPublicKey point;
    byte[] pointBytes;
    byte[] scalar;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      // Fixes this fork's backend before anything uses the curve: JMH runs every parameter
      // value in a JVM of its own (with -f 0 the second value would be refused).
      Secp256k1.select(backend);
      point = EcKey.fromPrivate(Hashes.sha256(new byte[] {1}), false).publicKey();
      pointBytes = point.uncompressedEncoding();
      scalar = Hashes.sha256(new byte[] {2});
    }
  }

  /** A typical msg object (subject, body, ack packet) from one foreign identity to another. */
  @State(Scope.Benchmark)
  public static class Inbox {
    @Param({"1", "10"})
    public int identities;

    MessageObject foreignMsg;
    Identity[] local;

    @Setup(Level.Trial)
    public void setUp(Backend backend) throws Exception {
      Identity sender = identity(100);
      Identity recipient = identity(101);
      MessageObject ack = MessageObject.unsolved(1_700_086_400L, ObjectType.MSG.code(), 1, 1, Hashes.sha256(new byte[] {3}));
      byte[] ackPacket = WirePacket.of("object", ack.encoded()).encode();
      MessageContent content = MessageContent.simple("Offer 4.2 kWh",
          "Offering 4.2 kWh from 12:00 to 13:00 at 21 ct/kWh; reply to this address to accept.");
      foreignMsg = MessageCrypto.buildMsg(sender, recipient.publicIdentity(), content, ackPacket, 1_700_345_600L);
      local = new Identity[identities];
      for (int i = 0; i < identities; i++) {
        local[i] = identity(i);
      }
    }

    private static Identity identity(int seed) throws Exception {
      EcKey sign = EcKey.fromPrivate(Hashes.sha256(new byte[] {(byte) seed, 's'}), false);
      EcKey enc = EcKey.fromPrivate(Hashes.sha256(new byte[] {(byte) seed, 'e'}), false);
      return Identity.of(sign, enc, 1, PowParameters.NETWORK_DEFAULT);
    }
  }

  @Benchmark
  public void failedTrialDecryption(Inbox inbox, Blackhole bh) {
    for (Identity me : inbox.local) {
      Optional<ReceivedMessage> opened = MessageCrypto.openMsg(inbox.foreignMsg, me);
      if (opened.isPresent()) {
        throw new IllegalStateException("a foreign msg opened");
      }
      bh.consume(opened);
    }
  }

  /**
   * The floor of a trial decryption: every msg object carries a fresh ephemeral key, so the
   * receiver validates an untrusted 65-byte point and multiplies it once.
   */
  @Benchmark
  public EcPublicKey bareMultiply(Backend b) throws Exception {
    return EcPublicKey.decode(b.pointBytes).multiply(b.scalar);
  }

  /**
   * Multiplication by a key parsed once and reused (ECDH with a long-term peer): the backend's
   * prepared form, with Bouncy Castle's precomputation cached on the point, is reused.
   */
  @Benchmark
  public EcPublicKey preparedMultiply(Backend b) throws Exception {
    return b.point.multiply(b.scalar);
  }
}
