package org.priwatt.node.p2p;

/**
 * {@code pong}: the answer to a {@link Ping}.
 *
 * @param nonce the ping's nonce
 */
public record Pong(long nonce) implements P2pMessage {
  @Override
  public Command command() {
    return Command.PONG;
  }
}
