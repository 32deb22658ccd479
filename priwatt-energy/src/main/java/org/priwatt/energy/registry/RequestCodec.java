package org.priwatt.energy.registry;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.internal.Signing;
import org.priwatt.energy.registry.RegistryRequest.ChannelLock;
import org.priwatt.energy.registry.RegistryRequest.ChannelTransfer;
import org.priwatt.energy.registry.RegistryRequest.Dispute;
import org.priwatt.energy.registry.RegistryRequest.Lock;
import org.priwatt.energy.registry.RegistryRequest.Renew;
import org.priwatt.energy.registry.RegistryRequest.Split;
import org.priwatt.energy.registry.RegistryRequest.Testify;
import org.priwatt.energy.registry.RegistryRequest.TestifyChannel;
import org.priwatt.energy.registry.RegistryRequest.Transfer;
import org.priwatt.energy.registry.RegistryRequest.Unlock;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;

/**
 * The codec of {@link RegistryRequest} and the bytes its MACs and signatures cover. Kind codes
 * are fixed and never reused. Stateless.
 */
final class RequestCodec implements Codec<RegistryRequest> {
  static final String SIGNATURE_DOMAIN = "PriWatt DSO request v2 signature";
  private static final byte[] MAC_DOMAIN = "PriWatt DSO request v2".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final int TESTIFY = 1;
  private static final int LOCK = 2;
  private static final int UNLOCK = 3;
  private static final int RENEW = 4;
  private static final int SPLIT = 5;
  private static final int TRANSFER = 6;
  private static final int DISPUTE = 7;
  private static final int CHANNEL_LOCK = 8;
  private static final int TESTIFY_CHANNEL = 9;
  private static final int CHANNEL_TRANSFER = 10;

  RequestCodec() {}

  @Override
  public ByteOrder order() {
    return ByteOrder.BIG_ENDIAN;
  }

  @Override
  public int maxSize() {
    return RegistryRequest.MAX_ENCODED;
  }

  /** The bytes a MAC or signature covers: the domain and the encoding without authentication. */
  static byte[] signedBytes(RegistryRequest r) {
    ByteWriter w = ByteWriter.bigEndian().bytes(MAC_DOMAIN);
    body(r, w);
    return w.toByteArray();
  }

  @Override
  public void encode(RegistryRequest r, ByteWriter out) {
    body(r, out);
    if (r instanceof Lock l) {
      out.bytes(l.mac().toByteArray());
    } else if (r instanceof Unlock u) {
      out.bytes(u.mac().toByteArray());
    } else if (r instanceof Renew n) {
      out.bytes(n.mac().toByteArray());
    } else if (r instanceof Split s) {
      out.bytes(s.mac().toByteArray());
    } else if (r instanceof Transfer t) {
      out.bytes(t.mac().toByteArray()).bytes(t.signature().toByteArray());
    } else if (r instanceof Dispute d) {
      out.bytes(d.signature().toByteArray());
    } else if (r instanceof ChannelLock c) {
      out.bytes(c.mac().toByteArray());
    } else if (r instanceof ChannelTransfer c) {
      out.bytes(c.mac().toByteArray()).bytes(c.signature().toByteArray());
    }
  }

  /** Everything up to the authentication fields, which an unsigned request leaves empty. */
  private static void body(RegistryRequest r, ByteWriter out) {
    out.u8(VERSION).u8(kindOf(r)).bytes(r.id().toBytes()).bytes(r.entry().toBytes()).i64(r.timestamp());
    if (r instanceof Testify t) {
      Fields.key(out, t.owner());
      out.i64(t.minimum().milliwattHours()).bool(t.escrow().isPresent());
      t.escrow().ifPresent(e -> Fields.escrow(out, e));
    } else if (r instanceof Lock l) {
      out.i64(l.sequence());
      Fields.escrow(out, l.escrow());
      out.i64(l.price().sat()).i64(l.fee().sat());
    } else if (r instanceof Unlock u) {
      out.i64(u.sequence());
    } else if (r instanceof Renew n) {
      out.i64(n.sequence());
    } else if (r instanceof Split s) {
      out.i64(s.sequence()).u16(s.parts());
    } else if (r instanceof Transfer t) {
      out.bytes(t.lock().toBytes());
      Fields.outPoint(out, t.funding());
      Fields.address(out, t.buyerMsg());
      Fields.bytes(out, LengthPrefix.U8, t.releaseSignature());
    } else if (r instanceof Dispute d) {
      out.bytes(d.lock().toBytes());
      Fields.outPoint(out, d.funding());
      out.u8(d.party().ordinal()).utf8(LengthPrefix.U16, d.evidence());
    } else if (r instanceof ChannelLock c) {
      out.i64(c.sequence()).bytes(c.channel().toBytes());
      Fields.key(out, c.script().server());
      Fields.key(out, c.script().client());
      out.i64(c.script().refundHeight()).i64(c.capacity().sat()).u16(c.parts()).i64(c.expiryHeight());
    } else if (r instanceof TestifyChannel t) {
      out.bytes(t.channel().toBytes());
      Fields.key(out, t.client());
    } else if (r instanceof ChannelTransfer c) {
      out.bytes(c.channel().toBytes());
      Fields.address(out, c.clientMsg());
    }
  }

