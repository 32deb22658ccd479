package org.priwatt.channels;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.trade.SessionStore;

/**
 * A store that saves, then kills its session on the n-th save: the snapshot is durable and the
 * session never acts on it, as with kill -9 between the save and the action (the worst moment).
 * After the kill the process is dead: every further save throws without saving, so the dead
 * session object can change nothing until the test resumes a new one from the store.
 */
final class KillingStore implements SessionStore {
  /** Thrown by the store to stop a session dead right after a save. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("killed after the save", null, false, false);
    }
  }

  private final SessionStore inner;
  private final int killAt;
  private final AtomicInteger saves = new AtomicInteger();
  final AtomicBoolean killed = new AtomicBoolean();

  KillingStore(SessionStore inner, int killAt) {
    this.inner = inner;
    this.killAt = killAt;
  }

  KillingStore(int killAt) {
    this(SessionStore.inMemory(), killAt);
  }

  @Override
  public synchronized void save(byte[] snapshot) throws EnergyException {
    if (killed.get() && !revived) {
      throw new Killed();
    }
    inner.save(snapshot);
    if (saves.incrementAndGet() == killAt) {
      killed.set(true);
      throw new Killed();
    }
  }

  private boolean revived;

  /** The process restarted: the next session saves again. */
  synchronized void revive() {
    revived = true;
  }

  /** Saves so far (the killing one included). */
  int saves() {
    return saves.get();
  }

  @Override
  public Optional<byte[]> load() throws EnergyException {
    return inner.load();
  }
}
