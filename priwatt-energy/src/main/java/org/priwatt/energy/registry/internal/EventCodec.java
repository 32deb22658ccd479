package org.priwatt.energy.registry.internal;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.EscrowLock;
import org.priwatt.energy.registry.PartLock;
import org.priwatt.energy.registry.RegistryEvent;
import org.priwatt.script.EscrowKeys;

/**
 * The write-ahead-log encoding of {@link RegistryEvent}s (big-endian): {@code type(1) ‖ time(8) ‖
 * fields}; changes of an entry start {@code requestId(16) ‖ entryId(32)}; injections are {@code
 * key(33) ‖ msgAddress(u8 text) ‖ mWh(8) ‖ timestamp(8)}, locks {@code lockId(16) ‖ escrow(105) ‖
 * price(8) ‖ fee(8) ‖ lockedAt(8) ‖ expiry(8)}, channel locks {@code channelId(16) ‖ server(33) ‖
 * client(33) ‖ refundHeight(8) ‖ capacity(8) ‖ lockedAt(8) ‖ fundingDeadline(8) ‖ expiryHeight(8)}, outputs {@code txid(32) ‖ vout(4)}, secrets 32 raw
 * bytes. Records are read back only from the DSO's own log, but are still decoded with bounds.
 */
public final class EventCodec implements Codec<RegistryEvent> {
  /** The codec. */
  public static final EventCodec INSTANCE = new EventCodec();

  private static final int INJECTED = 1;
  private static final int LOCKED = 2;
  private static final int UNLOCKED = 3;
  private static final int RENEWED = 4;
  private static final int TRANSFERRED = 5;
  private static final int SPLIT = 6;
  private static final int DECIDED = 7;
  private static final int CHANNEL_LOCKED = 8;
  private static final int CHANNEL_TRANSFERRED = 9;
  private static final int MAX_RELEASE = 16 * 1024;

  private EventCodec() {}

  @Override
  public ByteOrder order() {
    return ByteOrder.BIG_ENDIAN;
  }

  @Override
  public int maxSize() {
    return 64 * 1024;
  }

  @Override
  public void encode(RegistryEvent event, ByteWriter out) {
    if (event instanceof RegistryEvent.Injected e) {
      out.u8(INJECTED).i64(e.time());
      injection(out, e.injection());
      Fields.secret(out, e.lambda());
      Fields.secret(out, e.lockSecret());
    } else if (event instanceof RegistryEvent.Locked e) {
      head(out, LOCKED, e.time(), e.request(), e.entry());
      lock(out, e.lock());
    } else if (event instanceof RegistryEvent.Unlocked e) {
      head(out, UNLOCKED, e.time(), e.request(), e.entry());
    } else if (event instanceof RegistryEvent.Renewed e) {
      head(out, RENEWED, e.time(), e.request(), e.entry());
      Fields.secret(out, e.newLockSecret());
    } else if (event instanceof RegistryEvent.Transferred e) {
      head(out, TRANSFERRED, e.time(), e.request(), e.entry());
      out.bytes(e.lock().toBytes());
      Fields.outPoint(out, e.funding());
      Fields.bytes(out, LengthPrefix.U16, e.release());
      injection(out, e.buyer());
      Fields.secret(out, e.buyerLambda());
      Fields.secret(out, e.buyerLockSecret());
    } else if (event instanceof RegistryEvent.Split e) {
      head(out, SPLIT, e.time(), e.request(), e.entry());
      out.u8(e.shares().size());
      for (int i = 0; i < e.shares().size(); i++) {
        Fields.secret(out, e.ownershipSecrets().get(i));
        Fields.secret(out, e.lockSecrets().get(i));
        out.i64(e.shares().get(i).milliwattHours());
      }
    } else if (event instanceof RegistryEvent.ChannelLocked e) {
      head(out, CHANNEL_LOCKED, e.time(), e.request(), e.entry());
      PartLockCodec.write(out, e.lock());
      out.u8(e.shares().size());
      for (int i = 0; i < e.shares().size(); i++) {
        Fields.secret(out, e.ownershipSecrets().get(i));
        Fields.secret(out, e.lockSecrets().get(i));
        out.i64(e.shares().get(i).milliwattHours());
      }
    } else if (event instanceof RegistryEvent.ChannelTransferred e) {
      head(out, CHANNEL_TRANSFERRED, e.time(), e.request(), e.entry());
      injection(out, e.client());
      Fields.secret(out, e.clientLambda());
      Fields.secret(out, e.clientLockSecret());
    } else if (event instanceof RegistryEvent.Decided e) {
      head(out, DECIDED, e.time(), e.request(), e.entry());
      out.bytes(e.lock().toBytes());
      Fields.outPoint(out, e.funding());
      out.u16(e.buyerShareBasisPoints()).bool(e.freezes());
    }
  }

  private static void head(ByteWriter out, int type, long time, RequestId request, EntryId entry) {
    out.u8(type).i64(time).bytes(request.toBytes()).bytes(entry.toBytes());
  }