  private static int kindOf(RegistryRequest r) {
    if (r instanceof Testify) {
      return TESTIFY;
    } else if (r instanceof Lock) {
      return LOCK;
    } else if (r instanceof Unlock) {
      return UNLOCK;
    } else if (r instanceof Renew) {
      return RENEW;
    } else if (r instanceof Split) {
      return SPLIT;
    } else if (r instanceof Transfer) {
      return TRANSFER;
    } else if (r instanceof Dispute) {
      return DISPUTE;
    } else if (r instanceof ChannelLock) {
      return CHANNEL_LOCK;
    } else if (r instanceof TestifyChannel) {
      return TESTIFY_CHANNEL;
    }
    return CHANNEL_TRANSFER;
  }

  @Override
  public RegistryRequest decode(ByteReader in) throws DecodeException {
    if (in.u8() != VERSION) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 0, "registry request version");
    }
    int kindAt = in.position();
    int kind = in.u8();
    RequestId id = Fields.requestId(in);
    EntryId entry = Fields.entry(in);
    long ts = Fields.nonNegative(in, "timestamp");
    switch (kind) {
      case TESTIFY -> {
        EcPublicKey owner = Fields.key(in);
        EnergyAmount min = EnergyAmount.ofMilliwattHours(in.i64InRange(0, EnergyLimits.MAX_ENTRY_MWH,
            "minimum energy"));
        Optional<EscrowKeys> escrow = in.bool() ? Optional.of(Fields.escrow(in)) : Optional.empty();
        return new Testify(id, entry, ts, owner, min, escrow);
      }
      case LOCK -> {
        long seq = sequence(in);
        EscrowKeys escrow = Fields.escrow(in);
        Amount price = Fields.money(in, "price");
        Amount fee = Fields.moneyOrZero(in, "fee");
        return new Lock(id, entry, ts, seq, escrow, price, fee, mac(in));
      }
      case UNLOCK -> {
        long seq = sequence(in);
        return new Unlock(id, entry, ts, seq, mac(in));
      }
      case RENEW -> {
        long seq = sequence(in);
        return new Renew(id, entry, ts, seq, mac(in));
      }
      case SPLIT -> {
        long seq = sequence(in);
        int at = in.position();
        int parts = in.u16();
        if (parts < 2 || parts > DsoRegistry.MAX_SPLIT) {
          throw new DecodeException(DecodeError.MALFORMED, at, "split into " + parts);
        }
        return new Split(id, entry, ts, seq, parts, mac(in));
      }
      case TRANSFER -> {
        LockId lock = Fields.lockId(in);
        OutPoint funding = Fields.outPoint(in);
        BitmessageAddress msg = Fields.address(in);
        ByteString release = Fields.bytes(in, LengthPrefix.U8, Transfer.MAX_RELEASE_SIGNATURE);
        ByteString mac = mac(in);
        return new Transfer(id, entry, ts, lock, funding, msg, release, mac, Fields.signature(in));
      }
      case DISPUTE -> {
        LockId lock = Fields.lockId(in);
        OutPoint funding = Fields.outPoint(in);
        DisputePolicy.Party party = Fields.constant(in, DisputePolicy.Party.values(), "party");
        String evidence = in.utf8(LengthPrefix.U16, RegistryRequest.MAX_EVIDENCE);
        return new Dispute(id, entry, ts, lock, funding, party, evidence, Fields.signature(in));
      }
      case CHANNEL_LOCK -> {
        long seq = sequence(in);
        int at = in.position();
        ChannelId channel = Fields.channelId(in);
        EcPublicKey server = Fields.key(in);
        EcPublicKey client = Fields.key(in);
        long refund = Fields.height(in, "refund height");
        Amount capacity = Fields.money(in, "capacity");
        int partsAt = in.position();
        int parts = in.u16();
        if (parts < 1 || parts > DsoRegistry.MAX_SPLIT) {
          throw new DecodeException(DecodeError.MALFORMED, partsAt, "channel of " + parts + " parts");
        }
        long expiry = Fields.height(in, "expiry height");
        ChannelScript script;
        try {
          script = ChannelScript.of(server, client, refund);
        } catch (IllegalArgumentException e) {
          throw new DecodeException(DecodeError.MALFORMED, at, "channel: " + e.getMessage());
        }
        return new ChannelLock(id, entry, ts, seq, channel, script, capacity, parts, expiry, mac(in));
      }
      case TESTIFY_CHANNEL -> {
        ChannelId channel = Fields.channelId(in);
        return new TestifyChannel(id, entry, ts, channel, Fields.key(in));
      }
      case CHANNEL_TRANSFER -> {
        ChannelId channel = Fields.channelId(in);
        BitmessageAddress msg = Fields.address(in);
        ByteString mac = mac(in);
        return new ChannelTransfer(id, entry, ts, channel, msg, mac, Fields.signature(in));
      }
      default -> throw new DecodeException(DecodeError.UNKNOWN_TYPE, kindAt, "registry request kind " + kind);
    }
  }

  private static long sequence(ByteReader in) throws DecodeException {
    return in.i64InRange(0, Long.MAX_VALUE, "sequence");
  }

  private static ByteString mac(ByteReader in) throws DecodeException {
    return ByteString.of(in.bytes(32));
  }

  /** Whether {@code mac} verifies under {@code secret} for {@code r}; constant time. */
  static boolean verifyMac(RegistryRequest r, ByteString mac, EnergySecret secret) {
    return mac.length() == 32 && MessageDigest.isEqual(secret.mac(signedBytes(r)), mac.toByteArray());
  }

  /** Whether {@code signature} is {@code key}'s signature of {@code r}. */
  static boolean verifySignature(RegistryRequest r, ByteString signature, EcPublicKey key) {
    return Signing.verify(key, SIGNATURE_DOMAIN, signedBytes(r), signature.toByteArray());
  }
}
