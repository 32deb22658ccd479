package org.priwatt.node;

/** What {@link Node#addNode} does, as bitcoind's {@code addnode} command. */
public enum AddNodeCommand {
  /** Keep a connection to the peer, reconnecting with backoff. */
  ADD,
  /** Stop keeping a connection to the peer (an open one stays until it ends). */
  REMOVE,
  /** Try one connection now, without keeping it. */
  ONETRY
}