  private static void injection(ByteWriter out, EnergyInjection i) {
    Fields.key(out, i.ownerKey());
    Fields.address(out, i.msgAddress());
    out.i64(i.energy().milliwattHours()).i64(i.timestamp());
  }

  private static void lock(ByteWriter out, EscrowLock l) {
    EscrowTerms t = l.terms();
    out.bytes(t.lock().toBytes());
    Fields.escrow(out, t.escrow());
    out.i64(t.price().sat()).i64(t.fee().sat()).i64(l.lockedAt()).i64(l.expiry());
  }

  @Override
  public RegistryEvent decode(ByteReader in) throws DecodeException {
    int typeAt = in.position();
    int type = in.u8();
    long time = Fields.nonNegative(in, "event time");
    if (type == INJECTED) {
      EnergyInjection i = injection(in);
      EnergySecret lambda = Fields.secret(in);
      return new RegistryEvent.Injected(time, i, lambda, Fields.secret(in));
    }
    if (type < LOCKED || type > CHANNEL_TRANSFERRED) {
      throw new DecodeException(DecodeError.UNKNOWN_TYPE, typeAt, "event type " + type);
    }
    RequestId request = Fields.requestId(in);
    EntryId entry = Fields.entry(in);
    switch (type) {
      case LOCKED -> {
        return new RegistryEvent.Locked(time, request, entry, lock(in, entry));
      }
      case UNLOCKED -> {
        return new RegistryEvent.Unlocked(time, request, entry);
      }
      case RENEWED -> {
        return new RegistryEvent.Renewed(time, request, entry, Fields.secret(in));
      }
      case TRANSFERRED -> {
        LockId lock = Fields.lockId(in);
        var funding = Fields.outPoint(in);
        var release = Fields.bytes(in, LengthPrefix.U16, MAX_RELEASE);
        EnergyInjection buyer = injection(in);
        EnergySecret lambda = Fields.secret(in);
        return new RegistryEvent.Transferred(time, request, entry, lock, funding, release, buyer, lambda,
            Fields.secret(in));
      }
      case SPLIT -> {
        int at = in.position();
        int n = in.u8();
        if (n < 2 || n > DsoRegistry.MAX_SPLIT) {
          throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, at, n + " split parts");
        }
        List<EnergySecret> lambdas = new ArrayList<>(n);
        List<EnergySecret> zs = new ArrayList<>(n);
        List<EnergyAmount> shares = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          lambdas.add(Fields.secret(in));
          zs.add(Fields.secret(in));
          shares.add(Fields.energy(in, "split share"));
        }
        return new RegistryEvent.Split(time, request, entry, lambdas, zs, shares);
      }
      case CHANNEL_LOCKED -> {
        PartLock lock = PartLockCodec.read(in);
        int at = in.position();
        int n = in.u8();
        if (n < 1 || n > DsoRegistry.MAX_SPLIT) {
          throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, at, n + " channel parts");
        }
        List<EnergySecret> lambdas = new ArrayList<>(n);
        List<EnergySecret> zs = new ArrayList<>(n);
        List<EnergyAmount> shares = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          lambdas.add(Fields.secret(in));
          zs.add(Fields.secret(in));
          shares.add(Fields.energy(in, "channel part"));
        }
        return new RegistryEvent.ChannelLocked(time, request, entry, lock, lambdas, zs, shares);
      }
      case CHANNEL_TRANSFERRED -> {
        EnergyInjection client = injection(in);
        EnergySecret lambda = Fields.secret(in);
        return new RegistryEvent.ChannelTransferred(time, request, entry, client, lambda, Fields.secret(in));
      }
      default -> {
        LockId lock = Fields.lockId(in);
        var funding = Fields.outPoint(in);
        int at = in.position();
        int share = in.u16();
        if (share > 10_000) {
          throw new DecodeException(DecodeError.MALFORMED, at, "share " + share);
        }
        return new RegistryEvent.Decided(time, request, entry, lock, funding, share, in.bool());
      }
    }
  }

  private static EnergyInjection injection(ByteReader in) throws DecodeException {
    var key = Fields.key(in);
    var msg = Fields.address(in);
    EnergyAmount e = Fields.energy(in, "injection energy");
    return new EnergyInjection(key, msg, e, Fields.nonNegative(in, "injection time"));
  }

  private static EscrowLock lock(ByteReader in, EntryId entry) throws DecodeException {
    LockId id = Fields.lockId(in);
    EscrowKeys escrow = Fields.escrow(in);
    int at = in.position();
    Amount price = Fields.money(in, "price");
    Amount fee = Fields.moneyOrZero(in, "fee");
    long lockedAt = Fields.nonNegative(in, "lock time");
    long expiry = Fields.nonNegative(in, "lock expiry");
    if (!EscrowTerms.isPayable(price, fee) || expiry < lockedAt) {
      throw new DecodeException(DecodeError.MALFORMED, at, "lock terms");
    }
    return new EscrowLock(new EscrowTerms(entry, id, escrow, price, fee), lockedAt, expiry);
  }
}
