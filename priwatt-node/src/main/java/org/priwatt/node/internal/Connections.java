package org.priwatt.node.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.priwatt.node.rpc.NetworkAccess.AddNodeCommand;
import org.priwatt.node.HostPort;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound connections: manual peers ({@code connect}, {@code addnode}) kept connected with
 * exponential backoff (1 s doubling to 60 s), and automatic ones from the address book up to the
 * outbound limit, at most one per network group (an IPv4 /16, an IPv6 /32; paper R9), so one
 * operator with one address block cannot surround the node; loopback addresses are exempt so a
 * local testnet works. With {@code connect} peers no automatic connections are made (Core's
 * {@code -connect}). Logic thread only.
 */
final class Connections {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
  private static final long MAX_BACKOFF_MILLIS = 60_000;

  private final P2pNetwork net;
  private final AddressBook book;
  private final Map<HostPort, Manual> manual = new LinkedHashMap<>();
  private final Set<InetSocketAddress> dialling = new HashSet<>();

  private static final class Manual {
    final HostPort address;
    boolean persistent;
    boolean connecting;
    Peer peer;
    int failures;
    long nextAttemptMillis;

    Manual(HostPort address, boolean persistent) {
      this.address = address;
      this.persistent = persistent;
    }
  }

  Connections(P2pNetwork net, SecureRandom random) {
    this.net = net;
    this.book = new AddressBook(net.config().addressBookSize(), random);
  }

  AddressBook book() {
    return book;
  }

  void start() {
    for (HostPort h : net.config().connect()) {
      manual.put(h, new Manual(h, true));
    }
    for (HostPort h : net.config().addNodes()) {
      manual.put(h, new Manual(h, true));
    }
    tick();
  }

  /** {@code addnode}: add, remove or try once. */
  void addNode(HostPort address, AddNodeCommand command) throws NodeException {
    switch (command) {
      case ADD -> {
        if (manual.containsKey(address) && manual.get(address).persistent) {
          throw new NodeException(NodeError.INVALID_CONFIG, address + " already added");
        }
        if (manual.size() >= NodeConfig.MAX_MANUAL) {
          throw new NodeException(NodeError.TOO_MANY_CONNECTIONS, "at most " + NodeConfig.MAX_MANUAL + " added nodes");
        }
        manual.computeIfAbsent(address, a -> new Manual(a, true)).persistent = true;
      }
      case REMOVE -> {
        Manual m = manual.get(address);
        if (m == null || !m.persistent) {
          throw new NodeException(NodeError.INVALID_CONFIG, address + " was not added");
        }
        manual.remove(address);
      }
      case ONETRY -> {
        if (!manual.containsKey(address)) {
          manual.put(address, new Manual(address, false));
        }
      }
    }
    tick();
  }

  List<String> added() {
    List<String> out = new ArrayList<>();
    for (Manual m : manual.values()) {
      if (m.persistent) {
        out.add(m.address.toString());
      }
    }
    return out;
  }

  void tick() {
    if (net.isClosed()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (Manual m : manual.values()) {
      if (m.peer == null && !m.connecting && now >= m.nextAttemptMillis) {
        dialManual(m);
      }
    }
    if (!net.config().connect().isEmpty()) {
      return;
    }
    int outbound = net.count(Peer.Kind.OUTBOUND) + dialling.size();
    for (int i = outbound; i < net.config().maxOutbound(); i++) {
      Set<String> groups = groupsInUse();
      InetSocketAddress local = net.localAddress();
      var pick = book.pick(now, a -> !dialling.contains(a) && !net.isConnectedTo(a)
          && !net.bans().isBanned(a.getAddress()) && !isSelf(a, local)
          && (NetGroup.of(a.getAddress()) == null || !groups.contains(NetGroup.of(a.getAddress()))));
      if (pick.isEmpty()) {
        return;
      }
      InetSocketAddress a = pick.get();
      dialling.add(a);
      net.connect(a, Peer.Kind.OUTBOUND, cause -> {
        dialling.remove(a);
        book.markFailed(a, System.currentTimeMillis());
        LOG.debug("{}: could not connect to {}: {}", net.config().name(), a, cause.getMessage());
      });
    }
  }

  private static boolean isSelf(InetSocketAddress a, InetSocketAddress local) {
    return local != null && a.getPort() == local.getPort()
        && (a.getAddress().equals(local.getAddress()) || a.getAddress().isLoopbackAddress()
            && (local.getAddress().isAnyLocalAddress() || local.getAddress().isLoopbackAddress()));
  }

  private Set<String> groupsInUse() {
    Set<String> groups = new HashSet<>();
    for (Peer p : net.peers()) {
      if (p.kind == Peer.Kind.OUTBOUND && p.address.getAddress() != null) {
        String g = NetGroup.of(p.address.getAddress());
        if (g != null) {
          groups.add(g);
        }
      }
    }
    for (InetSocketAddress a : dialling) {
      String g = NetGroup.of(a.getAddress());
      if (g != null) {
        groups.add(g);
      }
    }
    return groups;
  }

  private void dialManual(Manual m) {
    m.connecting = true;
    net.connect(m.address.unresolved(), Peer.Kind.MANUAL, cause -> {
      m.connecting = false;
      backOff(m);
      LOG.debug("{}: could not connect to {}: {}", net.config().name(), m.address, cause.toString());
    });
  }

  private void backOff(Manual m) {
    m.failures = Math.min(m.failures + 1, 16);
    m.nextAttemptMillis = System.currentTimeMillis() + Math.min(MAX_BACKOFF_MILLIS, 1000L << (m.failures - 1));
    if (!m.persistent) {
      manual.remove(m.address);
    }
  }

  private Manual manualOf(Peer peer) {
    if (peer.kind != Peer.Kind.MANUAL || peer.target == null) {
      return null;
    }
    return manual.get(new HostPort(peer.target.getHostString(), peer.target.getPort()));
  }

  void onEstablished(Peer peer) {
    if (peer.kind == Peer.Kind.OUTBOUND) {
      dialling.remove(peer.target);
      book.markGood(peer.target, System.currentTimeMillis() / 1000);
    }
    Manual m = manualOf(peer);
    if (m != null) {
      m.peer = peer;
      m.connecting = false;
      m.failures = 0;
    }
  }

  void onClose(Peer peer) {
    if (peer.kind == Peer.Kind.OUTBOUND) {
      dialling.remove(peer.target);
      if (!peer.established) {
        book.markFailed(peer.target, System.currentTimeMillis());
      }
    }
    Manual m = manualOf(peer);
    if (m != null && (m.peer == peer || m.connecting)) {
      m.peer = null;
      m.connecting = false;
      backOff(m);
    }
  }

  void onSelfConnection(Peer self) {
    if (self.target != null) {
      book.remove(self.target);
      Manual m = manualOf(self);
      if (m != null) {
        manual.remove(m.address);
      }
    }
  }
}
