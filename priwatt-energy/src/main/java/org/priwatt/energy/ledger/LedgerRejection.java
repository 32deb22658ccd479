package org.priwatt.energy.ledger;

/**
 * Why a {@link PaymentLedger} refused a transaction; returned as a result value by {@link
 * PaymentLedger#broadcast}.
 */
public enum LedgerRejection {
  /** The context-free checks (Bitcoin Core's {@code CheckTransaction}) failed. */
  INVALID,
  /** The ledger already knows this transaction. */
  DUPLICATE,
  /** An input refers to an output the ledger has never seen. */
  MISSING_INPUT,
  /** An input refers to an output already spent on the chain or in the mempool (double spend). */
  DOUBLE_SPEND,
  /** An input's scripts do not verify (bad or missing signature, wrong redeem script). */
  SCRIPT_FAILED,
  /** The outputs are worth more than the inputs. */
  INSUFFICIENT_INPUT,
  /**
   * The ledger's relay policy refused an otherwise valid transaction: fee below the relay
   * minimum, dust or non-standard output, non-final, immature coinbase spend, pool limits.
   */
  POLICY
}
