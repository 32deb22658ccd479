package org.priwatt.node;

/**
 * Why the node refused a peer's bytes, dropped a connection, or could not do what it was asked.
 * Grouped: the wire (each a sign of a broken or hostile peer, banned at once), the peer
 * protocol, and the node's own resources and configuration. Carried by {@link NodeException}.
 */
public enum NodeError {
  // ---- wire: the peer is broken or hostile ----
  /** A frame started with another network's magic bytes (or with garbage). */
  BAD_MAGIC,
  /** A frame header's command field was not printable ASCII padded with NULs. */
  MALFORMED_HEADER,
  /** A frame announced a payload longer than its command allows; refused before buffering it. */
  OVERSIZED_FRAME,
  /** A payload did not match the checksum in its frame header. */
  BAD_CHECKSUM,
  /** A payload did not decode as its command (truncated, over a count bound, trailing bytes...). */
  MALFORMED_PAYLOAD,

  // ---- peer protocol ----
  /** The version handshake did not complete in time. */
  HANDSHAKE_TIMEOUT,
  /** A message out of order: before the handshake, a second version, an unrequested answer. */
  PROTOCOL_VIOLATION,
  /** The peer speaks a protocol version older than {@code Version.MIN_PROTOCOL_VERSION}. */
  OBSOLETE_VERSION,
  /** The connection leads back to this node (its own version nonce came back). */
  SELF_CONNECTION,
  /** No pong answered a ping in time. */
  PING_TIMEOUT,
  /** Nothing was received for the idle timeout. */
  IDLE_TIMEOUT,
  /** The peer does not read what the node sends: its send queue passed the bound. */
  SLOW_READER,
  /** The peer's address is banned. */
  BANNED,
  /** The peer's misbehaviour score reached the ban threshold. */
  MISBEHAVING,
  /** The peer did not deliver a requested block in time. */
  STALLED,
  /** The node already has as many connections of this kind as it allows. */
  TOO_MANY_CONNECTIONS,
  /** No peer has this id. */
  UNKNOWN_PEER,

  // ---- the node ----
  /** Another process (or node) holds the data directory's lock. */
  DATA_DIR_LOCKED,
  /** The data directory, or a file in it, could not be read or written. */
  DATA_DIR_FAILURE,
  /** The chain state failed (its store, or a block the node itself produced). */
  CHAIN_FAILURE,
  /** The wallet could not be loaded, saved or used. */
  WALLET_FAILURE,
  /** The P2P listener could not bind its address. */
  BIND_FAILED,
  /** The energy role's agent could not start (its keys, registry log or sessions in the data directory). */
  ROLE_FAILURE,
  /** A configuration value is invalid (a host:port, a limit, a combination of options). */
  INVALID_CONFIG,
  /** The node is not running (not started yet, or closed). */
  NOT_RUNNING
}
