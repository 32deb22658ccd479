package org.priwatt.energy.registry;

import org.priwatt.energy.ledger.Payment;

/**
 * How the DSO, as mediator, decides a dispute over a fully funded escrow of an entry's current
 * lock (paper §3.1, dispute path): the share of the escrow, in basis points, that goes to the
 * buyer; the seller receives the rest. The registry decides the other cases by rule (a payment
 * below the price, without the lock's commitment, or to a lock that is no longer current goes back
 * to the buyer in full; a sold entry's escrow goes to the seller through its release).
 * Implementations weigh the evidence; they must be deterministic for a given input so the
 * decision can be audited, and return a value in 0..10000.
 */
@FunctionalInterface
public interface DisputePolicy {
  /** Who raised a dispute. */
  enum Party {
    /** The escrow's seller. */
    SELLER,
    /** The escrow's buyer. */
    BUYER
  }

  /**
   * Decides the buyer's share.
   *
   * @param entry the disputed entry (locked under {@code lock})
   * @param lock the escrow lock
   * @param funding the funding output
   * @param requester who raised the dispute
   * @param evidence the requester's free-text evidence
   * @return basis points in 0..10000 given to the buyer
   */
  int buyerShareBasisPoints(EnergyEntry entry, EscrowLock lock, Payment funding, Party requester, String evidence);
}
