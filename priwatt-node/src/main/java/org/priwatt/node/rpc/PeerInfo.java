package org.priwatt.node.rpc;

import java.util.Objects;

/**
 * One connected peer as the node reports it ({@code Node.peers()}) and {@code getpeerinfo} shows
 * it (bitcoind's field names in the comments): the one snapshot type of a peer, so the node and
 * its RPC never disagree on what a peer is.
 * Times are Unix seconds, 0 for never; ping times are seconds, negative when not measured yet
 * (then left out of the answer, as bitcoind does).
 *
 * @param id the node's id for the peer ({@code id})
 * @param addr the peer's host:port ({@code addr})
 * @param addrLocal our address as the peer sees it, empty if unknown ({@code addrlocal})
 * @param services the peer's service bits ({@code services})
 * @param relayTxes whether the peer asked to receive transactions ({@code relaytxes})
 * @param lastSend time of the last message sent ({@code lastsend})
 * @param lastRecv time of the last message received ({@code lastrecv})
 * @param bytesSent bytes sent ({@code bytessent})
 * @param bytesRecv bytes received ({@code bytesrecv})
 * @param connTime time the connection opened ({@code conntime})
 * @param timeOffset the peer's clock minus ours, seconds ({@code timeoffset})
 * @param pingTime the last ping round trip ({@code pingtime})
 * @param minPing the smallest ping round trip ({@code minping})
 * @param version the peer's protocol version ({@code version})
 * @param subver the peer's user agent ({@code subver})
 * @param inbound whether the peer connected to us ({@code inbound})
 * @param startingHeight the peer's height when it connected ({@code startingheight})
 * @param banScore the peer's misbehaviour score ({@code banscore}, as bitcoind before v22)
 * @param syncedHeaders the last header we have in common ({@code synced_headers}), -1 if none
 * @param syncedBlocks the last block we have in common ({@code synced_blocks}), -1 if none
 * @param connectionType bitcoind's connection type: {@code inbound}, {@code outbound-full-relay},
 *     {@code manual}, {@code feeler}, {@code block-relay-only} or {@code addr-fetch}
 * @param handshakeComplete whether version and verack were exchanged (before that, the peer's
 *     version fields are 0 or empty)
 */
public record PeerInfo(long id, String addr, String addrLocal, long services, boolean relayTxes, long lastSend,
    long lastRecv, long bytesSent, long bytesRecv, long connTime, long timeOffset, double pingTime, double minPing,
    int version, String subver, boolean inbound, int startingHeight, int banScore, int syncedHeaders,
    int syncedBlocks, String connectionType, boolean handshakeComplete) {

  /**
   * Checks the strings are present.
   *
   * @throws NullPointerException if a string is null
   */
  public PeerInfo {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(addrLocal, "addrLocal");
    Objects.requireNonNull(subver, "subver");
    Objects.requireNonNull(connectionType, "connectionType");
  }
}
