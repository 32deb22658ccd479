package org.priwatt.energy.registry;

/** The life cycle of a registry entry. */
public enum EntryStatus {
  /** Owned and free to trade. */
  ACTIVE,
  /** Locked by its lock-secret holder for one escrow trade; no other sale is possible. */
  LOCKED,
  /** Ownership moved to a buyer (a new entry); this one is spent. */
  TRANSFERRED,
  /** Divided into sub-entries (eq. 10); this one is spent. */
  SPLIT,
  /** Its trade ended in a DSO dispute decision; the energy can no longer be traded. */
  FROZEN,
  /**
   * One part of an entry split for a payment channel (Case 2), locked to the channel's client
   * key: only she can claim it (with its ownership secret, which the seller releases per paid
   * increment) until the lock expires; after that its owner may use it again.
   */
  CHANNEL_LOCKED
}
