package org.priwatt.energy.trade;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.RegistryRequest;

/**
 * One side effect a session's transition performs after the new state is durable: a message to
 * the counterpart or the DSO (from the session's or the shared identity), a transaction for the
 * ledger, or the offer for the board. The snapshot keeps the last transition's actions and a
 * resumed session performs them again; every action is idempotent at its receiver (sessions
 * ignore messages their state does not expect, the ledger answers a known transaction with
 * DUPLICATE, the DSO refuses a repeated request id as REPLAYED). Encoded as {@code kind(1) ‖
 * data(u16)} with the data in the message's, request's, transaction's or offer's own encoding.
 */
sealed interface SessionAction {
  /** Most actions one transition leaves to perform. */
  int MAX_ACTIONS = 4;

  /** A trade message to the counterpart, from the session identity. */
  record ToPeer(TradeMessage message) implements SessionAction {
    public ToPeer {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A registry request to the DSO, from the session identity or the identity shared with the counterpart. */
  record ToDso(RegistryRequest request, boolean fromShared) implements SessionAction {
    public ToDso {
      Objects.requireNonNull(request, "request");
    }
  }

  /** A transaction for the ledger. */
  record Broadcast(ByteString transaction) implements SessionAction {
    public Broadcast {
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /** The offer for the auction board. */
  record PostOffer(Offer offer) implements SessionAction {
    public PostOffer {
      Objects.requireNonNull(offer, "offer");
    }
  }

  static void writeAll(ByteWriter out, List<SessionAction> actions) {
    out.u8(actions.size());
    for (SessionAction a : actions) {
      byte[] data;
      int kind;
      if (a instanceof ToPeer p) {
        kind = 0;
        data = TradeMessage.CODEC.encode(p.message());
      } else if (a instanceof ToDso d) {
        kind = d.fromShared() ? 2 : 1;
        data = d.request().encode();
      } else if (a instanceof Broadcast b) {
        kind = 3;
        data = b.transaction().toByteArray();
      } else {
        kind = 4;
        data = ((PostOffer) a).offer().encode();
      }
      out.u8(kind).varBytes(LengthPrefix.U16, data);
      java.util.Arrays.fill(data, (byte) 0);
    }
  }

  /** Reads the actions; offers are checked against {@code dsoKey} like any offer. */
  static List<SessionAction> readAll(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int n = in.count(LengthPrefix.U8, MAX_ACTIONS, 3);
    List<SessionAction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int kind = in.u8();
      byte[] data = in.varBytes(LengthPrefix.U16, 16 * 1024);
      try {
        out.add(switch (kind) {
          case 0 -> new ToPeer(TradeMessage.CODEC.decodeFully(data));
          case 1, 2 -> new ToDso(RegistryRequest.CODEC.decodeFully(data), kind == 2);
          case 3 -> new Broadcast(ByteString.of(data));
          case 4 -> new PostOffer(Snapshots.offer(data, dsoKey, at));
          default -> throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, "action kind " + kind);
        });
      } finally {
        java.util.Arrays.fill(data, (byte) 0);
      }
    }
    return List.copyOf(out);
  }
}
