package org.priwatt.msg;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process messaging network for tests and simulations: nodes are connected pairwise and
 * exchange inv, getdata and objects through direct calls (each node queues them on its own
 * inbound thread, so delivery is asynchronous like a real network). Objects cross as encoded
 * bytes, so every node re-validates what it receives. Thread-safe.
 */
public final class MessageNetwork implements AutoCloseable {
  private final Map<String, MessageNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> links = new ConcurrentHashMap<>();

  /** Adds {@code node} to the network and attaches its transport. */
  public MessageNode add(MessageNode node) {
    if (nodes.putIfAbsent(node.name(), node) != null) {
      throw new IllegalArgumentException("duplicate node name " + node.name());
    }
    links.put(node.name(), ConcurrentHashMap.newKeySet());
    node.attach(new Link(node.name()));
    return node;
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
