package org.priwatt.energy.trade;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.market.Offer;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;

/**
 * The pieces of the trade sessions' snapshot format, version 2 (big-endian):
 *
 * <pre>
 * magic "PWSS" ‖ version 0x02 ‖ role (1 seller, 2 buyer) ‖ identity ‖ key ‖ role fields ‖ handled ‖ outbox
 * identity   = signing priv(32) ‖ encryption priv(32) ‖ stream(8) ‖ pow trials(8) ‖ pow extra(8)
 * key        = priv(32)
 * secrets    = λ(32) ‖ z(32) ‖ certificate(145)
 * optional x = present(1) ‖ x
 * handled    = count(1, ≤ 16) ‖ inventory hash(32) each
 * outbox     = count(1, ≤ 4) ‖ kind(1) ‖ data(u16) each
 * </pre>
 *
 * Decoding is bounded by the snapshot and every failure is a typed {@link DecodeException}, which
 * the sessions report as an {@link EnergyException}. Snapshots hold private keys and secrets:
 * callers zero the byte arrays when done.
 */
final class Snapshots {
  /** Role byte of a seller snapshot. */
  static final int SELLER = 1;
  /** Role byte of a buyer snapshot. */
  static final int BUYER = 2;
  /** Most recently handled messages remembered, so a resumed session does not act on one twice. */
  static final int MAX_HANDLED = 16;
  private static final byte[] MAGIC = {'P', 'W', 'S', 'S'};
  private static final int VERSION = 2;

  private Snapshots() {}

  static ByteWriter header(int role) {
    return ByteWriter.of(ByteOrder.BIG_ENDIAN, 1024).bytes(MAGIC).u8(VERSION).u8(role);
  }

  /** Checks magic, version and role; returns a reader positioned after them. */
  static ByteReader open(byte[] snapshot, int role) throws DecodeException {
    ByteReader in = ByteReader.bigEndian(snapshot);
    if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 0, "not a PriWatt session snapshot");
    }
    int version = in.u8();
    if (version != VERSION) {
      throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 4, "snapshot version " + version);
    }
    int at = in.position();
    int r = in.u8();
    if (r != role) {
      throw new DecodeException(DecodeError.MALFORMED, at, "snapshot of role " + r + ", expected " + role);
    }
    return in;
  }

  /** The session identity's field (delegates to the shared {@link Fields#privateIdentity}; named as the format above). */
  static void identity(ByteWriter out, Identity id) {
    Fields.privateIdentity(out, id);
  }

  /** The transaction key's field (delegates to the shared {@link Fields#privateKey}). */
  static void key(ByteWriter out, EcKey key) {
    Fields.privateKey(out, key);
  }

  static Offer offer(byte[] bytes, EcPublicKey dsoKey, int at) throws DecodeException {
    return Offer.read(bytes, at, dsoKey);
  }

  static void offer(ByteWriter out, Offer o) {
    out.varBytes(LengthPrefix.U16, o.encode());
  }

  static Offer offer(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    return Offer.read(in, dsoKey);
  }

  static void handled(ByteWriter out, List<InventoryHash> handled) {
    DurableSession.writeHandled(out, handled);
  }

  static List<InventoryHash> handled(ByteReader in) throws DecodeException {
    return DurableSession.readHandled(in, MAX_HANDLED);
  }

  static void failure(ByteWriter out, Optional<TradeFailure> failure) {
    out.u8(failure.map(f -> f.ordinal() + 1).orElse(0));
  }

  static Optional<TradeFailure> failure(ByteReader in) throws DecodeException {
    int at = in.position();
    int f = in.u8();
    if (f > TradeFailure.values().length) {
      throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, "failure " + f);
    }
    return f == 0 ? Optional.empty() : Optional.of(TradeFailure.values()[f - 1]);
  }
}
