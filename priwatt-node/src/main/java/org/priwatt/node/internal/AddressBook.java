package org.priwatt.node.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Addresses of peers learnt from {@code addr} messages and from connections, for opening
 * outbound connections and answering {@code getaddr}. Bounded to {@code max} entries: a new
 * address beyond it replaces the one seen longest ago, so a peer flooding addresses can only
 * churn the book, never grow it. Attempts back off exponentially per address. Confined to the
 * logic thread.
 */
final class AddressBook {
  private static final long MAX_BACKOFF_MILLIS = 10 * 60_000L;

  private final int max;
  private final SecureRandom random;
  private final Map<InetSocketAddress, Entry> entries = new HashMap<>();

  private static final class Entry {
    long lastSeenSeconds;
    int failures;
    long nextAttemptMillis;

    Entry(long lastSeenSeconds) {
      this.lastSeenSeconds = lastSeenSeconds;
    }
  }

  AddressBook(int max, SecureRandom random) {
    this.max = max;
    this.random = random;
  }

  /** Adds or refreshes {@code address}, last seen at {@code seenSeconds}. */
  void add(InetSocketAddress address, long seenSeconds) {
    if (address.getPort() == 0 || address.getAddress() == null || address.getAddress().isAnyLocalAddress()
        || address.getAddress().isMulticastAddress()) {
      return;
    }
    Entry e = entries.get(address);
    if (e != null) {
      e.lastSeenSeconds = Math.max(e.lastSeenSeconds, seenSeconds);
      return;
    }
    if (entries.size() >= max) {
      InetSocketAddress stalest = entries.entrySet().stream()
          .min(Comparator.comparingLong(x -> x.getValue().lastSeenSeconds)).orElseThrow().getKey();
      entries.remove(stalest);
    }
    entries.put(address, new Entry(seenSeconds));
  }

  /** Forgets {@code address} (it led to this node itself, say). */
  void remove(InetSocketAddress address) {
    entries.remove(address);
  }

  /** A connection to {@code address} succeeded. */
  void markGood(InetSocketAddress address, long nowSeconds) {
    add(address, nowSeconds);
    Entry e = entries.get(address);
    if (e != null) {
      e.failures = 0;
      e.nextAttemptMillis = 0;
    }
  }

  /** A connection attempt to {@code address} failed: back off 1 s, 2 s, 4 s... up to 10 min. */
  void markFailed(InetSocketAddress address, long nowMillis) {
    Entry e = entries.get(address);
    if (e != null) {
      e.failures = Math.min(e.failures + 1, 20);
      e.nextAttemptMillis = nowMillis + Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(e.failures - 1, 20));
    }
  }

  /** A random address due for an attempt that {@code allowed} accepts. */
  Optional<InetSocketAddress> pick(long nowMillis, Predicate<InetSocketAddress> allowed) {
    List<InetSocketAddress> due = new ArrayList<>();
    for (Map.Entry<InetSocketAddress, Entry> e : entries.entrySet()) {
      if (e.getValue().nextAttemptMillis <= nowMillis && allowed.test(e.getKey())) {
        due.add(e.getKey());
      }
    }
    return due.isEmpty() ? Optional.empty() : Optional.of(due.get(random.nextInt(due.size())));
  }

  /** Up to {@code n} random addresses with their last-seen times, for a {@code getaddr}. */
  Map<InetSocketAddress, Long> sample(int n, Set<InetSocketAddress> exclude) {
    List<InetSocketAddress> all = new ArrayList<>(entries.keySet());
    all.removeAll(exclude);
    Collections.shuffle(all, random);
    Map<InetSocketAddress, Long> out = new HashMap<>();
    for (InetSocketAddress a : all.subList(0, Math.min(n, all.size()))) {
      out.put(a, entries.get(a).lastSeenSeconds);
    }
    return out;
  }

  int size() {
    return entries.size();
  }
}
