package org.priwatt.node.p2p;

/** {@code getaddr}: asks for addresses of other peers; no payload. */
public record GetAddr() implements P2pMessage {
  @Override
  public Command command() {
    return Command.GETADDR;
  }
}
