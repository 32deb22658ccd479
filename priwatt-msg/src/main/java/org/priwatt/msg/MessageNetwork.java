package org.priwatt.msg;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process messaging network for tests and simulations: nodes are connected pairwise and
 * exchange inv, getdata and objects through direct calls (each node queues them on its own
 * inbound thread, so delivery is asynchronous like a real network). Objects cross as encoded
 * bytes, so every node re-validates what it receives. {@link #awaitQuiescence} waits until
 * everything in flight has settled, so a test can assert that something did not happen without
 * sleeping. Thread-safe.
 */
public final class MessageNetwork implements AutoCloseable {
  private final Map<String, MessageNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> links = new ConcurrentHashMap<>();
  /** Waiters of {@link #awaitQuiescence}; every node's {@link WorkTracker} wakes them. */
  private final Object settled = new Object();

  /** Adds {@code node} to the network and attaches its transport. */
  public MessageNode add(MessageNode node) {
    if (nodes.putIfAbsent(node.name(), node) != null) {
      throw new IllegalArgumentException("duplicate node name " + node.name());
    }
    links.put(node.name(), ConcurrentHashMap.newKeySet());
    node.work().onEnd(this::wake);
    node.attach(new Link(node.name()));
    return node;
  }

  /**
   * Waits until the network is quiescent: no open node has inbound work queued or running
   * (receive delays included) and no send of an open node is still proving work. What a
   * quiescent network has not delivered, it will not deliver unless something new is sent.
   * Closed nodes are ignored (their pending work was dropped). Work started by other threads
   * while this waits makes it wait longer.
   *
   * @return true once quiescent, false if {@code timeout} passed first
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + ProofOfWork.saturatedNanos(timeout);
    synchronized (settled) {
      while (!isQuiescent()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Bounded slices: a node closed meanwhile does not call wake().
        settled.wait(Math.max(1, Math.min(50, left / 1_000_000)));
      }
      return true;
    }
  }

  /** One scan; see {@link WorkTracker} for why an unchanged end count makes it exact. */
  private boolean isQuiescent() {
    long endedBefore = endedSum();
    for (MessageNode n : nodes.values()) {
      if (!n.isClosed() && n.work().pending() > 0) {
        return false;
      }
    }
    return endedSum() == endedBefore;
  }

  private long endedSum() {
    long sum = 0;
    for (MessageNode n : nodes.values()) {
      sum += n.work().ended();
    }
    return sum;
  }

  private void wake() {
    synchronized (settled) {
      settled.notifyAll();
    }
  }

  /**
   * Connects two nodes both ways; on a new connection each node announces its whole inventory
   * to the other ({@link MessageTransport.Receiver#onConnected}).
   */
  public void connect(MessageNode a, MessageNode b) {
    boolean added = Objects.requireNonNull(links.get(a.name()), "unknown node").add(b.name());
    added |= Objects.requireNonNull(links.get(b.name()), "unknown node").add(a.name());
    if (added) {
      a.onConnected(b.name());
      b.onConnected(a.name());
    }
  }

  /** Disconnects two nodes. */
  public void disconnect(MessageNode a, MessageNode b) {
    links.getOrDefault(a.name(), Set.of()).remove(b.name());
    links.getOrDefault(b.name(), Set.of()).remove(a.name());
  }

  /** Closes every node. */
  @Override
  public void close() {
    nodes.values().forEach(MessageNode::close);
  }

  /** The transport of one node: delivers to connected peers only. */
  private final class Link implements MessageTransport {
    private final String self;

    Link(String self) {
      this.self = self;
    }

    @Override
    public Set<String> peers() {
      return Set.copyOf(links.get(self));
    }

    private MessageNode peer(String name) {
      return links.get(self).contains(name) ? nodes.get(name) : null;
    }

    @Override
    public void sendInv(String peer, List<InventoryHash> hashes) {
      MessageNode n = peer(peer);
      if (n != null) {
        n.onInv(self, List.copyOf(hashes));
      }
    }

    @Override
    public void sendGetData(String peer, List<InventoryHash> hashes) {
      MessageNode n = peer(peer);
      if (n != null) {
        n.onGetData(self, List.copyOf(hashes));
      }
    }

    @Override
    public void sendObject(String peer, MessageObject object) {
      MessageNode n = peer(peer);
      if (n != null) {
        n.onObject(self, object.encoded());
      }
    }
  }
}
