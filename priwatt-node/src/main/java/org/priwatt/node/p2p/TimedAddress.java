package org.priwatt.node.p2p;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * One entry of an {@code addr} message: the time the address was last seen (uint32 seconds)
 * followed by a {@link NetAddress}, 30 bytes.
 *
 * @param time seconds since the Unix epoch, 0..2^32-1
 * @param address the address
 */
public record TimedAddress(long time, NetAddress address) {
  /** Encoded size, bytes. */
  public static final int SIZE = 30;
  /** The codec: {@value #SIZE} bytes. */
  public static final Codec<TimedAddress> CODEC = new TimedCodec();

  /**
   * Validates the time.
   *
   * @throws IllegalArgumentException if the time is not a uint32
   */
  public TimedAddress {
    Objects.requireNonNull(address, "address");
    if (time < 0 || time > 0xffff_ffffL) {
      throw new IllegalArgumentException("time " + time);
    }
  }

  private static final class TimedCodec implements Codec<TimedAddress> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int maxSize() {
      return SIZE;
    }

    @Override
    public void encode(TimedAddress a, ByteWriter out) {
      out.u32(a.time);
      NetAddress.CODEC.encode(a.address, out);
    }

    @Override
    public TimedAddress decode(ByteReader in) throws DecodeException {
      return new TimedAddress(in.u32(), NetAddress.CODEC.decode(in));
    }
  }
}
