package org.priwatt.node.p2p;

/**
 * {@code ping}: a liveness probe; the peer answers with a {@link Pong} carrying the same nonce
 * (BIP 31), which also measures the round trip.
 *
 * @param nonce a random 64-bit value
 */
public record Ping(long nonce) implements P2pMessage {
  @Override
  public Command command() {
    return Command.PING;
  }
}
