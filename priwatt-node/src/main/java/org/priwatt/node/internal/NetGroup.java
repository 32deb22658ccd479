package org.priwatt.node.internal;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The network group of an address for outbound diversity (paper R9, Bitcoin Core's {@code
 * GetGroup}): the /16 of an IPv4 address, the /32 of an IPv6 address. Loopback addresses are
 * each their own group, so a local testnet can open several outbound links on 127.0.0.1.
 */
final class NetGroup {
  private NetGroup() {}

  /** The group key of {@code address}, or null if it is exempt (loopback). */
  static String of(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return null;
    }
    byte[] raw = address.getAddress();
    if (raw.length == 4) {
      return "v4:" + (raw[0] & 0xff) + "." + (raw[1] & 0xff);
    }
    return "v6:" + Arrays.toString(Arrays.copyOf(raw, 4));
  }
}
