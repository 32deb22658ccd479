package org.priwatt.energy.trade;

import java.util.Arrays;
import java.util.Optional;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * Where a trade session keeps its snapshot so that a restarted party can resume the trade
 * ({@link ProsumerSession#resume}, {@link ConsumerSession#resume}). A session saves after every
 * transition, before it acts on it (sends a message, broadcasts a transaction), so the snapshot
 * always covers everything the party has done or is about to do.
 *
 * <p>Contract for implementations: {@link #save} replaces the previous snapshot atomically (a
 * crash leaves the old or the new one, never a mix) and returns only once it is durable;
 * {@link #load} returns the last saved snapshot.
 *
 * <p>Security: snapshots hold private keys and energy secrets (λ, z). Implementations must keep
 * them confidential at rest ({@link SealedFileSessionStore} encrypts them) and never log them.
 */
public interface SessionStore {
  /**
   * Durably replaces the stored snapshot with {@code snapshot}.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if it cannot be written (the previous
   *     snapshot is then still in place) or is larger than the store can hold
   */
  void save(byte[] snapshot) throws EnergyException;

  /**
   * The last saved snapshot, or empty if nothing was ever saved.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if it cannot be read, {@link
   *     EnergyError#SNAPSHOT_UNREADABLE} if it cannot be opened (wrong key, altered, truncated)
   */
  Optional<byte[]> load() throws EnergyException;

  /**
   * A store that keeps the last snapshot on the heap: for sessions that need no crash recovery
   * and for tests. Thread-safe.
   */
  static SessionStore inMemory() {
    return new SessionStore() {
      private byte[] last;

      @Override
      public synchronized void save(byte[] snapshot) {
        if (last != null) {
          Arrays.fill(last, (byte) 0);
        }
        last = snapshot.clone();
      }

      @Override
      public synchronized Optional<byte[]> load() {
        return Optional.ofNullable(last).map(byte[]::clone);
      }

      @Override
      public String toString() {
        return "SessionStore.inMemory";
      }
    };
  }
}
