package org.priwatt.node.rpc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An allowed client range ({@code -rpcallowip}): a single address or {@code address/prefix}
 * (IPv4 or IPv6). Immutable.
 */
public final class Subnet {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Subnet(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code 1.2.3.4}, {@code 1.2.3.0/24}, {@code ::1} or {@code fe80::/10}; only literal
   * addresses, never a host name (no DNS look-up).
   *
   * @throws IllegalArgumentException if it is none of these
   */
  public static Subnet parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    if (!addr.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("not an IP address or subnet: " + text);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress(); // a literal: no resolution happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or subnet: " + text, e);
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text, e);
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
    }
    return new Subnet(mask(bytes, prefix), prefix, text);
  }

  private static byte[] mask(byte[] a, int prefix) {
    byte[] m = a.clone();
    for (int i = 0; i < m.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      m[i] &= (byte) (0xff << (8 - bits));
    }
    return m;
  }

  /** Whether {@code address} is in this range (IPv4-mapped IPv6 addresses match IPv4 ranges). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
      a = java.util.Arrays.copyOfRange(a, 12, 16);
    }
    return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  @Override
  public String toString() {
    return text;
  }
}
