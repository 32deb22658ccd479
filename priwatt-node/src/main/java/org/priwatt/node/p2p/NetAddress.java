package org.priwatt.node.p2p;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * A peer's network address as Bitcoin's {@code net_addr} without a time (version messages) :
 * services (uint64, little-endian), the IPv6 address in 16 bytes (IPv4 as {@code ::ffff:a.b.c.d})
 * and the port, big-endian. An IPv4-mapped address decodes to an {@link Inet4Address}, so every
 * encoding has one value and every value one encoding.
 *
 * @param services the service bits the peer claims
 * @param address the IP address (never a host name; no lookup happens)
 * @param port 0..65535
 */
public record NetAddress(long services, InetAddress address, int port) {
  /** Encoded size, bytes. */
  public static final int SIZE = 26;
  /** The codec: {@value #SIZE} bytes. */
  public static final Codec<NetAddress> CODEC = new AddressCodec();

  /**
   * Validates the port.
   *
   * @throws IllegalArgumentException if the port is outside 0..65535
   */
  public NetAddress {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port " + port);
    }
  }

  /** The address of {@code socket} with {@code services}; an unresolved socket address is 0.0.0.0. */
  public static NetAddress of(long services, InetSocketAddress socket) {
    InetAddress ip = socket.getAddress();
    return new NetAddress(services, ip == null ? anyV4() : ip, socket.getPort());
  }

  /** The unspecified address 0.0.0.0:0 with no services (Core sends it as addr_from). */
  public static NetAddress unspecified() {
    return new NetAddress(0, anyV4(), 0);
  }

  private static InetAddress anyV4() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 bytes are an IPv4 address", e);
    }
  }

  /** The socket address (IP and port). */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** The 16-byte IPv6 form of the address (IPv4 mapped into {@code ::ffff:0:0/96}). */
  public byte[] ipv6Bytes() {
    byte[] raw = address.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + ":" + port;
  }

  static void encodeIpAndPort(NetAddress a, ByteWriter out) {
    out.bytes(a.ipv6Bytes()).u8(a.port >>> 8).u8(a.port & 0xff);
  }

  static NetAddress decodeIpAndPort(long services, ByteReader in) throws DecodeException {
    byte[] ip = in.bytes(16);
    int port = in.u8() << 8 | in.u8();
    try {
      // 16 bytes never trigger a lookup; an IPv4-mapped address comes back as Inet4Address.
      return new NetAddress(services, InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError("16 bytes are an IPv6 address", e);
    }
  }

  private static final class AddressCodec implements Codec<NetAddress> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int maxSize() {
      return SIZE;
    }

    @Override
    public void encode(NetAddress a, ByteWriter out) {
      out.i64(a.services);
      encodeIpAndPort(a, out);
    }

    @Override
    public NetAddress decode(ByteReader in) throws DecodeException {
      return decodeIpAndPort(in.i64(), in);
    }
  }
}
