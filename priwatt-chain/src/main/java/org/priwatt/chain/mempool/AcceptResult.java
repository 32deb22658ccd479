package org.priwatt.chain.mempool;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.TxId;

/**
 * The outcome of offering a transaction to the {@link Mempool}: accepted with its fee, or
 * rejected with a {@link MempoolRejectReason} and a detail string. A result value rather than an
 * exception, since rejection is an expected outcome of relaying untrusted transactions.
 */
public final class AcceptResult {
  private final TxId txId;
  private final MempoolRejectReason reason;
  private final String rejectString;
  private final String detail;
  private final Amount fee;

  private AcceptResult(TxId txId, MempoolRejectReason reason, String rejectString, String detail,
      Amount fee) {
    this.txId = Objects.requireNonNull(txId, "txId");
    this.reason = reason;
    this.rejectString = rejectString;
    this.detail = detail;
    this.fee = fee;
  }

  /** An acceptance paying {@code fee}. */
  public static AcceptResult accepted(TxId txId, Amount fee) {
    return new AcceptResult(txId, null, null, "", Objects.requireNonNull(fee, "fee"));
  }

  /** A rejection for {@code reason}, with a human-readable {@code detail} (may be empty). */
  public static AcceptResult rejected(TxId txId, MempoolRejectReason reason, String detail) {
    Objects.requireNonNull(reason, "reason");
    return new AcceptResult(txId, reason, reason.reason(), Objects.requireNonNull(detail), null);
  }

  /**
   * A rejection whose Core string differs from the reason's generic one (consensus failures
   * such as {@code bad-txns-vout-negative}, script failures naming the script error).
   */
  public static AcceptResult rejected(TxId txId, MempoolRejectReason reason, String rejectString,
      String detail) {
    Objects.requireNonNull(reason, "reason");
    return new AcceptResult(txId, reason, Objects.requireNonNull(rejectString),
        Objects.requireNonNull(detail), null);
  }

  /** The id of the transaction offered. */
  public TxId txId() {
    return txId;
  }

  /** Whether the transaction entered the pool. */
  public boolean isAccepted() {
    return reason == null;
  }

  /** The rejection reason; empty if accepted. */
  public Optional<MempoolRejectReason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * The exact string Bitcoin Core would report, e.g. {@code "txn-mempool-conflict"} or {@code
   * "mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG
   * operation)"}; empty if accepted.
   */
  public Optional<String> rejectString() {
    return Optional.ofNullable(rejectString);
  }

  /** Context for a rejection (the conflicting txid, the fee shortfall); empty if accepted. */
  public String detail() {
    return detail;
  }

  /** The fee the transaction pays; empty if rejected. */
  public Optional<Amount> fee() {
    return Optional.ofNullable(fee);
  }

  @Override
  public String toString() {
    return isAccepted()
        ? "accepted " + txId + " fee " + fee
        : "rejected " + txId + ": " + rejectString + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
