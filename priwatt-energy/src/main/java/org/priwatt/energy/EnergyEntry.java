package org.priwatt.energy;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.msg.BitmessageAddress;

/**
 * A public snapshot of one DSO registry entry: who owns how much energy since when, its status,
 * its lock, where it came from, and the next sequence number the lock-secret holder must use.
 * Holds no secret. Immutable.
 *
 * @param id the entry id (hash of its ownership secret)
 * @param injection owner key, messaging address, energy and timestamp the secret derives from
 * @param status the life-cycle state
 * @param lock the escrow lock while {@link EntryStatus#LOCKED} (and kept afterwards for audit)
 * @param parent the entry this one was transferred or split from, if any
 * @param nextSequence the sequence number the next lock-secret request must carry
 */
public record EnergyEntry(EntryId id, EnergyInjection injection, EntryStatus status, Optional<EscrowLock> lock,
    Optional<EntryId> parent, long nextSequence) {
  /** Validates non-null fields. */
  public EnergyEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(injection, "injection");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(parent, "parent");
  }

  /** The owner's public key. */
  public EcPublicKey owner() {
    return injection.ownerKey();
  }

  /** The owner's messaging address. */
  public BitmessageAddress msgAddress() {
    return injection.msgAddress();
  }

  /** The energy this entry owns. */
  public EnergyAmount energy() {
    return injection.energy();
  }

  EnergyEntry with(EntryStatus newStatus, Optional<EscrowLock> newLock, long newSequence) {
    return new EnergyEntry(id, injection, newStatus, newLock, parent, newSequence);
  }
}
