package org.priwatt.energy.trade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.RegistryRequest;

/**
 * One side effect a {@link DurableSession}'s transition performs after the new state is durable:
 * a message to the counterpart or the DSO (from the session's or the shared identity), a
 * transaction for the ledger, or the offer for the board. The snapshot keeps the last
 * transition's actions and a resumed session performs them again; every action is idempotent at
 * its receiver (sessions ignore messages their state does not expect or answer a repeat with the
 * same reply, the ledger answers a known transaction with DUPLICATE, the DSO refuses a repeated
 * request id as REPLAYED). Public and generic over the counterpart's message type because the
 * Case 1 trade sessions ({@link TradeMessage}) and the Case 2 channel sessions (the channel
 * module's messages) keep the same outbox; each snapshot format numbers the kinds its own way
 * ({@link Format}).
 *
 * @param <M> the type of the messages exchanged with the counterpart
 */
public sealed interface SessionAction<M> {
  /** Most actions one transition leaves to perform. */
  int MAX_ACTIONS = 4;
  /** Longest encoded action data a snapshot may hold. */
  int MAX_DATA = 16 * 1024;

  /**
   * A message to the counterpart, from the session identity.
   *
   * @param message the message
   * @param <M> the counterpart's message type
   */
  record ToPeer<M>(M message) implements SessionAction<M> {
    /** Checks the message is present. */
    public ToPeer {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A registry request to the DSO.
   *
   * @param request the request
   * @param fromShared whether it is sent from the identity shared with the counterpart (Case 1
   *     sellers) rather than the session identity
   * @param <M> the counterpart's message type
   */
  record ToDso<M>(RegistryRequest request, boolean fromShared) implements SessionAction<M> {
    /** Checks the request is present. */
    public ToDso {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * A transaction for the ledger.
   *
   * @param transaction the serialized transaction
   * @param <M> the counterpart's message type
   */
  record Broadcast<M>(ByteString transaction) implements SessionAction<M> {
    /** Checks the transaction is present. */
    public Broadcast {
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /**
   * The offer for the auction board.
   *
   * @param offer the offer
   * @param <M> the counterpart's message type
   */
  record PostOffer<M>(Offer offer) implements SessionAction<M> {
    /** Checks the offer is present. */
    public PostOffer {
      Objects.requireNonNull(offer, "offer");
    }
  }

  /**
   * How one snapshot format encodes an outbox: {@code count(1, ≤ 4) ‖ (kind(1) ‖ data(u16))*},
   * the data in the message's, request's, transaction's or offer's own encoding. Transactions are
   * kind 3 and offers kind 4 in every format; the kinds of messages to the counterpart and to the
   * DSO are the format's own (the formats predate this shared type and stay byte for byte).
   * Immutable.
   *
   * @param <M> the counterpart's message type
   */
  final class Format<M> {
    private static final int BROADCAST = 3;
    private static final int POST_OFFER = 4;
    private final Codec<M> messages;
    private final int peerKind;
    private final int dsoKind;
    private final int sharedDsoKind;

    private Format(Codec<M> messages, int peerKind, int dsoKind, int sharedDsoKind) {
      this.messages = Objects.requireNonNull(messages, "messages");
      this.peerKind = peerKind;
      this.dsoKind = dsoKind;
      this.sharedDsoKind = sharedDsoKind;
    }

    /**
     * A format.
     *
     * @param messages the counterpart's message codec
     * @param peerKind the kind byte of {@link ToPeer}
     * @param dsoKind the kind byte of {@link ToDso} from the session identity
     * @param sharedDsoKind the kind byte of {@link ToDso} from the shared identity, or -1 if the
     *     format has no shared identity
     * @throws IllegalArgumentException if a kind is out of 0..255, taken by transactions (3) or
     *     offers (4), or used twice
     */
    public static <M> Format<M> of(Codec<M> messages, int peerKind, int dsoKind, int sharedDsoKind) {
      List<Integer> kinds = new ArrayList<>(List.of(BROADCAST, POST_OFFER, peerKind, dsoKind));
      if (sharedDsoKind != -1) {
        kinds.add(sharedDsoKind);
      }
      if (kinds.stream().anyMatch(k -> k < 0 || k > 255) || kinds.stream().distinct().count() != kinds.size()) {
        throw new IllegalArgumentException("action kinds must be distinct bytes other than 3 and 4");
      }
      return new Format<>(messages, peerKind, dsoKind, sharedDsoKind);
    }

    /**
     * Writes {@code actions}; temporary copies of their data are cleared.
     *
     * @throws IllegalArgumentException if a {@link ToDso} is from the shared identity in a format
     *     without one
     */
    public void write(ByteWriter out, List<SessionAction<M>> actions) {
      out.u8(actions.size());
      for (SessionAction<M> a : actions) {
        byte[] data;
        int kind;
        if (a instanceof ToPeer<M> p) {
          kind = peerKind;
          data = messages.encode(p.message());
        } else if (a instanceof ToDso<M> d) {
          if (d.fromShared() && sharedDsoKind < 0) {
            throw new IllegalArgumentException("this format has no shared identity");
          }
          kind = d.fromShared() ? sharedDsoKind : dsoKind;
          data = d.request().encode();
        } else if (a instanceof Broadcast<M> b) {
          kind = BROADCAST;
          data = b.transaction().toByteArray();
        } else {
          kind = POST_OFFER;
          data = ((PostOffer<M>) a).offer().encode();
        }
        out.u8(kind).varBytes(LengthPrefix.U16, data);
        Arrays.fill(data, (byte) 0);
      }
    }

    /**
     * Reads what {@link #write} writes; an offer is checked against {@code dsoKey} like any offer.
     *
     * @throws DecodeException if the input is short, holds too many actions, an unknown kind, or
     *     data that does not decode
     */
    public List<SessionAction<M>> read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
      int n = in.count(LengthPrefix.U8, MAX_ACTIONS, 3);
      List<SessionAction<M>> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int at = in.position();
        int kind = in.u8();
        byte[] data = in.varBytes(LengthPrefix.U16, MAX_DATA);
        try {
          if (kind == peerKind) {
            out.add(new ToPeer<>(messages.decodeFully(data)));
          } else if (kind == dsoKind || kind == sharedDsoKind) {
            out.add(new ToDso<>(RegistryRequest.CODEC.decodeFully(data), kind == sharedDsoKind));
          } else if (kind == BROADCAST) {
            out.add(new Broadcast<>(ByteString.of(data)));
          } else if (kind == POST_OFFER) {
            out.add(new PostOffer<>(Snapshots.offer(data, dsoKey, at)));
          } else {
            throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, "action kind " + kind);
          }
        } finally {
          Arrays.fill(data, (byte) 0);
        }
      }
      return List.copyOf(out);
    }
  }
}
