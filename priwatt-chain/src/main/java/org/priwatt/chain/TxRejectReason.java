package org.priwatt.chain;

/**
 * Why a transaction fails Bitcoin Core's context-free {@code CheckTransaction}; each constant
 * carries Core's reject-reason string (as seen in {@code sendrawtransaction} errors and reject
 * messages). A result value, not an exception: rejection is an expected outcome.
 */
public enum TxRejectReason {
  /** The transaction has no inputs. */
  VIN_EMPTY("bad-txns-vin-empty"),
  /** The transaction has no outputs. */
  VOUT_EMPTY("bad-txns-vout-empty"),
  /** The serialization (without witness) is larger than a block allows. */
  OVERSIZE("bad-txns-oversize"),
  /** An output value is negative. */
  VOUT_NEGATIVE("bad-txns-vout-negative"),
  /** An output value exceeds MAX_MONEY. */
  VOUT_TOO_LARGE("bad-txns-vout-toolarge"),
  /** The running sum of output values leaves the money range. */
  TXOUT_TOTAL_TOO_LARGE("bad-txns-txouttotal-toolarge"),
  /** Two inputs spend the same outpoint (CVE-2018-17144). */
  INPUTS_DUPLICATE("bad-txns-inputs-duplicate"),
  /** A coinbase scriptSig is shorter than 2 or longer than 100 bytes. */
  COINBASE_LENGTH("bad-cb-length"),
  /** A non-coinbase input spends the null outpoint. */
  PREVOUT_NULL("bad-txns-prevout-null");

  private final String reason;

  TxRejectReason(String reason) {
    this.reason = reason;
  }

  /** Bitcoin Core's reject-reason string, e.g. {@code "bad-txns-vin-empty"}. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return reason;
  }
}
