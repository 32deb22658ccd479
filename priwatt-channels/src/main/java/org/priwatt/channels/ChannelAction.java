package org.priwatt.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.RegistryRequest;

/**
 * One side effect a channel session's transition performs after the new state is durable: a
 * message to the counterpart or the DSO, a transaction for the ledger, or the offer for the
 * board. The snapshot keeps the last transition's actions and a resumed session performs them
 * again; each is idempotent at its receiver (a session answers a repeated message it already
 * handled with the same reply or ignores it, the ledger answers a known transaction with
 * DUPLICATE, the DSO refuses a repeated request id as REPLAYED). Encoded as {@code kind(1) ‖
 * data(u16)} with the data in the message's, request's, transaction's or offer's own encoding.
 */
sealed interface ChannelAction {
  /** Most actions one transition leaves to perform. */
  int MAX_ACTIONS = 4;
  /** Longest action data. */
  int MAX_DATA = 16 * 1024;

  /** A channel message to the counterpart. */
  record ToPeer(ChannelMessage message) implements ChannelAction {
    public ToPeer {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A registry request to the DSO. */
  record ToDso(RegistryRequest request) implements ChannelAction {
    public ToDso {
      Objects.requireNonNull(request, "request");
    }
  }

  /** A transaction for the ledger. */
  record Broadcast(ByteString transaction) implements ChannelAction {
    public Broadcast {
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /** The offer for the auction board. */
  record PostOffer(Offer offer) implements ChannelAction {
    public PostOffer {
      Objects.requireNonNull(offer, "offer");
    }
  }

  static void writeAll(ByteWriter out, List<ChannelAction> actions) {
    out.u8(actions.size());
    for (ChannelAction a : actions) {
      byte[] data;
      int kind;
      if (a instanceof ToPeer p) {
        kind = 1;
        data = ChannelMessage.CODEC.encode(p.message());
      } else if (a instanceof ToDso d) {
        kind = 2;
        data = d.request().encode();
      } else if (a instanceof Broadcast b) {
        kind = 3;
        data = b.transaction().toByteArray();
      } else {
        kind = 4;
        data = ((PostOffer) a).offer().encode();
      }
      out.u8(kind).varBytes(LengthPrefix.U16, data);
      Arrays.fill(data, (byte) 0);
    }
  }

  /** Reads the actions; an offer is checked against {@code dsoKey} like any offer. */
  static List<ChannelAction> readAll(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int n = in.count(LengthPrefix.U8, MAX_ACTIONS, 3);
    List<ChannelAction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int kind = in.u8();
      byte[] data = in.varBytes(LengthPrefix.U16, MAX_DATA);
      try {
        out.add(switch (kind) {
          case 1 -> new ToPeer(ChannelMessage.CODEC.decodeFully(data));
          case 2 -> new ToDso(RegistryRequest.CODEC.decodeFully(data));
          case 3 -> new Broadcast(ByteString.of(data));
          case 4 -> new PostOffer(offer(data, dsoKey, at));
          default -> throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, "action kind " + kind);
        });
      } finally {
        Arrays.fill(data, (byte) 0);
      }
    }
    return List.copyOf(out);
  }

  /** An offer read from a snapshot, checked like any offer. */
  static Offer offer(byte[] bytes, EcPublicKey dsoKey, int at) throws DecodeException {
    try {
      return Offer.decode(bytes, dsoKey);
    } catch (EnergyException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "offer: " + e.getMessage());
    }
  }
}
