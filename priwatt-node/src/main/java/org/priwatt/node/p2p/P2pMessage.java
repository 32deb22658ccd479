package org.priwatt.node.p2p;

/**
 * One P2P message: an immutable value whose payload {@link Payloads} encodes and decodes
 * within its {@link Command}'s bound. The family is closed, so a handler's switch covers every
 * message the node speaks.
 */
public sealed interface P2pMessage permits Version, Verack, Ping, Pong, GetAddr, Addr,
    InventoryMessage, GetHeaders, Headers, BlockMessage, TxMessage, ObjectMessage {
  /** The command this message travels as. */
  Command command();
}
