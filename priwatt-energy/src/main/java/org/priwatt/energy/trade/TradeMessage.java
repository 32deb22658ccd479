package org.priwatt.energy.trade;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.msg.MessageContent;
import org.priwatt.script.EscrowKeys;

/**
 * One message of the Case 1 protocol, as carried in a Bitmessage msg: a sealed family, one record
 * per kind between seller and buyer (messages to and from the DSO are the registry's, {@link
 * org.priwatt.energy.registry.RegistryMessages}). The msg subject names the kind ({@code
 * priwatt/v2/<kind>}), the body is the hex of {@code kind(1) ‖ fields} (big-endian, see each
 * record; the kind byte must agree with the subject). DSO requests and replies carry the
 * registry's encodings. Immutable, with value equality; {@code toString} never shows a secret.
 */
public sealed interface TradeMessage {
  /** Largest body accepted, in bytes. */
  int MAX_BODY = 1024;
  /** The codec of the bodies. */
  Codec<TradeMessage> CODEC = new BodyCodec();

  /**
   * Buyer to seller: I want this entry; here is my escrow key and the price I pay. Body: {@code
   * entry(32) ‖ key(33) ‖ price(8)}.
   *
   * @param entry the entry offered
   * @param buyerKey the buyer's fresh escrow key
   * @param price the total price she pays
   */
  record Buy(EntryId entry, EcPublicKey buyerKey, Amount price) implements TradeMessage {
    /** Validates non-null fields. */
    public Buy {
      Objects.requireNonNull(entry, "entry");
      buyerKey = Objects.requireNonNull(buyerKey, "buyerKey").withCompression(true);
      Objects.requireNonNull(price, "price");
    }
  }

  /**
   * Seller to buyer: the entry is locked to these escrow terms until {@code expiry}. Body: {@code
   * entry(32) ‖ lockId(16) ‖ escrow(105) ‖ price(8) ‖ fee(8) ‖ expiry(8)}.
   *
   * @param terms the escrow terms the DSO granted
   * @param expiry the lock's expiry on the DSO's clock
   */
  record Escrow(EscrowTerms terms, long expiry) implements TradeMessage {
    /** Validates non-null fields. */
    public Escrow {
      Objects.requireNonNull(terms, "terms");
    }
  }

  /**
   * Buyer to seller: I paid. Body: {@code entry(32) ‖ lockId(16) ‖ outPoint(36)}.
   *
   * @param entry the entry
   * @param lock the lock the payment commits to
   * @param funding the funding output
   */
  record Paid(EntryId entry, LockId lock, OutPoint funding) implements TradeMessage {
    /** Validates non-null fields. */
    public Paid {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
    }
  }

  /**
   * Seller to buyer: the ownership secret bλ. Body: {@code entry(32) ‖ λ(32)}.
   *
   * @param entry the entry
   * @param lambda bλ
   */
  record Secret(EntryId entry, EnergySecret lambda) implements TradeMessage {
    /** Validates non-null fields. */
    public Secret {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(lambda, "lambda");
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Secret[entry=" + entry + "]";
    }
  }

  /** The subject naming this message's kind. */
  default String subject() {
    return "priwatt/v2/" + BodyCodec.kindOf(this).name().toLowerCase(Locale.ROOT);
  }

  /** As msg content. */
  default MessageContent toContent() {
    byte[] body = CODEC.encode(this);
    try {
      return MessageContent.simple(subject(), Hex.encode(body));
    } finally {
      java.util.Arrays.fill(body, (byte) 0);
    }
  }

  /**
   * Parses msg content: empty if it is not a PriWatt trade message at all (another application's
   * message), else the message.
   *
   * @throws EnergyException if it claims to be one but does not decode
   */
  static Optional<TradeMessage> fromContent(MessageContent content) throws EnergyException {
    Optional<BodyCodec.Kind> kind = BodyCodec.kindOfSubject(content.subject());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (content.body().length() > 2 * MAX_BODY) {
      throw new EnergyException(org.priwatt.energy.EnergyError.OVERSIZED, content.subject() + " body of "
          + content.body().length() + " characters");
    }
    byte[] body;
    try {
      body = Hex.decode(content.body());
    } catch (IllegalArgumentException e) {
      throw new EnergyException(org.priwatt.energy.EnergyError.MALFORMED, content.subject() + " body is not hex");
    }
    try {
      TradeMessage m = CODEC.decodeFully(body);
      if (BodyCodec.kindOf(m) != kind.get()) {
        throw new EnergyException(org.priwatt.energy.EnergyError.MALFORMED, content.subject() + " carries a "
            + BodyCodec.kindOf(m));
      }
      return Optional.of(m);
    } catch (DecodeException e) {
      throw EnergyException.decoding(content.subject(), e);
    } finally {
      java.util.Arrays.fill(body, (byte) 0);
    }
  }

  /** The body codec: {@code kind(1) ‖ fields}. */
  final class BodyCodec implements Codec<TradeMessage> {
    /** The kinds, named in subjects. */
    enum Kind {
      BUY, ESCROW, PAID, SECRET
    }

    private BodyCodec() {}

    static Kind kindOf(TradeMessage m) {
      if (m instanceof Buy) {
        return Kind.BUY;
      } else if (m instanceof Escrow) {
        return Kind.ESCROW;
      } else if (m instanceof Paid) {
        return Kind.PAID;
      }
      return Kind.SECRET;
    }

    static Optional<Kind> kindOfSubject(String subject) {
      for (Kind k : Kind.values()) {
        if (subject.equals("priwatt/v2/" + k.name().toLowerCase(Locale.ROOT))) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }

    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return MAX_BODY;
    }

    @Override
    public void encode(TradeMessage m, ByteWriter out) {
      out.u8(kindOf(m).ordinal() + 1);
      if (m instanceof Buy b) {
        out.bytes(b.entry().toBytes());
        Fields.key(out, b.buyerKey());
        out.i64(b.price().sat());
      } else if (m instanceof Escrow e) {
        EscrowTerms.CODEC.encode(e.terms(), out);
        out.i64(e.expiry());
      } else if (m instanceof Paid p) {
        out.bytes(p.entry().toBytes()).bytes(p.lock().toBytes());
        Fields.outPoint(out, p.funding());
      } else if (m instanceof Secret s) {
        out.bytes(s.entry().toBytes());
        Fields.secret(out, s.lambda());
      }
    }

    @Override
    public TradeMessage decode(ByteReader in) throws DecodeException {
      int k = in.u8();
      if (k < 1 || k > Kind.values().length) {
        throw new DecodeException(DecodeError.UNKNOWN_TYPE, 0, "trade message kind " + k);
      }
      switch (Kind.values()[k - 1]) {
        case BUY -> {
          EntryId entry = Fields.entry(in);
          EcPublicKey key = Fields.key(in);
          return new Buy(entry, key, Fields.money(in, "price"));
        }
        case ESCROW -> {
          EscrowTerms terms = EscrowTerms.CODEC.decode(in);
          return new Escrow(terms, Fields.nonNegative(in, "expiry"));
        }
        case PAID -> {
          EntryId entry = Fields.entry(in);
          LockId lock = Fields.lockId(in);
          return new Paid(entry, lock, Fields.outPoint(in));
        }
        default -> {
          EntryId entry = Fields.entry(in);
          return new Secret(entry, Fields.secret(in));
        }
      }
    }
  }
}
