package org.priwatt.msg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Bounded in-memory store of the objects a node has accepted, keyed by inventory hash. Objects
 * are kept until {@link ObjectRules#EXPIRY_GRACE} after their expiry (so a peer cannot make the
 * node fetch them again while they are still acceptable) and dropped by {@link #cleanup(long)}.
 * Memory is bounded by an object count and a byte total: when full, the object expiring soonest
 * makes room for one that lives longer. Thread-safe.
 */
public final class ObjectStore {
  private static final Comparator<MessageObject> BY_EXPIRY =
      Comparator.comparingLong(MessageObject::expiresTime).thenComparing(MessageObject::inventoryHash);

  private final int maxObjects;
  private final long maxBytes;
  private final Map<InventoryHash, MessageObject> objects = new HashMap<>();
  private final TreeSet<MessageObject> byExpiry = new TreeSet<>(BY_EXPIRY);
  private long bytes;

  /**
   * Creates a store holding at most {@code maxObjects} objects and {@code maxBytes} bytes.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public ObjectStore(int maxObjects, long maxBytes) {
    if (maxObjects < 1 || maxBytes < MessageObject.MAX_SIZE) {
      throw new IllegalArgumentException("store bounds too small");
    }
    this.maxObjects = maxObjects;
    this.maxBytes = maxBytes;
  }

  /** Creates a store for 100,000 objects and 256 MiB. */
  public static ObjectStore withDefaultLimits() {
    return new ObjectStore(100_000, 256L << 20);
  }

  /** Returns whether an object with this hash is held. */
  public synchronized boolean contains(InventoryHash hash) {
    return objects.containsKey(hash);
  }

  /** Returns the object with this hash, if held. */
  public synchronized Optional<MessageObject> get(InventoryHash hash) {
    return Optional.ofNullable(objects.get(hash));
  }

  /**
   * Adds an object the caller has already validated.
   *
   * @return true if added, false if it was already held
   * @throws MessageException with {@link MessageError#STORE_FULL} if the store is full of objects
   *     that live at least as long
   */
  public synchronized boolean add(MessageObject object) throws MessageException {
    if (objects.containsKey(object.inventoryHash())) {
      return false;
    }
    while (objects.size() >= maxObjects || bytes + object.size() > maxBytes) {
      MessageObject first = byExpiry.first();
      if (first.expiresTime() >= object.expiresTime()) {
        throw new MessageException(MessageError.STORE_FULL, "store full");
      }
      remove(first);
    }
    objects.put(object.inventoryHash(), object);
    byExpiry.add(object);
    bytes += object.size();
    return true;
  }

  private void remove(MessageObject o) {
    objects.remove(o.inventoryHash());
    byExpiry.remove(o);
    bytes -= o.size();
  }

  /** Drops every object that expired more than the grace period before {@code nowSeconds}; returns how many. */
  public synchronized int cleanup(long nowSeconds) {
    int n = 0;
    while (!byExpiry.isEmpty() && byExpiry.first().expiresTime() < nowSeconds - ObjectRules.EXPIRY_GRACE) {
      remove(byExpiry.first());
      n++;
    }
    return n;
  }

  /** Returns the hashes of the held objects of {@code stream} that have not expired at {@code nowSeconds}. */
  public synchronized List<InventoryHash> inventory(long stream, long nowSeconds) {
    List<InventoryHash> out = new ArrayList<>();
    for (MessageObject o : unexpired(nowSeconds)) {
      if (o.stream() == stream) {
        out.add(o.inventoryHash());
      }
    }
    return out;
  }

  /** Returns the hashes of every held object, of any stream, not expired at {@code nowSeconds}. */
  public synchronized List<InventoryHash> inventory(long nowSeconds) {
    List<InventoryHash> out = new ArrayList<>();
    for (MessageObject o : unexpired(nowSeconds)) {
      out.add(o.inventoryHash());
    }
    return out;
  }

  /** The held objects expiring at or after {@code nowSeconds}, latest expiry first. */
  private Iterable<MessageObject> unexpired(long nowSeconds) {
    return byExpiry.descendingSet().stream().takeWhile(o -> o.expiresTime() >= nowSeconds)::iterator;
  }

  /** Returns how many objects are held. */
  public synchronized int size() {
    return objects.size();
  }

  /** Returns the total encoded size of the held objects. */
  public synchronized long byteSize() {
    return bytes;
  }
}
