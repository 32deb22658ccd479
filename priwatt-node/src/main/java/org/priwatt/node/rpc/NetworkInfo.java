package org.priwatt.node.rpc;

import java.util.List;
import java.util.Objects;

/**
 * The node's own network state as the node reports it ({@code Node.networkInfo()}) and
 * {@code getnetworkinfo} shows it (the connection counts come
 * from {@link NetworkAccess#peers()}, the fees from the mempool policy).
 *
 * @param version the node's version as an integer ({@code version}, e.g. 10000 for 0.1.0)
 * @param subversion the user agent ({@code subversion})
 * @param protocolVersion the P2P protocol version ({@code protocolversion})
 * @param localServices the service bits we offer ({@code localservices})
 * @param localRelay whether we relay transactions ({@code localrelay})
 * @param timeOffset the median clock offset of the peers ({@code timeoffset})
 * @param networkActive whether P2P networking is on ({@code networkactive})
 * @param proxy the SOCKS5 proxy as host:port, empty if none
 * @param localAddresses addresses we listen on and announce ({@code localaddresses})
 * @param warnings network warnings
 * @param banned addresses banned now (bitcoind's {@code listbanned} counts them)
 * @param addedNodes the peers added by configuration or {@code addnode}, host:port
 *     ({@code getaddednodeinfo})
 */
public record NetworkInfo(int version, String subversion, int protocolVersion, long localServices,
    boolean localRelay, long timeOffset, boolean networkActive, String proxy, List<LocalAddress> localAddresses,
    List<String> warnings, int banned, List<String> addedNodes) {

  /** Copies the lists; checks the strings are present. */
  public NetworkInfo {
    Objects.requireNonNull(subversion, "subversion");
    Objects.requireNonNull(proxy, "proxy");
    localAddresses = List.copyOf(localAddresses);
    warnings = List.copyOf(warnings);
    addedNodes = List.copyOf(addedNodes);
  }

  /**
   * One local address ({@code localaddresses[]}).
   *
   * @param address the address
   * @param port the port
   * @param score how often peers reported it
   */
  public record LocalAddress(String address, int port, int score) {
    /** Checks the address is present. */
    public LocalAddress {
      Objects.requireNonNull(address, "address");
    }
  }
}
