package org.priwatt.energy;

import java.util.List;
import java.util.Objects;

/**
 * One auditable change of the DSO registry, as written to its write-ahead log. The registry's
 * state is exactly the fold of its events in order. Events that create entries carry the secrets
 * the DSO issued (as {@link EnergySecret}, never shown by {@code toString}); the event list is the
 * DSO's private audit trail.
 */
public sealed interface RegistryEvent {
  /** DSO clock (Unix seconds) when the event was accepted. */
  long time();

  /** A metered injection created an entry; {@code lockSecret} is the issued bz. */
  record Injected(long time, EnergyInjection injection, EnergySecret lockSecret) implements RegistryEvent {
    /** Validates non-null fields. */
    public Injected {
      Objects.requireNonNull(injection, "injection");
      Objects.requireNonNull(lockSecret, "lockSecret");
    }
  }

  /** The lock-secret holder locked an entry to an escrow. */
  record Locked(long time, RequestId request, EntryId entry, EscrowLock lock) implements RegistryEvent {
    /** Validates non-null fields. */
    public Locked {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
    }
  }

  /** The lock-secret holder released an unfunded lock. */
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

  /** Ownership moved to the escrow's buyer (eq. 9): a new entry for {@code buyer} with secret az. */
  record Transferred(long time, RequestId request, EntryId entry, EnergyInjection buyer, EnergySecret buyerLockSecret)
      implements RegistryEvent {
    /** Validates non-null fields. */
    public Transferred {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(buyer, "buyer");
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

  /** The DSO decided a dispute over a locked entry's escrow, giving the buyer the share in basis points. */
  record DisputeResolved(long time, RequestId request, EntryId entry, int buyerShareBasisPoints) implements RegistryEvent {
    /** Validates non-null fields and the share range. */
    public DisputeResolved {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(entry, "entry");
      if (buyerShareBasisPoints < 0 || buyerShareBasisPoints > EscrowTransactions.FULL_SHARE) {
        throw new IllegalArgumentException("share outside 0..10000");
      }
    }
  }
}
