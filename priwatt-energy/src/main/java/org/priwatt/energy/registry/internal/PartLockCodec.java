package org.priwatt.energy.registry.internal;

import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.registry.PartLock;
import org.priwatt.script.ChannelScript;

/**
 * The wire and journal form of a channel's {@link PartLock}: one encoding shared by the registry's
 * replies and its write-ahead log, kept beside the registry so the shared field codecs in
 * {@code energy.internal} need not know registry types.
 */
public final class PartLockCodec {
  private PartLockCodec() {}

  /** {@code channelId(16) ‖ server(33) ‖ client(33) ‖ refundHeight(8) ‖ capacity(8) ‖ lockedAt(8) ‖ fundingDeadline(8) ‖ expiryHeight(8)}. */
  public static void write(ByteWriter out, PartLock l) {
    out.bytes(l.channel().toBytes());
    Fields.key(out, l.script().server());
    Fields.key(out, l.script().client());
    out.i64(l.script().refundHeight()).i64(l.capacity().sat()).i64(l.lockedAt()).i64(l.fundingDeadline())
        .i64(l.expiryHeight());
  }

  /** Reads what {@link #write(ByteWriter, PartLock)} writes, under the lock's own rules. */
  public static PartLock read(ByteReader in) throws DecodeException {
    int at = in.position();
    ChannelId channel = Fields.channelId(in);
    EcPublicKey server = Fields.key(in);
    EcPublicKey client = Fields.key(in);
    long refund = Fields.height(in, "refund height");
    Amount capacity = Fields.money(in, "capacity");
    long lockedAt = Fields.nonNegative(in, "lock time");
    long deadline = Fields.nonNegative(in, "funding deadline");
    long expiry = Fields.height(in, "expiry height");
    try {
      return new PartLock(channel, ChannelScript.of(server, client, refund), capacity, lockedAt, deadline, expiry);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "channel lock: " + e.getMessage());
    }
  }
}
