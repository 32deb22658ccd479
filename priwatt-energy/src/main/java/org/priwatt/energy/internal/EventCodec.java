package org.priwatt.energy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyInjection;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.EscrowLock;
import org.priwatt.energy.EscrowScripts;
import org.priwatt.energy.RegistryError;
import org.priwatt.energy.RegistryEvent;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.RegistryException;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.MessageException;
import org.priwatt.script.Script;

/**
 * The write-ahead-log encoding of {@link RegistryEvent}s: {@code type(1) ‖ time(8) ‖ fields}, with
 * injections as {@code key(33) ‖ msgAddress(var text) ‖ mWh(8) ‖ timestamp(8)}, locks as {@code
 * redeemScript(var) ‖ price sat(8)} and secrets as 32 raw bytes.
 */
public final class EventCodec {
  private static final int INJECTED = 1;
  private static final int LOCKED = 2;
  private static final int UNLOCKED = 3;
  private static final int RENEWED = 4;
  private static final int TRANSFERRED = 5;
  private static final int SPLIT = 6;
  private static final int DISPUTE = 7;

  private EventCodec() {}

  /** Encodes one event. */
  public static byte[] encode(RegistryEvent event) {
    BytesOut out = new BytesOut();
    if (event instanceof RegistryEvent.Injected e) {
      out.u8(INJECTED).i64(e.time());
      injection(out, e.injection());
      secret(out, e.lockSecret());
    } else if (event instanceof RegistryEvent.Locked e) {
      head(out, LOCKED, e.time(), e.request(), e.entry());
      out.var(e.lock().redeemScript().program()).i64(e.lock().price().sat());
    } else if (event instanceof RegistryEvent.Unlocked e) {
      head(out, UNLOCKED, e.time(), e.request(), e.entry());
    } else if (event instanceof RegistryEvent.Renewed e) {
      head(out, RENEWED, e.time(), e.request(), e.entry());
      secret(out, e.newLockSecret());
    } else if (event instanceof RegistryEvent.Transferred e) {
      head(out, TRANSFERRED, e.time(), e.request(), e.entry());
      injection(out, e.buyer());
      secret(out, e.buyerLockSecret());
    } else if (event instanceof RegistryEvent.Split e) {
      head(out, SPLIT, e.time(), e.request(), e.entry());
      out.u8(e.shares().size());
      for (int i = 0; i < e.shares().size(); i++) {
        secret(out, e.ownershipSecrets().get(i));
        secret(out, e.lockSecrets().get(i));
        out.i64(e.shares().get(i).milliwattHours());
      }
    } else if (event instanceof RegistryEvent.DisputeResolved e) {
      head(out, DISPUTE, e.time(), e.request(), e.entry());
      out.i32(e.buyerShareBasisPoints());
    } else {
      throw new IllegalArgumentException("unknown event " + event.getClass());
    }
    return out.toByteArray();
  }

  private static void head(BytesOut out, int type, long time, RequestId request, EntryId entry) {
    out.u8(type).i64(time).raw(request.toBytes()).raw(entry.toBytes());
  }

  private static void injection(BytesOut out, EnergyInjection i) {
    out.raw(i.ownerKey().compressedEncoding()).text(i.msgAddress().toString()).i64(i.energy().milliwattHours())
        .i64(i.timestamp());
  }

  private static void secret(BytesOut out, EnergySecret s) {
    byte[] b = s.copyBytes();
    out.raw(b);
    Arrays.fill(b, (byte) 0);
  }

  /**
   * Decodes one event.
   *
   * @throws RegistryException {@link RegistryError#TRUNCATED}, {@link RegistryError#MALFORMED} or
   *     {@link RegistryError#UNKNOWN_KIND}
   */
  public static RegistryEvent decode(byte[] bytes) throws RegistryException {
    BytesIn in = new BytesIn(bytes);
    int type = in.u8();
    long time = in.i64();
    RegistryEvent event;
    if (type == INJECTED) {
      event = new RegistryEvent.Injected(time, injection(in), secret(in));
    } else if (type < INJECTED || type > DISPUTE) {
      throw new RegistryException(RegistryError.UNKNOWN_KIND, "event type " + type);
    } else {
      RequestId request = RequestId.fromBytes(in.raw(RequestId.LENGTH));
      EntryId entry = EntryId.fromBytes(in.raw(EntryId.LENGTH));
      event = switch (type) {
        case LOCKED -> new RegistryEvent.Locked(time, request, entry, lock(in));
        case UNLOCKED -> new RegistryEvent.Unlocked(time, request, entry);
        case RENEWED -> new RegistryEvent.Renewed(time, request, entry, secret(in));
        case TRANSFERRED -> new RegistryEvent.Transferred(time, request, entry, injection(in), secret(in));
        case SPLIT -> split(in, time, request, entry);
        default -> dispute(in, time, request, entry);
      };
    }
    in.end();
    return event;
  }

  private static RegistryEvent split(BytesIn in, long time, RequestId request, EntryId entry) throws RegistryException {
    int n = in.u8();
    List<EnergySecret> l = new ArrayList<>(n);
    List<EnergySecret> z = new ArrayList<>(n);
    List<EnergyAmount> e = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(secret(in));
      z.add(secret(in));
      e.add(energy(in));
    }
    return new RegistryEvent.Split(time, request, entry, l, z, e);
  }

  private static RegistryEvent dispute(BytesIn in, long time, RequestId request, EntryId entry) throws RegistryException {
    int share = in.i32();
    try {
      return new RegistryEvent.DisputeResolved(time, request, entry, share);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.MALFORMED, e.getMessage());
    }
  }

  private static EscrowLock lock(BytesIn in) throws RegistryException {
    Script redeem = Script.fromBytes(in.var(EscrowScripts.REDEEM_SCRIPT_LENGTH));
    long sat = in.i64();
    if (!Amount.isValid(sat) || sat == 0 || EscrowScripts.parse(redeem).isEmpty()) {
      throw new RegistryException(RegistryError.MALFORMED, "bad escrow lock");
    }
    return new EscrowLock(redeem, Amount.ofSat(sat));
  }

  private static EnergyInjection injection(BytesIn in) throws RegistryException {
    try {
      EcPublicKey key = EcPublicKey.decode(in.raw(33));
      BitmessageAddress addr = BitmessageAddress.parse(in.text(BitmessageAddress.MAX_TEXT_LENGTH));
      EnergyAmount e = energy(in);
      long ts = in.i64();
      if (ts < 0) {
        throw new RegistryException(RegistryError.MALFORMED, "negative timestamp");
      }
      return new EnergyInjection(key, addr, e, ts);
    } catch (CryptoException | MessageException e) {
      throw new RegistryException(RegistryError.MALFORMED, "bad injection: " + e.getMessage());
    }
  }

  private static EnergyAmount energy(BytesIn in) throws RegistryException {
    long mwh = in.i64();
    if (mwh <= 0) {
      throw new RegistryException(RegistryError.MALFORMED, "non-positive energy");
    }
    return EnergyAmount.ofMilliwattHours(mwh);
  }

  private static EnergySecret secret(BytesIn in) throws RegistryException {
    byte[] b = in.raw(EnergySecret.LENGTH);
    try {
      return EnergySecret.of(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }
}
