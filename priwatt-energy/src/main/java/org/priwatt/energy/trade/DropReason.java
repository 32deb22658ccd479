package org.priwatt.energy.trade;

/**
 * Why a trade session ignored a message it received: counted per session ({@link
 * TradeSession#dropped(DropReason)}), never an error, since anyone may send anything to a
 * session's address.
 */
public enum DropReason {
  /** The message claims to be a PriWatt message but does not decode. */
  UNDECODABLE,
  /** It is not from the counterpart or the DSO, or names another entry, lock or request. */
  NOT_FOR_THIS_TRADE,
  /** The session's state does not expect it (late, repeated or out of order). */
  UNEXPECTED,
  /** It fails the session's checks (a secret that does not hash to the entry, terms that differ from the agreed ones). */
  INVALID
}
