package org.priwatt.energy.registry;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.registry.RegistryReply.ChannelTestimony;
import org.priwatt.energy.registry.RegistryReply.Decision;
import org.priwatt.energy.registry.RegistryReply.Issued;
import org.priwatt.energy.registry.RegistryReply.LockGranted;
import org.priwatt.energy.registry.RegistryReply.LockView;
import org.priwatt.energy.registry.RegistryReply.PartView;
import org.priwatt.energy.registry.RegistryReply.Refused;
import org.priwatt.energy.registry.RegistryReply.Release;
import org.priwatt.energy.registry.RegistryReply.Testimony;
import org.priwatt.energy.registry.RegistryReply.Transferred;
import org.priwatt.energy.registry.RegistryReply.Unlocked;
import org.priwatt.energy.registry.internal.PartLockCodec;

/**
 * The codec of {@link RegistryReply}: {@code version(1)=2 ‖ kind(1) ‖ requestId(16) ‖ fields}.
 * Refused: {@code code(1) ‖ detail(u16 UTF-8)}; Issued: {@code count(1) ‖ count × (λ(32) ‖ z(32) ‖
 * certificate(145))}; LockGranted: {@code lockId(16) ‖ lockedAt(8) ‖ expiry(8)}; Unlocked: nothing;
 * Testimony: {@code holds(1) ‖ status(1, 0 unknown else ordinal+1) ‖ hasLock(1) ‖ [lockId ‖
 * price(8) ‖ fee(8) ‖ expiry(8) ‖ confirmations(2)]}; Transferred: {@code secrets ‖ releaseTxid(32)};
 * Decision: {@code lockId ‖ outPoint(36) ‖ share(2) ‖ signature(u8)}; Release: {@code lockId ‖
 * transaction(u16)}; ChannelTestimony: {@code holds(1) ‖ hasLock(1) ‖ [channel lock (see the event log) ‖
 * count(1) ‖ count × (entryId(32) ‖ mWh(8) ‖ status(1, ordinal))]}. Stateless.
 */
final class ReplyCodec implements Codec<RegistryReply> {
  private static final int VERSION = 2;
  private static final int REFUSED = 1;
  private static final int ISSUED = 2;
  private static final int LOCK_GRANTED = 3;
  private static final int UNLOCKED = 4;
  private static final int TESTIMONY = 5;
  private static final int TRANSFERRED = 6;
  private static final int DECISION = 7;
  private static final int RELEASE = 8;
  private static final int CHANNEL_TESTIMONY = 9;
  private static final int MAX_DETAIL_BYTES = 4 * Refused.MAX_DETAIL;
  private static final int MAX_SIGNATURE = 73;

  @Override
  public ByteOrder order() {
    return ByteOrder.BIG_ENDIAN;
  }

  @Override
  public int maxSize() {
    return RegistryReply.MAX_ENCODED;
  }

  @Override
  public void encode(RegistryReply r, ByteWriter out) {
    out.u8(VERSION).u8(kindOf(r)).bytes(r.request().toBytes());
    if (r instanceof Refused f) {
      out.u8(f.error().code()).utf8(LengthPrefix.U16, f.detail());
    } else if (r instanceof Issued i) {
      out.u8(i.secrets().size());
      i.secrets().forEach(s -> writeSecrets(out, s));
    } else if (r instanceof LockGranted g) {
      out.bytes(g.lock().toBytes()).i64(g.lockedAt()).i64(g.expiry());
    } else if (r instanceof Testimony t) {
      out.bool(t.holds()).u8(t.status().map(s -> s.ordinal() + 1).orElse(0)).bool(t.lock().isPresent());
      t.lock().ifPresent(l -> out.bytes(l.lock().toBytes()).i64(l.price().sat()).i64(l.fee().sat()).i64(l.expiry())
          .u16(l.confirmations()));
    } else if (r instanceof Transferred t) {
      writeSecrets(out, t.secrets());
      out.bytes(t.release().toBytes());
    } else if (r instanceof Decision d) {
      out.bytes(d.lock().toBytes());
      Fields.outPoint(out, d.funding());
      out.u16(d.buyerShareBasisPoints());
      Fields.bytes(out, LengthPrefix.U8, d.dsoSignature());
    } else if (r instanceof Release x) {
      out.bytes(x.lock().toBytes());
      Fields.bytes(out, LengthPrefix.U16, x.transaction());
    } else if (r instanceof ChannelTestimony c) {
      out.bool(c.holds()).bool(c.lock().isPresent());
      if (c.lock().isPresent()) {
        PartLockCodec.write(out, c.lock().get());
        out.u8(c.parts().size());
        for (PartView p : c.parts()) {
          out.bytes(p.entry().toBytes()).i64(p.energy().milliwattHours()).u8(p.status().ordinal());
        }
      }
    }
  }

