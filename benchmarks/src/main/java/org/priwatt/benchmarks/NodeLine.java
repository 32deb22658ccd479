package org.priwatt.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.msg.PowParameters;
import org.priwatt.node.HostPort;
import org.priwatt.node.Node;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeException;
import org.priwatt.node.rpc.PeerInfo;

/**
 * In-process regtest nodes for the node benchmarks: a line of nodes on 127.0.0.1 with
 * ephemeral ports (node i connects to node i - 1 only, no automatic connections, so every item
 * crosses every hop), light message proof of work, and bounded waits. Closes what it started.
 */
final class NodeLine implements AutoCloseable {
  /** Light proof of work for message objects, so creating one is not the cost measured. */
  static final PowParameters EASY_POW = new PowParameters(1, 0);
  /** The longest any setup waits for the network. */
  static final Duration WAIT = Duration.ofSeconds(60);

  final List<Node> nodes = new ArrayList<>();

  /** A configuration for a benchmark node called {@code name}, in memory. */
  static NodeConfig.Builder config(String name) {
    return NodeConfig.builder().name(name).network(ChainParameters.REGTEST).bindHost("127.0.0.1").port(0)
        .maxOutbound(0).messagePow(EASY_POW).statusInterval(Duration.ZERO);
  }

  /** Starts {@code count} nodes in a line and waits until every link's handshake is done. */
  static NodeLine start(int count) throws NodeException, InterruptedException {
    NodeLine line = new NodeLine();
    try {
      for (int i = 0; i < count; i++) {
        NodeConfig.Builder b = config("n" + i);
        if (i > 0) {
          b.connect(new HostPort("127.0.0.1", line.nodes.get(i - 1).p2pAddress().orElseThrow().getPort()));
        }
        Node n = Node.create(b.build());
        line.nodes.add(n);
        n.start();
      }
      for (int i = 0; i < count; i++) {
        Node n = line.nodes.get(i);
        int links = i == 0 || i == count - 1 ? 1 : 2;
        await(n + " has " + links + " peers", () -> established(n) >= links);
      }
      return line;
    } catch (NodeException | InterruptedException | RuntimeException e) {
      line.close();
      throw e;
    }
  }

  private static long established(Node n) {
    try {
      return n.peers().stream().filter(PeerInfo::handshakeComplete).count();
    } catch (NodeException e) {
      return 0;
    }
  }

  Node first() {
    return nodes.get(0);
  }

  Node last() {
    return nodes.get(nodes.size() - 1);
  }

  /** Waits until every node's tip is the first node's. */
  void awaitSameTip() throws InterruptedException {
    for (Node n : nodes) {
      await(n + " at the first node's tip", () -> n.chain().tip().hash().equals(first().chain().tip().hash()));
    }
  }

  /** Waits up to {@link #WAIT} for {@code condition}, polling every 50 µs. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, WAIT, condition);
  }

  /** Waits up to {@code timeout} for {@code condition}, polling every 50 µs. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException(what);
      }
      LockSupport.parkNanos(50_000);
    }
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      n.close();
    }
  }
}
