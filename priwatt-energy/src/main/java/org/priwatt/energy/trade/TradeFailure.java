package org.priwatt.energy.trade;

/**
 * Why a trade session stopped in its failed state. A session that failed does nothing more; its
 * snapshot (when it could be saved) records the reason.
 */
public enum TradeFailure {
  /** A snapshot could not be saved, so the session stopped acting rather than act undurably. */
  STORAGE,
  /** A message could not be sent: the recipient demands more proof of work than the node accepts, or the node refused. */
  MESSAGING,
  /** The seller's escrow does not name the DSO, the offer's seller and the buyer's key, or its price or fee differs from the offer. */
  BAD_ESCROW,
  /** The DSO does not testify that the entry is locked to the escrow with the terms the seller sent. */
  LOCK_NOT_CONFIRMED,
  /** The lock expires too soon to pay and wait for the confirmations. */
  LOCK_TOO_SHORT,
  /** The buyer's funding source cannot pay. */
  INSUFFICIENT_FUNDS,
  /** The funding source built a transaction too large for the session's snapshot (it spends too many small coins). */
  FUNDING_TOO_LARGE,
  /** The ledger refused the funding transaction. */
  PAYMENT_REJECTED,
  /** The seller did not answer the buy request in time. */
  NO_ANSWER,
  /** The DSO refused the dispute. */
  DISPUTE_REFUSED,
  /** The DSO's settlement or release does not check (signature, outputs or outpoint). */
  BAD_SETTLEMENT
}
