package org.priwatt.energy.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.msg.BitmessageAddress;

/**
 * A public snapshot of one DSO registry entry: who owns how much energy since when, its status,
 * every lock it ever had (the current one last while {@link EntryStatus#LOCKED}), where it came
 * from and went, and the next sequence number the lock-secret holder must use. Holds no secret.
 * Immutable.
 *
 * @param id the entry id (hash of its ownership secret)
 * @param injection owner key, messaging address, energy and timestamp
 * @param status the life-cycle state
 * @param locks every lock granted on the entry, oldest first
 * @param parent the entry this one was transferred or split from, if any
 * @param transferredUnder the lock under which the entry was sold, once {@link EntryStatus#TRANSFERRED}
 * @param nextSequence the sequence number the next lock-secret request must carry
 * @param channelLock the payment-channel lock this entry was created under, for a part of an entry
 *     split for a channel (current while {@link EntryStatus#CHANNEL_LOCKED})
 */
public record EnergyEntry(EntryId id, EnergyInjection injection, EntryStatus status, List<EscrowLock> locks,
    Optional<EntryId> parent, Optional<LockId> transferredUnder, long nextSequence, Optional<PartLock> channelLock) {
  /** Validates and copies. */
  public EnergyEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(injection, "injection");
    Objects.requireNonNull(status, "status");
    locks = List.copyOf(locks);
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(transferredUnder, "transferredUnder");
    if (status == EntryStatus.LOCKED && locks.isEmpty()) {
      throw new IllegalArgumentException("a locked entry needs a lock");
    }
    Objects.requireNonNull(channelLock, "channelLock");
    if (status == EntryStatus.CHANNEL_LOCKED && channelLock.isEmpty()) {
      throw new IllegalArgumentException("a channel-locked entry needs its channel lock");
    }
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

  /** The current lock while {@link EntryStatus#LOCKED}. */
  public Optional<EscrowLock> lock() {
    return status == EntryStatus.LOCKED ? Optional.of(locks.get(locks.size() - 1)) : Optional.empty();
  }

  /** The lock {@code id} among every lock the entry had. */
  public Optional<EscrowLock> lock(LockId id) {
    return locks.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /**
   * Whether the entry is free to lock at {@code now}: active, or locked under an expired escrow
   * lock. A part locked to a payment channel is free again once that lock expired, which depends
   * on the chain; the registry judges it ({@link PartLock#isExpired}).
   */
  public boolean isLockable(long now) {
    return status == EntryStatus.ACTIVE || status == EntryStatus.LOCKED && lock().orElseThrow().isExpired(now);
  }
}
