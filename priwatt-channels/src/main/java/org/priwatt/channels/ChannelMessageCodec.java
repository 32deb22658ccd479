package org.priwatt.channels;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.priwatt.channels.ChannelMessage.Accept;
import org.priwatt.channels.ChannelMessage.Close;
import org.priwatt.channels.ChannelMessage.Funded;
import org.priwatt.channels.ChannelMessage.Open;
import org.priwatt.channels.ChannelMessage.Part;
import org.priwatt.channels.ChannelMessage.Pay;
import org.priwatt.channels.ChannelMessage.Secret;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ChannelId;

/**
 * The body codec of {@link ChannelMessage}: {@code kind(1) ‖ channelId(16) ‖ fields}, kind codes
 * fixed and never reused. Amounts are within the money supply (prices positive), energy within
 * the SDK's bound, heights block heights, counts and increments within their ranges. Stateless.
 */
final class ChannelMessageCodec implements Codec<ChannelMessage> {
  static final String SUBJECT_PREFIX = "priwatt/ch1/";

  /** The kinds, named in subjects; the code is the ordinal plus one. */
  enum Kind {
    OPEN, ACCEPT, FUNDED, PAY, SECRET, CLOSE
  }

  static Kind kindOf(ChannelMessage m) {
    if (m instanceof Open) {
      return Kind.OPEN;
    } else if (m instanceof Accept) {
      return Kind.ACCEPT;
    } else if (m instanceof Funded) {
      return Kind.FUNDED;
    } else if (m instanceof Pay) {
      return Kind.PAY;
    } else if (m instanceof Secret) {
      return Kind.SECRET;
    }
    return Kind.CLOSE;
  }

  static Optional<Kind> kindOfSubject(String subject) {
    if (!subject.startsWith(SUBJECT_PREFIX)) {
      return Optional.empty();
    }
    for (Kind k : Kind.values()) {
      if (subject.equals(SUBJECT_PREFIX + k.name().toLowerCase(Locale.ROOT))) {
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
    return ChannelMessage.MAX_BODY;
  }

  @Override
  public void encode(ChannelMessage m, ByteWriter out) {
    out.u8(kindOf(m).ordinal() + 1).bytes(m.channel().toBytes());
    if (m instanceof Open o) {
      out.bytes(o.entry().toBytes());
      Fields.key(out, o.clientKey());
      out.u16(o.increments()).i64(o.incrementPrice().sat()).i64(o.capacity().sat()).i64(o.fee().sat())
          .i64(o.refundHeight());
    } else if (m instanceof Accept a) {
      Fields.key(out, a.serverKey());
      out.i64(a.lockExpiry()).u8(a.parts().size());
      for (Part p : a.parts()) {
        out.bytes(p.entry().toBytes()).i64(p.energy().milliwattHours());
      }
    } else if (m instanceof Funded f) {
      Fields.outPoint(out, f.funding());
    } else if (m instanceof Pay p) {
      out.u16(p.increment());
      Fields.outPoint(out, p.funding());
      out.i64(p.serverAmount().sat()).varBytes(LengthPrefix.U8, p.signature());
    } else if (m instanceof Secret s) {
      out.u16(s.increment());
      Fields.secret(out, s.lambda());
    }
  }

  @Override
  public ChannelMessage decode(ByteReader in) throws DecodeException {
    int k = in.u8();
    if (k < 1 || k > Kind.values().length) {
      throw new DecodeException(DecodeError.UNKNOWN_TYPE, 0, "channel message kind " + k);
    }
    ChannelId channel = Fields.channelId(in);
    switch (Kind.values()[k - 1]) {
      case OPEN -> {
        var entry = Fields.entry(in);
        var key = Fields.key(in);
        int increments = in.u16();
        var price = Fields.money(in, "increment price");
        var capacity = Fields.money(in, "capacity");
        var fee = Fields.moneyOrZero(in, "fee");
        return new Open(channel, entry, key, increments, price, capacity, fee, Fields.height(in, "refund height"));
      }
      case ACCEPT -> {
        var key = Fields.key(in);
        long expiry = Fields.height(in, "lock expiry");
        int at = in.position();
        int n = in.count(LengthPrefix.U8, ChannelTerms.MAX_INCREMENTS, 40);
        if (n == 0) {
          throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, at, "an ACCEPT without parts");
        }
        List<Part> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          var entry = Fields.entry(in);
          parts.add(new Part(entry, Fields.energy(in, "part energy")));
        }
        return new Accept(channel, key, expiry, parts);
      }
      case FUNDED -> {
        return new Funded(channel, Fields.outPoint(in));
      }
      case PAY -> {
        int n = in.u16();
        var funding = Fields.outPoint(in);
        var amount = Fields.moneyOrZero(in, "server amount");
        return new Pay(channel, n, funding, amount, in.varBytes(LengthPrefix.U8, ChannelMessage.MAX_SIGNATURE));
      }
      case SECRET -> {
        int n = in.u16();
        return new Secret(channel, n, Fields.secret(in));
      }
      default -> {
        return new Close(channel);
      }
    }
  }
}
