package org.priwatt.chain.mempool;

/**
 * Why the memory pool refused a transaction, one constant per rule, each carrying Bitcoin Core's
 * reject-reason string as {@code sendrawtransaction} and {@code testmempoolaccept} report it.
 * Grouped as Core checks them: consensus, standardness, timelocks, conflicts and inputs, fees and
 * limits, scripts.
 */
public enum MempoolRejectReason {
  // ---- consensus (context-free) ----
  /**
   * The transaction fails the context-free {@code CheckTransaction}; {@link
   * AcceptResult#rejectString()} gives the exact {@code bad-txns-...} string.
   */
  CONSENSUS_INVALID("bad-txns"),
  /** A coinbase is only valid inside a block. */
  COINBASE("coinbase"),

  // ---- standardness (relay policy) ----
  /** nVersion is below 1 or above 2. */
  VERSION("version"),
  /** The transaction is larger than the standard maximum. */
  TX_SIZE("tx-size"),
  /** The transaction is smaller than 65 bytes (CVE-2017-12842: could pass as a Merkle node). */
  TX_SIZE_SMALL("tx-size-small"),
  /** A scriptSig is larger than 1650 bytes. */
  SCRIPTSIG_SIZE("scriptsig-size"),
  /** A scriptSig contains an opcode other than a push. */
  SCRIPTSIG_NOT_PUSHONLY("scriptsig-not-pushonly"),
  /**
   * An output script is not a standard type (P2PKH, P2SH, P2PK, multisig with n at most 3,
   * OP_RETURN with at most 80 data bytes).
   */
  SCRIPTPUBKEY("scriptpubkey"),
  /** A bare multisig output, when the policy does not relay them. */
  BARE_MULTISIG("bare-multisig"),
  /** An output is worth less than spending it would cost at the dust relay fee. */
  DUST("dust"),
  /** More than one OP_RETURN output. */
  MULTI_OP_RETURN("multi-op-return"),

  // ---- timelocks ----
  /** nLockTime is not yet reached for the next block (height or median time past). */
  NON_FINAL("non-final"),
  /** A BIP 68 relative lock time is not yet reached for the next block. */
  NON_BIP68_FINAL("non-BIP68-final"),

  // ---- pool membership, conflicts and inputs ----
  /** The transaction is already in the pool. */
  ALREADY_IN_MEMPOOL("txn-already-in-mempool"),
  /**
   * An input spends an outpoint that a transaction already in the pool spends: the first spend
   * seen wins and there is no replacement (PriWatt's defence against the race attack A15).
   */
  MEMPOOL_CONFLICT("txn-mempool-conflict"),
  /** The transaction's outputs already exist in the chain state: it is confirmed. */
  ALREADY_KNOWN("txn-already-known"),
  /** An input refers to an output that is neither unspent in the chain nor in the pool. */
  MISSING_OR_SPENT_INPUTS("bad-txns-inputs-missingorspent"),
  /** An input spends a coinbase output that has not reached coinbase maturity. */
  PREMATURE_COINBASE_SPEND("bad-txns-premature-spend-of-coinbase"),
  /** The sum of the input values leaves the money range. */
  INPUT_VALUES_OUT_OF_RANGE("bad-txns-inputvalues-outofrange"),
  /** The outputs are worth more than the inputs. */
  IN_BELOW_OUT("bad-txns-in-belowout"),
  /** An input spends a non-standard script, or a P2SH redeem script with too many sigops. */
  NONSTANDARD_INPUTS("bad-txns-nonstandard-inputs"),
  /** More signature operations than a standard transaction may have. */
  TOO_MANY_SIGOPS("bad-txns-too-many-sigops"),

  // ---- fees and pool limits ----
  /** The fee is below the minimum relay fee for the transaction's size. */
  MIN_RELAY_FEE_NOT_MET("min relay fee not met"),
  /** The fee rate is below the pool's rolling minimum after evictions. */
  MEMPOOL_MIN_FEE_NOT_MET("mempool min fee not met"),
  /** Accepting would exceed the ancestor or descendant count or size limits. */
  TOO_LONG_MEMPOOL_CHAIN("too-long-mempool-chain"),
  /** The transaction was accepted, then evicted at once because the pool is full. */
  MEMPOOL_FULL("mempool full"),

  // ---- scripts ----
  /** A script fails a policy-only flag but passes the consensus flags. */
  NON_MANDATORY_SCRIPT_VERIFY_FLAG("non-mandatory-script-verify-flag"),
  /** A script fails the consensus flags: the transaction can never be valid. */
  MANDATORY_SCRIPT_VERIFY_FLAG_FAILED("mandatory-script-verify-flag-failed");

  private final String reason;

  MempoolRejectReason(String reason) {
    this.reason = reason;
  }

  /** Bitcoin Core's reject-reason string, e.g. {@code "txn-mempool-conflict"}. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return reason;
  }
}
