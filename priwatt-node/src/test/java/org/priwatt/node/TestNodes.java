package org.priwatt.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.msg.PowParameters;
import org.priwatt.node.rpc.PeerInfo;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Nodes for tests: REGTEST on 127.0.0.1 with a free port, light message proof of work, short
 * timeouts; and a bounded wait on a condition (never a sleep as an assertion). Closes what it
 * started.
 */
public final class TestNodes implements AutoCloseable {
  /** An anyone-can-spend payout for blocks mined in tests. */
  public static final Script ANYONE = ScriptBuilder.create().op(Opcode.OP_1).build();
  /** Light proof of work for message objects. */
  public static final PowParameters EASY_POW = new PowParameters(1, 0);
  /** How long a test waits for the network to do something. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final List<Node> nodes = new ArrayList<>();

  /** A configuration for a test node called {@code name}, in memory. */
  public static NodeConfig.Builder config(String name) {
    return NodeConfig.builder().name(name).network(ChainParameters.REGTEST).bindHost("127.0.0.1").port(0)
        .messagePow(EASY_POW).handshakeTimeout(Duration.ofSeconds(10)).stallTimeout(Duration.ofSeconds(10))
        .statusInterval(Duration.ofMillis(200));
  }

  /** Starts a node of {@code config}, closed with this. */
  public Node start(NodeConfig config) throws NodeException {
    Node n = Node.create(config);
    nodes.add(n);
    n.start();
    return n;
  }

  /** Starts an in-memory node called {@code name} connecting to {@code peers}. */
  public Node start(String name, Node... peers) throws NodeException {
    NodeConfig.Builder b = config(name);
    for (Node p : peers) {
      b.addNode(address(p));
    }
    return start(b.build());
  }

  /** Where {@code node} listens. */
  public static HostPort address(Node node) {
    return new HostPort("127.0.0.1", node.p2pAddress().orElseThrow().getPort());
  }

  /** Waits up to {@link #WAIT} for {@code condition}; fails with {@code what} otherwise. */
  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, WAIT, condition);
  }

  /** Waits up to {@code timeout} for {@code condition}, polling every 20 ms. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Waits until {@code node} has {@code count} peers with a completed handshake. */
  public static void awaitPeers(Node node, int count) throws InterruptedException {
    await(node + " has " + count + " peers", () -> {
      try {
        return node.peers().stream().filter(PeerInfo::handshakeComplete).count() >= count;
      } catch (NodeException e) {
        return false;
      }
    });
  }

  /** A data directory under {@code root}. */
  public static Path dir(Path root, String name) {
    return root.resolve(name);
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      n.close();
    }
  }
}
