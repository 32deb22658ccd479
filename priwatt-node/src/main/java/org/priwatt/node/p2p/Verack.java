package org.priwatt.node.p2p;

/** {@code verack}: acknowledges the peer's version; no payload. */
public record Verack() implements P2pMessage {
  @Override
  public Command command() {
    return Command.VERACK;
  }
}
