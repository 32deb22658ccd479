package org.priwatt.energy;

/**
 * Every way the DSO registry, its request protocol or its write-ahead log can refuse something.
 * Carried by {@link RegistryException} and by the status of {@link RegistryReply}; one constant
 * per failure, grouped as decoding, authentication, ordering, entry state, payment and storage (the registry's log and
 * the trade sessions' snapshots).
 * The numeric {@link #code()} travels in replies and must never be reused for another meaning.
 */
public enum RegistryError {
  // ---------------------------------------------------------------- decoding
  /** The bytes ended before a field they announced was complete. */
  TRUNCATED(1),
  /** A length, count or field is out of its allowed range, or bytes are left over. */
  MALFORMED(2),
  /** A request or event kind this version does not know. */
  UNKNOWN_KIND(3),
  /**
   * A stored format (a session snapshot, the write-ahead log) carries a magic or version this code
   * does not read; a version 1 write-ahead log is converted with {@link DsoRegistry#upgradeLog}.
   */
  UNSUPPORTED_VERSION(4),

  // ---------------------------------------------------------------- authentication
  /** The HMAC proving knowledge of the entry's secret does not verify (forged or wrong secret). */
  BAD_PROOF(10),
  /** The requester's ECDSA signature over the request does not verify for the claimed key. */
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
  /** The escrow redeem script is not {@code OP_2 <DSO> <owner> <buyer> OP_3 OP_CHECKMULTISIG}. */
  BAD_ESCROW(36),
  /** A split count outside 2..{@link DsoRegistry#MAX_SPLIT}, or more parts than milliwatt-hours. */
  BAD_SPLIT(37),

  // ---------------------------------------------------------------- payment
  /** The escrow has not received the agreed payment with enough confirmations yet. */
  PAYMENT_NOT_CONFIRMED(40),
  /** The escrow is already funded, so the lock can no longer be released by the seller alone. */
  ESCROW_FUNDED(41),
  /** The escrow is not funded, so there is nothing to arbitrate. */
  ESCROW_NOT_FUNDED(42),

  // ---------------------------------------------------------------- storage
  /** The write-ahead log could not be written or read; the change was not applied. */
  STORAGE(50),
  /**
   * The write-ahead log is damaged anywhere but in a torn last record (a record fails its length,
   * checksum or sequence check and is not what an interrupted append leaves), or an intact record
   * cannot be replayed. The message names the record and its byte offset; the file is left
   * unchanged for an operator (module README, "Damaged log").
   */
  CORRUPT_LOG(51),
  /**
   * A sealed session snapshot cannot be opened: wrong key, altered or truncated file (sealing
   * cannot tell these apart), or it is larger than a snapshot may be.
   */
  SNAPSHOT_UNREADABLE(52);

  private final int code;

  RegistryError(int code) {
    this.code = code;
  }

  /** The stable one-byte wire code of this error. */
  public int code() {
    return code;
  }

  /**
   * The error with wire code {@code code}.
   *
   * @throws RegistryException {@link #MALFORMED} if no constant has that code
   */
  public static RegistryError fromCode(int code) throws RegistryException {
    for (RegistryError e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    throw new RegistryException(MALFORMED, "unknown error code " + code);
  }
}
