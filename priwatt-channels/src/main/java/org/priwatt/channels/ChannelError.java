package org.priwatt.channels;

import org.priwatt.crypto.codec.DecodeError;

/**
 * Every way a payment channel refuses or fails, one constant per failure: the reason a server
 * refuses an OPEN or a payment, a client refuses the server's terms or a secret, a session
 * stops, or bytes from a peer or a file do not decode. Carried by {@link ChannelException}, by
 * the sessions' {@code failure()} and by the server's record of refused payments. Grouped as
 * decoding, opening, funding, payments, secrets, and the layers underneath.
 */
public enum ChannelError {
  // ---------------------------------------------------------------- decoding untrusted bytes
  /** The bytes ended inside a field. */
  TRUNCATED,
  /** A field holds a value outside its domain (a bad key, flag or count), or bytes are left over. */
  MALFORMED,
  /** The input is longer than the largest encoding of its type. */
  OVERSIZED,
  /** A format version this code does not know. */
  UNSUPPORTED_VERSION,
  /** A message kind this code does not know, or a kind byte that disagrees with the subject. */
  UNKNOWN_KIND,
  /** A well-formed value outside the bounds the SDK accepts (an amount above the money supply). */
  OUT_OF_RANGE,

  // ---------------------------------------------------------------- opening (server on OPEN, client on ACCEPT)
  /** The OPEN names an entry the server does not offer, or the server is not offering it now. */
  NOT_OFFERED,
  /** The increment price is not the offer's price per kWh for each increment's energy, rounded up. */
  BAD_PRICE,
  /** The capacity is not the number of increments times the increment price. */
  BAD_CAPACITY,
  /** The number of increments is outside 1..100 or exceeds the entry's milliwatt-hours. */
  BAD_INCREMENTS,
  /** The fee is below what a payment needs to relay, above the server's ask, or leaves one increment's payout below dust. */
  BAD_FEE,
  /** The refund height leaves less than the safety margin plus the time the increments need. */
  DEADLINE_TOO_CLOSE,
  /** The refund height is further than the most the server (or the DSO) locks energy for. */
  DEADLINE_TOO_FAR,
  /** A key is not a valid compressed key, or the client's key equals the server's. */
  BAD_KEY,
  /** The ACCEPT's parts are not the entry split into the agreed increments, or its expiry is too short. */
  BAD_ACCEPT,
  /** The DSO does not testify the lock the server claims (other terms, other parts, expired). */
  LOCK_NOT_CONFIRMED,
  /** The DSO's lock leaves the client too little time to fund, or to claim after the refund height. */
  LOCK_TOO_SHORT,
  /** The DSO refused to lock the entry to the channel (its reason is in the detail). */
  LOCK_REFUSED,

  // ---------------------------------------------------------------- funding
  /** The funding output does not pay the channel's script at least the capacity. */
  FUNDING_INVALID,
  /** The funding output does not have the confirmations required yet. */
  FUNDING_UNCONFIRMED,
  /** The funding output is already spent. */
  FUNDING_SPENT,
  /** The client's wallet cannot pay the capacity. */
  INSUFFICIENT_FUNDS,
  /** The funding transaction is larger than a snapshot holds; spend fewer, larger coins. */
  FUNDING_TOO_LARGE,
  /** No confirmed funding arrived before the DSO's funding deadline; the lock lapsed. */
  NOT_FUNDED,

  // ---------------------------------------------------------------- payments (server on PAY)
  /** The payment arrived before the channel is open (funding not confirmed) or after it closed. */
  NOT_OPEN,
  /** The payment spends another output than the channel's funding. */
  WRONG_OUTPOINT,
  /** The payment repeats an increment already paid (an old payment again). */
  PAYMENT_REPEATED,
  /** The payment skips increments (its number is beyond the next one). */
  PAYMENT_SKIPPED,
  /** The payment's number is beyond the channel's increments. */
  BEYOND_CAPACITY,
  /** The payment gives the server no more than the last one did. */
  AMOUNT_DECREASED,
  /** The payment gives the server another amount than the increment's price times its number, less the fee. */
  WRONG_AMOUNT,
  /** The client's signature does not verify for her key over the server's rebuild of the payment. */
  BAD_SIGNATURE,
  /** The chain is within the safety margin of the refund height: the server accepts no more payments. */
  TOO_CLOSE_TO_DEADLINE,

  // ---------------------------------------------------------------- secrets (client on SECRET)
  /** The secret does not hash to the entry of the part it names. */
  BAD_SECRET,

  // ---------------------------------------------------------------- the session and the layers underneath
  /** The counterpart did not answer in time. */
  NO_ANSWER,
  /** The DSO refused a request (its reason is in the detail). */
  REGISTRY_REFUSED,
  /** A snapshot could not be written or read; nothing was done. */
  STORAGE,
  /** A stored snapshot cannot be opened or does not decode. */
  SNAPSHOT_UNREADABLE,
  /** The messaging layer refused or failed. */
  MESSAGING,
  /** The ledger refused a transaction or the chain layer failed. */
  CHAIN;

  /** The constant for a codec failure. */
  public static ChannelError of(DecodeError e) {
    return switch (e) {
      case TRUNCATED -> TRUNCATED;
      case OVERSIZED -> OVERSIZED;
      case UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
      case UNKNOWN_TYPE -> UNKNOWN_KIND;
      case OUT_OF_RANGE -> OUT_OF_RANGE;
      case LENGTH_OUT_OF_RANGE, NON_CANONICAL, TRAILING_BYTES, MALFORMED -> MALFORMED;
    };
  }
}
