package org.priwatt.node.p2p;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code version}: the first message on a connection (protocol 70016 layout). The nonce lets a
 * node recognise a connection to itself; the start height tells the peer how far behind it is.
 *
 * @param protocolVersion the sender's protocol version
 * @param services the sender's service bits
 * @param timestamp the sender's clock, seconds since the Unix epoch
 * @param receiver the address of the receiving peer as the sender sees it
 * @param sender the sender's address (Core sends the unspecified address)
 * @param nonce a random value identifying this connection attempt
 * @param userAgent the BIP 14 user agent, at most {@value #MAX_USER_AGENT} UTF-8 bytes
 * @param startHeight the sender's best height
 * @param relay whether the sender wants transactions announced to it (BIP 37)
 */
public record Version(int protocolVersion, long services, long timestamp, NetAddress receiver,
    NetAddress sender, long nonce, String userAgent, int startHeight, boolean relay)
    implements P2pMessage {
  /** The protocol version this node speaks: Bitcoin Core 0.21's. */
  public static final int PROTOCOL_VERSION = 70016;
  /** The oldest protocol version accepted from a peer (the relay flag and BIP 31 pongs). */
  public static final int MIN_PROTOCOL_VERSION = 70001;
  /** Service bit: the node serves the full chain. */
  public static final long NODE_NETWORK = 1;
  /** Longest user agent, bytes (Core's {@code MAX_SUBVERSION_LENGTH}). */
  public static final int MAX_USER_AGENT = 256;
  /** This node's user agent. */
  public static final String USER_AGENT = "/PriWatt:0.1.0/";
  /** Largest payload: the fixed fields and the longest user agent with its 3-byte length. */
  public static final int MAX_PAYLOAD = 4 + 8 + 8 + NetAddress.SIZE * 2 + 8 + 3 + MAX_USER_AGENT + 4 + 1;

  /**
   * Validates the user agent's length.
   *
   * @throws IllegalArgumentException if it is longer than {@value #MAX_USER_AGENT} bytes
   */
  public Version {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.getBytes(StandardCharsets.UTF_8).length > MAX_USER_AGENT) {
      throw new IllegalArgumentException("user agent longer than " + MAX_USER_AGENT + " bytes");
    }
  }

  @Override
  public Command command() {
    return Command.VERSION;
  }
}
