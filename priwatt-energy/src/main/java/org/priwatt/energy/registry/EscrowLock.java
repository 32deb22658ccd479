package org.priwatt.energy.registry;

import java.util.Objects;
import org.priwatt.energy.LockId;
import org.priwatt.energy.ledger.EscrowTerms;

/**
 * One lock the DSO granted on an entry: the escrow terms the buyer pays against and the times
 * that bound it. Until {@link #expiry()} the lock holds whatever the seller asks, so a buyer who
 * checked it can pay and wait for confirmations; after it, the seller may release or replace the
 * lock unless a confirmed payment committed to it exists. Every lock an entry ever had stays on
 * record, so the DSO can arbitrate any escrow that was ever locked to the entry. Immutable.
 *
 * @param terms the escrow terms (entry, lock id, keys, price, fee)
 * @param lockedAt DSO clock when granted
 * @param expiry DSO clock after which the seller may release it
 */
public record EscrowLock(EscrowTerms terms, long lockedAt, long expiry) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the expiry precedes the lock time
   */
  public EscrowLock {
    Objects.requireNonNull(terms, "terms");
    if (lockedAt < 0 || expiry < lockedAt) {
      throw new IllegalArgumentException("expiry before the lock time");
    }
  }

  /** The lock's id. */
  public LockId id() {
    return terms.lock();
  }

  /** Whether the lock has expired at {@code now}. */
  public boolean isExpired(long now) {
    return now > expiry;
  }
}
