package org.priwatt.chain.block;

import java.util.Optional;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.ChainFailure;

/**
 * Why a block, block header, target or Merkle branch was rejected. Each constant carries Bitcoin
 * Core's reject-reason string where Core has one ({@link #reason()}), so logs and peers see the
 * familiar names ({@code bad-txnmrklroot}, {@code bad-cb-amount}, ...). One of the three {@link
 * ChainFailure} domains carried by {@link ChainException}.
 */
public enum BlockError implements ChainFailure {
  // Encoding
  /**
   * A serialized header was not exactly {@value BlockHeader#SIZE} bytes long (a header read from
   * a longer input that ends inside it is {@link org.priwatt.chain.ChainError#TRUNCATED}).
   */
  HEADER_LENGTH("bad-header-length"),

  // Compact target (nBits) decoding, Core's SetCompact flags
  /** The compact target has its sign bit set with a non-zero mantissa (Core's fNegative). */
  TARGET_NEGATIVE("high-hash"),
  /** The compact target does not fit in 256 bits (Core's fOverflow). */
  TARGET_OVERFLOW("high-hash"),
  /** The compact target decodes to zero, which no hash can meet. */
  TARGET_ZERO("high-hash"),
  /** The target is easier than the network's proof-of-work limit. */
  TARGET_ABOVE_POW_LIMIT("high-hash"),

  // Proof of work and context (Core's ContextualCheckBlockHeader)
  /** The header hash is above its own target: Core's {@code high-hash}. */
  HIGH_HASH("high-hash"),
  /** nBits differs from what difficulty retargeting requires: Core's {@code bad-diffbits}. */
  BAD_DIFF_BITS("bad-diffbits"),
  /** The time is not after the median of the previous 11 blocks: Core's {@code time-too-old}. */
  TIME_TOO_OLD("time-too-old"),
  /** The time is more than two hours in the future: Core's {@code time-too-new}. */
  TIME_TOO_NEW("time-too-new"),
  /** The header's prevBlock is not the hash of the chain tip it was checked against. */
  PREV_BLOCK_MISMATCH("prev-blk-mismatch"),
  /** The version is below what the BIP 34/66/65 activations require: {@code bad-version}. */
  BAD_VERSION("bad-version"),

  // Merkle branches
  /** A Merkle branch is deeper than {@value MerkleBranch#MAX_DEPTH} levels. */
  MERKLE_BRANCH_TOO_DEEP("merkle-branch-too-deep"),
  /** A Merkle branch's encoding ended early or carried trailing bytes. */
  MERKLE_BRANCH_MALFORMED("merkle-branch-malformed"),

  // Context-free block checks (Core's CheckBlock)
  /** The header's Merkle root is not the root of the transactions: {@code bad-txnmrklroot}. */
  BAD_MERKLE_ROOT("bad-txnmrklroot"),
  /**
   * The transaction list is mutated (CVE-2012-2459) or repeats a txid: {@code
   * bad-txns-duplicate}. The header may still be valid with another transaction list.
   */
  DUPLICATE_TRANSACTION("bad-txns-duplicate"),
  /** No transactions, or larger than the network's block size limit: {@code bad-blk-length}. */
  BAD_LENGTH("bad-blk-length"),
  /** The first transaction is not a coinbase: {@code bad-cb-missing}. */
  COINBASE_MISSING("bad-cb-missing"),
  /** A transaction after the first is a coinbase: {@code bad-cb-multiple}. */
  COINBASE_MULTIPLE("bad-cb-multiple"),
  /**
   * A transaction fails the context-free checks; the message names Core's transaction reason
   * ({@code bad-txns-vin-empty}, ...).
   */
  BAD_TRANSACTION("bad-txns"),
  /** Too many signature operations, legacy plus P2SH counting: {@code bad-blk-sigops}. */
  TOO_MANY_SIGOPS("bad-blk-sigops"),

  // Contextual block checks (Core's ContextualCheckBlock)
  /** A transaction is not final at the block's height and lock-time cutoff. */
  NON_FINAL_TRANSACTION("bad-txns-nonfinal"),
  /** BIP 34: the coinbase scriptSig does not start with the block height: {@code bad-cb-height}. */
  BAD_COINBASE_HEIGHT("bad-cb-height"),

  // Connecting to the UTXO set (Core's ConnectBlock / CheckTxInputs)
  /** An input spends an output that does not exist or is already spent. */
  MISSING_INPUTS("bad-txns-inputs-missingorspent"),
  /** An input spends a coinbase output younger than the coinbase maturity. */
  PREMATURE_COINBASE_SPEND("bad-txns-premature-spend-of-coinbase"),
  /** The spent values, or their sum, leave the money range. */
  INPUT_VALUES_OUT_OF_RANGE("bad-txns-inputvalues-outofrange"),
  /** A transaction spends less than it pays out. */
  INPUTS_BELOW_OUTPUTS("bad-txns-in-belowout"),
  /** A fee, or the block's fee total, leaves the money range. */
  FEE_OUT_OF_RANGE("bad-txns-fee-outofrange"),
  /** A transaction would overwrite an unspent output with the same txid (BIP 30). */
  OVERWRITES_UNSPENT("bad-txns-BIP30"),
  /** The coinbase pays more than the subsidy plus the fees: {@code bad-cb-amount}. */
  BAD_COINBASE_AMOUNT("bad-cb-amount"),
  /** An input's scripts fail under the block's consensus flags. */
  SCRIPT_VERIFY_FAILED("mandatory-script-verify-flag-failed"),

  // Chain placement
  /** The parent block is unknown (the block is kept as an orphan if there is room). */
  PREV_BLOCK_NOT_FOUND("prev-blk-not-found"),
  /** The parent block, or one of its ancestors, is invalid: {@code bad-prevblk}. */
  INVALID_ANCESTOR("bad-prevblk"),
  /** The block was already marked invalid. */
  KNOWN_INVALID("duplicate-invalid");

  private final String reason;

  BlockError(String reason) {
    this.reason = reason;
  }

  /** Bitcoin Core's reject-reason string for this failure, e.g. {@code "bad-txnmrklroot"}. */
  public String reason() {
    return reason;
  }

  /** {@link #reason()}, never empty: every block failure has a Core reject string. */
  @Override
  public Optional<String> rejectReason() {
    return Optional.of(reason);
  }
}