  private static int kindOf(RegistryReply r) {
    if (r instanceof Refused) {
      return REFUSED;
    } else if (r instanceof Issued) {
      return ISSUED;
    } else if (r instanceof LockGranted) {
      return LOCK_GRANTED;
    } else if (r instanceof Unlocked) {
      return UNLOCKED;
    } else if (r instanceof Testimony) {
      return TESTIMONY;
    } else if (r instanceof Transferred) {
      return TRANSFERRED;
    } else if (r instanceof Decision) {
      return DECISION;
    } else if (r instanceof Release) {
      return RELEASE;
    }
    return CHANNEL_TESTIMONY;
  }

  /** λ, z and the certificate; the secrets' temporary copies are cleared. */
  static void writeSecrets(ByteWriter out, IssuedSecrets s) {
    Fields.secret(out, s.ownership());
    Fields.secret(out, s.lock());
    EntryCertificate.CODEC.encode(s.certificate(), out);
  }

  static IssuedSecrets readSecrets(ByteReader in) throws DecodeException {
    int at = in.position();
    EnergySecret lambda = Fields.secret(in);
    EnergySecret z = Fields.secret(in);
    EntryCertificate c = EntryCertificate.CODEC.decode(in);
    if (!c.entry().equals(lambda.entryId())) {
      throw new DecodeException(DecodeError.MALFORMED, at, "certificate names another entry");
    }
    return new IssuedSecrets(lambda, z, c);
  }

  @Override
  public RegistryReply decode(ByteReader in) throws DecodeException {
    if (in.u8() != VERSION) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 0, "registry reply version");
    }
    int kindAt = in.position();
    int kind = in.u8();
    RequestId request = Fields.requestId(in);
    switch (kind) {
      case REFUSED -> {
        int at = in.position();
        int code = in.u8();
        RegistryError e = RegistryError.fromCode(code)
            .orElseThrow(() -> new DecodeException(DecodeError.UNKNOWN_TYPE, at, "refusal code " + code));
        return new Refused(request, e, in.utf8(LengthPrefix.U16, MAX_DETAIL_BYTES));
      }
      case ISSUED -> {
        int at = in.position();
        int n = in.u8();
        if (n < 1 || n > RegistryReply.MAX_SECRETS) {
          throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, at, n + " secrets");
        }
        List<IssuedSecrets> secrets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          secrets.add(readSecrets(in));
        }
        return new Issued(request, secrets);
      }
      case LOCK_GRANTED -> {
        var lock = Fields.lockId(in);
        long at = Fields.nonNegative(in, "lock time");
        long expiry = Fields.nonNegative(in, "lock expiry");
        if (expiry < at) {
          throw new DecodeException(DecodeError.MALFORMED, in.position(), "expiry before lock time");
        }
        return new LockGranted(request, lock, at, expiry);
      }
      case UNLOCKED -> {
        return new Unlocked(request);
      }
      case TESTIMONY -> {
        boolean holds = in.bool();
        int at = in.position();
        int st = in.u8();
        if (st > EntryStatus.values().length) {
          throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, "entry status " + st);
        }
        Optional<EntryStatus> status = st == 0 ? Optional.empty() : Optional.of(EntryStatus.values()[st - 1]);
        Optional<LockView> lock = Optional.empty();
        if (in.bool()) {
          var id = Fields.lockId(in);
          var price = Fields.money(in, "price");
          var fee = Fields.moneyOrZero(in, "fee");
          long expiry = Fields.nonNegative(in, "expiry");
          lock = Optional.of(new LockView(id, price, fee, expiry, in.u16()));
        }
        return new Testimony(request, holds, status, lock);
      }
      case TRANSFERRED -> {
        IssuedSecrets s = readSecrets(in);
        return new Transferred(request, s, TxId.fromBytes(in.bytes(32)));
      }
      case DECISION -> {
        var lock = Fields.lockId(in);
        var funding = Fields.outPoint(in);
        int at = in.position();
        int share = in.u16();
        if (share > 10_000) {
          throw new DecodeException(DecodeError.MALFORMED, at, "share " + share);
        }
        return new Decision(request, lock, funding, share, Fields.bytes(in, LengthPrefix.U8, MAX_SIGNATURE));
      }
      case RELEASE -> {
        var lock = Fields.lockId(in);
        return new Release(request, lock, Fields.bytes(in, LengthPrefix.U16, RegistryReply.MAX_ENCODED));
      }
      case CHANNEL_TESTIMONY -> {
        boolean holds = in.bool();
        if (!in.bool()) {
          return new ChannelTestimony(request, holds, Optional.empty(), List.of());
        }
        PartLock lock = PartLockCodec.read(in);
        int n = in.count(LengthPrefix.U8, RegistryReply.MAX_SECRETS, 41);
        if (n == 0) {
          throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, in.position() - 1, "a channel lock without parts");
        }
        List<PartView> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          var entry = Fields.entry(in);
          var energy = Fields.energy(in, "part energy");
          parts.add(new PartView(entry, energy, Fields.constant(in, EntryStatus.values(), "part status")));
        }
        return new ChannelTestimony(request, holds, Optional.of(lock), parts);
      }
      default -> throw new DecodeException(DecodeError.UNKNOWN_TYPE, kindAt, "registry reply kind " + kind);
    }
  }
}
