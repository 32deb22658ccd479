package org.priwatt.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;

/**
 * One side effect a session's transition performs after the new state is durable: a trade
 * message to the counterpart or the DSO, a transaction broadcast, or the offer broadcast. The
 * snapshot keeps the last transition's actions, and a resumed session performs them again; every
 * action is idempotent at its receiver (sessions ignore messages their state does not expect, the
 * ledger answers a known transaction with {@link LedgerRejection#DUPLICATE}, the DSO refuses a
 * repeated request id with {@link RegistryError#REPLAYED}, which the sender ignores while the
 * original reply is on its way). Encoded as {@code kind(1) ‖ message kind(1) ‖ var(data)}, both
 * kinds by enum ordinal, so new constants are only ever appended.
 *
 * @param kind what to do
 * @param message the trade message kind (for the message kinds, else {@link TradeMessage.Kind#DSO_REQUEST} unused)
 * @param data the message body, serialized transaction or encoded offer
 */
record SessionAction(Kind kind, TradeMessage.Kind message, byte[] data) {
  /** Kinds of side effects. */
  enum Kind {
    /** A trade message from the party's session identity to its counterpart. */
    TO_PEER,
    /** A registry request from the session identity to the DSO. */
    TO_DSO,
    /** A registry request from the shared trade identity to the DSO. */
    TO_DSO_SHARED,
    /** A transaction for the ledger. */
    BROADCAST_TX,
    /** The offer broadcast on the auction board. */
    POST_OFFER
  }

  SessionAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  static SessionAction toPeer(TradeMessage.Kind message, byte[] body) {
    return new SessionAction(Kind.TO_PEER, message, body);
  }

  static SessionAction toDso(boolean fromShared, RegistryRequest request) {
    return new SessionAction(fromShared ? Kind.TO_DSO_SHARED : Kind.TO_DSO, TradeMessage.Kind.DSO_REQUEST, request.encode());
  }

  static SessionAction broadcast(byte[] transaction) {
    return new SessionAction(Kind.BROADCAST_TX, TradeMessage.Kind.DSO_REQUEST, transaction);
  }

  static SessionAction postOffer(Offer offer) {
    return new SessionAction(Kind.POST_OFFER, TradeMessage.Kind.DSO_REQUEST, offer.encode());
  }

  /** The trade message this action sends. */
  TradeMessage toMessage() {
    return new TradeMessage(message, data);
  }

  static void writeAll(BytesOut out, List<SessionAction> actions) {
    out.u8(actions.size());
    for (SessionAction a : actions) {
      out.u8(a.kind.ordinal()).u8(a.message.ordinal()).var(a.data);
    }
  }

  static List<SessionAction> readAll(BytesIn in) throws RegistryException {
    int n = in.u8();
    if (n > SessionCodec.MAX_ACTIONS) {
      throw new RegistryException(RegistryError.MALFORMED, n + " actions");
    }
    List<SessionAction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Kind k = enumAt(Kind.values(), in.u8());
      TradeMessage.Kind m = enumAt(TradeMessage.Kind.values(), in.u8());
      byte[] data = in.var(TradeMessage.MAX_BODY);
      out.add(new SessionAction(k, m, data));
    }
    return List.copyOf(out);
  }

  private static <E> E enumAt(E[] values, int ordinal) throws RegistryException {
    if (ordinal >= values.length) {
      throw new RegistryException(RegistryError.UNKNOWN_KIND, "kind " + ordinal);
    }
    return values[ordinal];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionAction a && a.kind == kind && a.message == message && java.util.Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, message, java.util.Arrays.hashCode(data));
  }

  /** Kind and size only: the data may hold a secret. */
  @Override
  public String toString() {
    return "SessionAction{" + kind + ", " + message + ", " + data.length + " bytes}";
  }
}
