package org.priwatt.examples.demo;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectStore;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.ReceivedBroadcast;
import org.priwatt.msg.ReceivedMessage;

/**
 * Eve's view: her node relays every object and trial-decrypts each msg against her own identity
 * and each broadcast against her subscription to the public auction board, as any node does.
 * Counts what she could open, and afterwards what her store holds. Thread-safe counters; {@link
 * #inspect} runs once at the end.
 */
final class Eavesdropper implements MessageListener {
  final AtomicInteger messages = new AtomicInteger();
  final AtomicInteger broadcasts = new AtomicInteger();
  int objects;
  int msgObjects;
  int broadcastObjects;

  @Override
  public void onMessage(ReceivedMessage m) {
    messages.incrementAndGet();
  }

  @Override
  public void onBroadcast(ReceivedBroadcast b) {
    broadcasts.incrementAndGet();
  }

  /** Counts the objects Eve holds, by type. */
  void inspect(ObjectStore store, long now) {
    objects = 0;
    msgObjects = 0;
    broadcastObjects = 0;
    for (InventoryHash h : store.inventory(1, now)) {
      MessageObject o = store.get(h).orElseThrow();
      objects++;
      if (o.objectType() == ObjectType.MSG) {
        msgObjects++;
      } else if (o.objectType() == ObjectType.BROADCAST) {
        broadcastObjects++;
      }
    }
  }

  /** How many held objects contain any of {@code hexNeedles} in their encoding. */
  int countContaining(ObjectStore store, long now, List<String> hexNeedles) {
    int n = 0;
    for (InventoryHash h : store.inventory(1, now)) {
      String raw = Hex.encode(store.get(h).orElseThrow().encoded());
      if (hexNeedles.stream().anyMatch(raw::contains)) {
        n++;
      }
    }
    return n;
  }
}
