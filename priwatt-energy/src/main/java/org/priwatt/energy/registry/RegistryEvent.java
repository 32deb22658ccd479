package org.priwatt.energy.registry;

import java.util.List;
import java.util.Objects;
import org.priwatt.chain.OutPoint;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;

/**
 * One auditable change of the DSO registry, as written to its write-ahead log. The registry's
 * state is exactly the fold of its events in order. Events that create entries carry the secrets
 * the DSO issued (as {@link EnergySecret}, never shown by {@code toString}); the event list is the
 * DSO's private audit trail.
 */
public sealed interface RegistryEvent {
  /** DSO clock (Unix seconds) when the event was accepted. */
  long time();

  /** A metered injection created an entry with ownership secret {@code lambda} and lock secret {@code lockSecret}. */
  record Injected(long time, EnergyInjection injection, EnergySecret lambda, EnergySecret lockSecret)
      implements RegistryEvent {
    /** Validates non-null fields. */
    public Injected {
      Objects.requireNonNull(injection, "injection");
      Objects.requireNonNull(lambda, "lambda");
      Objects.requireNonNull(lockSecret, "lockSecret");
    }
  }

  /** The lock-secret holder locked an entry to an escrow (replacing an expired lock, if any). */
  record Locked(long time, RequestId request, EntryId entry, EscrowLock lock) implements RegistryEvent {
    /** Validates non-null fields. */
    public Locked {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
    }
  }

  /** The lock-secret holder released an expired, unpaid lock. */
  record Unlocked(long time, RequestId request, EntryId entry) implements RegistryEvent {
    /** Validates non-null fields. */
    public Unlocked {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** The lock secret was replaced by {@code newLockSecret}. */
  record Renewed(long time, RequestId request, EntryId entry, EnergySecret newLockSecret) implements RegistryEvent {
    /** Validates non-null fields. */
    public Renewed {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(newLockSecret, "newLockSecret");
    }
  }

  /**
   * Ownership moved to the escrow's buyer under {@code lock}: the funding output was consumed, the
   * complete release paying the seller broadcast, and a new entry created for {@code buyer} with
   * secrets {@code buyerLambda}, {@code buyerLockSecret}.
   */
  record Transferred(long time, RequestId request, EntryId entry, LockId lock, OutPoint funding, ByteString release,
      EnergyInjection buyer, EnergySecret buyerLambda, EnergySecret buyerLockSecret) implements RegistryEvent {
    /** Validates non-null fields. */
    public Transferred {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(release, "release");
      Objects.requireNonNull(buyer, "buyer");
      Objects.requireNonNull(buyerLambda, "buyerLambda");
      Objects.requireNonNull(buyerLockSecret, "buyerLockSecret");
    }
  }

  /** An entry was split (eq. 10) into parts with the given ownership and lock secrets and energy. */
  record Split(long time, RequestId request, EntryId entry, List<EnergySecret> ownershipSecrets,
      List<EnergySecret> lockSecrets, List<EnergyAmount> shares) implements RegistryEvent {
    /** Validates equal list sizes. */
    public Split {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      ownershipSecrets = List.copyOf(ownershipSecrets);
      lockSecrets = List.copyOf(lockSecrets);
      shares = List.copyOf(shares);
      if (ownershipSecrets.size() != lockSecrets.size() || lockSecrets.size() != shares.size()) {
        throw new IllegalArgumentException("split lists differ in size");
      }
    }
  }

  /**
   * The DSO decided a dispute over the escrow that {@code funding} pays under {@code lock}: the
   * buyer's share in basis points; {@code freezes} when the entry's current lock was disputed
   * (the entry then cannot be traded), not for refunds of stale or short payments.
   */
  record Decided(long time, RequestId request, EntryId entry, LockId lock, OutPoint funding, int buyerShareBasisPoints,
      boolean freezes) implements RegistryEvent {
    /** Validates non-null fields and the share range. */
    public Decided {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
      if (buyerShareBasisPoints < 0 || buyerShareBasisPoints > 10_000) {
        throw new IllegalArgumentException("share outside 0..10000");
      }
    }
  }

  /**
   * The lock-secret holder split an entry for a payment channel (eq. 10) into parts with the given
   * ownership and lock secrets and energy, each locked to the channel by {@code lock}.
   */
  record ChannelLocked(long time, RequestId request, EntryId entry, PartLock lock, List<EnergySecret> ownershipSecrets,
      List<EnergySecret> lockSecrets, List<EnergyAmount> shares) implements RegistryEvent {
    /** Validates non-null fields and equal list sizes. */
    public ChannelLocked {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
      ownershipSecrets = List.copyOf(ownershipSecrets);
      lockSecrets = List.copyOf(lockSecrets);
      shares = List.copyOf(shares);
      if (ownershipSecrets.size() != lockSecrets.size() || lockSecrets.size() != shares.size()
          || shares.isEmpty()) {
        throw new IllegalArgumentException("channel split lists differ in size or are empty");
      }
    }
  }

  /**
   * A payment channel's client claimed a part locked to her channel: a new entry was created for
   * {@code client} with secrets {@code clientLambda}, {@code clientLockSecret}.
   */
  record ChannelTransferred(long time, RequestId request, EntryId entry, EnergyInjection client,
      EnergySecret clientLambda, EnergySecret clientLockSecret) implements RegistryEvent {
    /** Validates non-null fields. */
    public ChannelTransferred {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(clientLambda, "clientLambda");
      Objects.requireNonNull(clientLockSecret, "clientLockSecret");
    }
  }
}
