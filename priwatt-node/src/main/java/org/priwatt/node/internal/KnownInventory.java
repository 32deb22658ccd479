package org.priwatt.node.internal;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a peer is known to have (it announced or sent it, or we announced it to it), so nothing
 * is announced twice. Bounded: past {@code max} entries the oldest are forgotten, at worst
 * costing a duplicate announcement. Thread-safe (the message node announces from its own thread).
 *
 * @param <T> the hash type
 */
final class KnownInventory<T> {
  private final int max;
  private final Set<T> entries = new LinkedHashSet<>();

  KnownInventory(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max < 1");
    }
    this.max = max;
  }

  /** Records {@code item}; returns true if it was not known (so it should be announced). */
  synchronized boolean add(T item) {
    if (!entries.add(item)) {
      return false;
    }
    if (entries.size() > max) {
      Iterator<T> oldest = entries.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  synchronized boolean contains(T item) {
    return entries.contains(item);
  }

  /** Removes {@code item}; returns whether it was there. */
  synchronized boolean remove(T item) {
    return entries.remove(item);
  }

  synchronized int size() {
    return entries.size();
  }
}
