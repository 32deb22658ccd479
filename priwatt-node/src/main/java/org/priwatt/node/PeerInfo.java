package org.priwatt.node;

import java.util.Objects;

/**
 * One connected peer as {@code getpeerinfo} reports it. Immutable: a snapshot taken by {@link
 * Node#peers()}.
 *
 * @param id the node's id of the connection (for {@link Node#disconnect(long)})
 * @param address the peer's address, host:port
 * @param inbound whether the peer connected to this node
 * @param connectionType "inbound", "outbound" (automatic) or "manual" (connect/addnode)
 * @param version the peer's protocol version, 0 before its version message
 * @param subver the peer's user agent, empty before its version message
 * @param services the peer's service bits
 * @param startHeight the height the peer announced in its version message, -1 before it
 * @param syncedHeaders the height of the best header the peer is known to have, -1 if none
 * @param syncedBlocks the height of the last block both have, -1 if unknown
 * @param bytesSent bytes sent to the peer, frame headers included
 * @param bytesReceived bytes received from the peer
 * @param connectedSeconds when the connection was made, seconds since the epoch
 * @param pingMillis the latest ping round trip in milliseconds, -1 before the first pong
 * @param banScore the peer's misbehaviour score (banned at 100)
 * @param handshakeComplete whether version and verack were exchanged
 */
public record PeerInfo(long id, String address, boolean inbound, String connectionType, int version,
    String subver, long services, int startHeight, int syncedHeaders, int syncedBlocks, long bytesSent,
    long bytesReceived, long connectedSeconds, double pingMillis, int banScore, boolean handshakeComplete) {
  /** Requires the strings. */
  public PeerInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(connectionType, "connectionType");
    Objects.requireNonNull(subver, "subver");
  }
}
