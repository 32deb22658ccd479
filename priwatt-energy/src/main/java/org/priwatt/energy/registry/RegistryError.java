package org.priwatt.energy.registry;

import java.util.Optional;
import org.priwatt.energy.EnergyFailure;

/**
 * Every way the DSO registry refuses a request: carried by {@link
 * org.priwatt.energy.EnergyException} and by a {@link RegistryReply.Refused}. One constant per
 * failure, grouped as request, authentication, ordering, entry state, payment, payment channels and service. The
 * numeric {@link #code()} travels in replies and is never reused for another meaning (codes of
 * retired constants stay retired).
 */
public enum RegistryError implements EnergyFailure {
  // ---------------------------------------------------------------- the request itself
  /** The request does not decode or holds a value out of range. */
  BAD_REQUEST(2),

  // ---------------------------------------------------------------- authentication
  /** The HMAC proving knowledge of the entry's secret does not verify (forged or wrong secret). */
  BAD_PROOF(10),
  /** The requester's signature over the request does not verify for the key the operation requires. */
  BAD_SIGNATURE(11),
  /** The requester's key is not the key this operation requires (e.g. not the escrow's buyer). */
  WRONG_KEY(12),

  // ---------------------------------------------------------------- ordering and freshness
  /** A request with this id was already processed. */
  REPLAYED(20),
  /** The request's sequence number is not the next one expected for the entry. */
  OUT_OF_ORDER(21),
  /** The request's timestamp is too far from the DSO's clock. */
  STALE(22),

  // ---------------------------------------------------------------- entry state
  /** No entry has the given id. */
  UNKNOWN_ENTRY(30),
  /** An entry with the same ownership secret already exists. */
  DUPLICATE_ENTRY(31),
  /** The entry is locked for another trade (a second sale of the same energy). */
  LOCKED(32),
  /** The operation needs a locked entry and the entry is not locked. */
  NOT_LOCKED(33),
  /** The entry was transferred, split or frozen and can no longer be used. */
  NOT_ACTIVE(34),
  /** The entry holds less energy than requested. */
  INSUFFICIENT_ENERGY(35),
  /** The escrow does not name the DSO first and the owner second, or its price and fee are unusable. */
  BAD_ESCROW(36),
  /** A split count outside 2..{@link DsoRegistry#MAX_SPLIT}, or more parts than milliwatt-hours. */
  BAD_SPLIT(37),
  /** The lock has not expired yet, so its seller cannot release or replace it. */
  LOCK_NOT_EXPIRED(38),
  /** The named lock is not the entry's current lock, or the entry never had it. */
  UNKNOWN_LOCK(39),
  /** The entry has had the most locks the DSO records for one entry. */
  TOO_MANY_LOCKS(45),

  // ---------------------------------------------------------------- payment
  /** The funding output has fewer confirmations than the DSO requires. */
  PAYMENT_NOT_CONFIRMED(40),
  /** A confirmed payment committed to the lock exists, so the seller can no longer release it. */
  ESCROW_FUNDED(41),
  /** The named output does not pay the escrow. */
  ESCROW_NOT_FUNDED(42),
  /** The funding output does not fund this lock: wrong script, below the price, or not committed to this entry and lock. */
  PAYMENT_INVALID(43),
  /** The funding output is spent or was already used for a transfer or a decision. */
  PAYMENT_USED(44),
  /** The buyer's signature of the release does not verify. */
  BAD_RELEASE(46),
  /** The ledger refused the release or settlement (its reason is in the detail). */
  LEDGER_REFUSED(47),
  /** The escrow cannot pay its fee, so no settlement is possible. */
  SETTLEMENT_IMPOSSIBLE(48),

  // ---------------------------------------------------------------- payment channels (Case 2)
  /**
   * A channel lock's terms are unusable: keys not distinct, a capacity that is not positive, a
   * refund height not above the chain's tip, or an expiry not after the refund height or too far.
   */
  BAD_CHANNEL(60),
  /** The part's channel lock has expired (past its expiry height, or unfunded past its funding deadline). */
  LOCK_EXPIRED(61),

  // ---------------------------------------------------------------- service
  /** The registry could not record the change; nothing was applied. */
  UNAVAILABLE(50);

  private final int code;

  RegistryError(int code) {
    this.code = code;
  }

  /** The stable one-byte wire code of this error. */
  public int code() {
    return code;
  }

  /** The error with wire code {@code code}, if any. */
  public static Optional<RegistryError> fromCode(int code) {
    for (RegistryError e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
