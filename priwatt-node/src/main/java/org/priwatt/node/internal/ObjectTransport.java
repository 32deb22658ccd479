package org.priwatt.node.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.MessageTransport;
import org.priwatt.node.p2p.InventoryMessage;
import org.priwatt.node.p2p.InventoryVector;
import org.priwatt.node.p2p.ObjectMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message node's transport on the P2P connections: object inventories travel as inv and
 * getdata vectors of type {@link InventoryVector#MSG_OBJECT}, objects as {@code object}
 * messages. The message node decides what to request and validates every object (proof of
 * work, expiry) before it relays it; this side keeps per peer what it knows (so nothing is
 * announced twice) and what was requested from it, bounded, and drops objects nobody asked for.
 * The message node calls in from its own threads; inbound calls come from the logic thread.
 */
final class ObjectTransport implements MessageTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectTransport.class);

  private final P2pNetwork net;
  private final MetricsRecorder metrics;
  private volatile MessageTransport.Receiver receiver;

  ObjectTransport(P2pNetwork net, MetricsRecorder metrics) {
    this.net = net;
    this.metrics = metrics;
  }

  /** Connects the message node (the receiver of inbound inventories and objects). */
  void attach(MessageTransport.Receiver r) {
    this.receiver = r;
  }

  @Override
  public Set<String> peers() {
    Set<String> names = new LinkedHashSet<>();
    for (Peer p : net.established()) {
      names.add(p.name());
    }
    return names;
  }

  private Peer peer(String name) {
    if (!name.startsWith("peer")) {
      return null;
    }
    try {
      Peer p = net.peer(Long.parseLong(name.substring(4)));
      return p != null && p.established && p.channel.isActive() ? p : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void sendInv(String name, List<InventoryHash> hashes) {
    Peer p = peer(name);
    if (p == null) {
      return;
    }
    List<InventoryVector> fresh = new ArrayList<>();
    for (InventoryHash h : hashes) {
      InventoryVector v = InventoryVector.object(h);
      if (p.known.add(v)) {
        fresh.add(v);
      }
    }
    for (int i = 0; i < fresh.size(); i += InventoryMessage.MAX_ENTRIES) {
      p.send(InventoryMessage.inv(fresh.subList(i, Math.min(fresh.size(), i + InventoryMessage.MAX_ENTRIES))));
    }
    metrics.objectsRelayed.add(fresh.size());
  }

  @Override
  public void sendGetData(String name, List<InventoryHash> hashes) {
    Peer p = peer(name);
    if (p == null) {
      return;
    }
    List<InventoryVector> wanted = new ArrayList<>();
    for (InventoryHash h : hashes) {
      if (wanted.size() >= Peer.MAX_OBJECT_REQUESTS) {
        break;
      }
      p.requestedObjects.add(h);
      wanted.add(InventoryVector.object(h));
    }
    for (int i = 0; i < wanted.size(); i += InventoryMessage.MAX_ENTRIES) {
      p.send(InventoryMessage.getData(wanted.subList(i, Math.min(wanted.size(), i + InventoryMessage.MAX_ENTRIES))));
    }
  }

  @Override
  public void sendObject(String name, MessageObject object) {
    Peer p = peer(name);
    if (p != null) {
      p.known.add(InventoryVector.object(object.inventoryHash()));
      p.send(new ObjectMessage(object));
    }
  }

  void onEstablished(Peer peer) {
    MessageTransport.Receiver r = receiver;
    if (r != null) {
      r.onConnected(peer.name());
    }
  }

  void onInv(Peer peer, List<InventoryHash> hashes) {
    MessageTransport.Receiver r = receiver;
    if (r != null) {
      r.onInv(peer.name(), hashes);
    }
  }

  void onGetData(Peer peer, List<InventoryHash> hashes) {
    MessageTransport.Receiver r = receiver;
    if (r != null) {
      r.onGetData(peer.name(), hashes);
    }
  }

  void onObject(Peer peer, MessageObject object) {
    InventoryHash h = object.inventoryHash();
    if (!peer.requestedObjects.remove(h)) {
      LOG.debug("{}: unrequested object {} from {} dropped", net.config().name(), h, peer);
      return;
    }
    peer.known.add(InventoryVector.object(h));
    MessageTransport.Receiver r = receiver;
    if (r != null) {
      r.onObject(peer.name(), object.encoded());
    }
  }
}
