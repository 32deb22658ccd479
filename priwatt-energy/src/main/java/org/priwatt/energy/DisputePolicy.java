package org.priwatt.energy;

import org.priwatt.crypto.EcPublicKey;

/**
 * How the DSO, as mediator, decides a dispute over a funded escrow (paper §3.1, dispute path):
 * the share of the escrow, in basis points, that goes back to the buyer; the seller receives the
 * rest. Implementations weigh the evidence; they must be deterministic for a given input so the
 * decision can be audited.
 */
@FunctionalInterface
public interface DisputePolicy {
  /**
   * Decides the buyer's share.
   *
   * @param entry the disputed entry (locked, with its escrow)
   * @param requester the escrow key of the party that raised the dispute
   * @param evidence the requester's free-text evidence
   * @return basis points in 0..10000 given to the buyer
   */
  int buyerShareBasisPoints(EnergyEntry entry, EcPublicKey requester, String evidence);
}
