package org.priwatt.node;

import java.util.List;
import java.util.Objects;

/**
 * The node's network state as {@code getnetworkinfo} reports it. Immutable snapshot.
 *
 * @param protocolVersion the protocol version spoken
 * @param subversion the user agent
 * @param services the service bits announced
 * @param listening whether inbound connections are accepted
 * @param localAddress the bound P2P address (host:port), empty if not listening
 * @param connections connected peers
 * @param inbound of which inbound
 * @param outbound of which outbound
 * @param proxy the SOCKS5 proxy (host:port), empty if none
 * @param banned addresses currently banned
 * @param addedNodes the manual peers (connect/addnode) the node keeps connected to
 * @param knownAddresses addresses in the address book
 */
public record NetworkInfo(int protocolVersion, String subversion, long services, boolean listening,
    String localAddress, int connections, int inbound, int outbound, String proxy, int banned,
    List<String> addedNodes, int knownAddresses) {
  /** Copies the list. */
  public NetworkInfo {
    Objects.requireNonNull(subversion, "subversion");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(proxy, "proxy");
    addedNodes = List.copyOf(addedNodes);
  }
}
