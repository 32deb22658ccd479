package org.priwatt.energy;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.MessageContent;

/**
 * One message of the Case 1 protocol as carried in a Bitmessage msg: the subject names the kind
 * ({@code priwatt/<kind>}), the body is the hex of the kind's bytes. DSO requests and replies
 * carry {@link RegistryRequest} / {@link RegistryReply} encodings; trade messages between seller
 * and buyer carry {@code entryId(32) ‖ data}, where data is the buyer's 33-byte escrow key and
 * 8-byte price (BUY), the redeem script (ESCROW), the funding txid (PAID), bλ (SECRET) or a
 * serialized half-signed transaction (RELEASE). Immutable.
 *
 * @param kind what the message is
 * @param body the raw body bytes
 */
public record TradeMessage(Kind kind, byte[] body) {
  /** Largest body accepted. */
  public static final int MAX_BODY = 32 * 1024;

  /** Message kinds with their subjects. */
  public enum Kind {
    /** A request to the DSO registry. */
    DSO_REQUEST,
    /** The DSO's reply, or its notice of secrets issued for an injection. */
    DSO_REPLY,
    /** Buyer to seller: I want this entry, here is my escrow key and the price I pay. */
    BUY,
    /** Seller to buyer: the entry is locked, here is the escrow redeem script. */
    ESCROW,
    /** Buyer to seller: I paid, here is the funding txid. */
    PAID,
    /** Seller to buyer: the ownership secret bλ. */
    SECRET,
    /** Buyer to seller: the half-signed release of the escrow to the seller. */
    RELEASE;

    /** The msg subject of this kind. */
    public String subject() {
      return "priwatt/" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates and copies. */
  public TradeMessage {
    Objects.requireNonNull(kind, "kind");
    body = body.clone();
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("body too long");
    }
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** As msg content. */
  public MessageContent toContent() {
    return MessageContent.simple(kind.subject(), Hex.encode(body));
  }

  /** Parses msg content; empty if it is not a well-formed PriWatt trade message. */
  public static Optional<TradeMessage> fromContent(MessageContent content) {
    if (content.body().length() > 2 * MAX_BODY) {
      return Optional.empty();
    }
    for (Kind k : Kind.values()) {
      if (k.subject().equals(content.subject())) {
        try {
          return Optional.of(new TradeMessage(k, Hex.decode(content.body())));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Shows the kind and size only (bodies may hold secrets). */
  @Override
  public String toString() {
    return "TradeMessage{" + kind + ", " + body.length + " bytes}";
  }
}
