package org.priwatt.benchmarks;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.MessageTransport;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.ObjectStore;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;

/**
 * Message relay: objects a {@link MessageNode} takes from one peer, validates and forwards to its
 * other peers, per second. One invocation hands the node {@value #OBJECTS} distinct msg objects
 * from peer {@code "in"} ({@code onObject}, as the transport does with bytes off the wire) and
 * waits until every one was announced to peer {@code "out"}: the copy of the bytes, the hop to the
 * node's inbound thread, decoding with the inventory hash, the expiry and proof-of-work check, the
 * object store and the announcement. The node has no local identity, so nothing is trial-decrypted
 * (a participant's decryption cost is {@code TrialDecryptionBenchmark}'s); a fresh node and store
 * are built before each invocation, untimed, so every object is new to it.
 *
 * <p>The floor, {@code floorDecodeAndCheck}: the same {@value #OBJECTS} objects decoded and checked
 * ({@code MessageObject.decode} + {@code ObjectRules.check}) in the benchmark's thread with nothing
 * else. Objects are 572 bytes like a typical msg (random payload), expire in one to two hours and
 * carry proof of work at the minimum difficulty the node demands (solved in setup; the check costs the
 * same at any difficulty).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MessageRelayBenchmark {
  static final int OBJECTS = 4096;
  static final int OBJECT_BYTES = 572;
  static final long NOW = 1_700_000_000L;
  static final ObjectRules RULES = ObjectRules.withMinimum(new PowParameters(1, 0));
  private static final long TIMEOUT_SECONDS = 60;

  byte[][] wire;
  MessageNode node;
  Relay transport;

  @Setup(Level.Trial)
  public void makeObjects() throws MessageException {
    SecureRandom random = new SecureRandom();
    wire = new byte[OBJECTS][];
    int header = MessageObject.unsolved(NOW + 3600, ObjectType.MSG.code(), 1, 1, new byte[0]).encoded().length;
    for (int i = 0; i < OBJECTS; i++) {
      byte[] payload = new byte[OBJECT_BYTES - header];
      random.nextBytes(payload);
      // Expiry times spread over an hour, as from many senders: the store orders objects by expiry,
      // and identical times would make every insertion compare inventory hashes instead.
      long expires = NOW + 3600 + random.nextInt(3600);
      MessageObject unsolved = MessageObject.unsolved(expires, ObjectType.MSG.code(), 1, 1, payload);
      wire[i] = ProofOfWork.solve(unsolved, RULES.minimum(), NOW, 1, new AtomicBoolean()).encoded();
    }
  }

  /** Counts the announcements to {@code "out"}; the node has two peers, the sender and {@code "out"}. */
  static final class Relay implements MessageTransport {
    final CountDownLatch forwarded = new CountDownLatch(OBJECTS);

    @Override
    public Set<String> peers() {
      return Set.of("in", "out");
    }

    @Override
    public void sendInv(String peer, List<InventoryHash> hashes) {
      if (peer.equals("out")) {
        for (int i = 0; i < hashes.size(); i++) {
          forwarded.countDown();
        }
      }
    }

    @Override
    public void sendGetData(String peer, List<InventoryHash> hashes) {}

    @Override
    public void sendObject(String peer, MessageObject object) {}
  }

  @Setup(Level.Invocation)
  public void freshNode() {
    node = MessageNode.builder("relay").rules(RULES).clock(() -> NOW).powThreads(1)
        .store(ObjectStore.withDefaultLimits()).build();
    transport = new Relay();
    node.attach(transport);
  }

  @TearDown(Level.Invocation)
  public void closeNode() {
    node.close();
  }

  @Benchmark
  @OperationsPerInvocation(OBJECTS)
  public int relay() throws InterruptedException {
    for (byte[] object : wire) {
      node.onObject("in", object);
    }
    if (!transport.forwarded.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(transport.forwarded.getCount() + " of " + OBJECTS
          + " objects not forwarded within " + TIMEOUT_SECONDS + " s: one was refused, so this measures nothing");
    }
    return node.store().size();
  }

  @Benchmark
  @OperationsPerInvocation(OBJECTS)
  public void floorDecodeAndCheck(Blackhole bh) throws MessageException {
    for (byte[] object : wire) {
      MessageObject o = MessageObject.decode(object);
      RULES.check(o, NOW);
      bh.consume(o);
    }
  }
}
