package org.priwatt.node.rpc;

import java.util.List;

/**
 * What the RPC server reads and asks of the node's P2P network ({@code getpeerinfo},
 * {@code getnetworkinfo}, {@code getconnectioncount}, {@code addnode}, {@code disconnectnode}).
 * The node's network implements it; a node without P2P passes none and those methods answer
 * -31 "Error: Peer-to-peer functionality missing or disabled", as bitcoind does.
 */
public interface NetworkAccess {
  /** The connected peers, immutable snapshots. */
  List<PeerInfo> peers();

  /** The node's own network state. */
  NetworkInfo info();

  /**
   * Adds, removes or tries once a manual peer ({@code addnode}).
   *
   * @param node host:port
   * @return the outcome
   */
  AddNodeResult addNode(String node, AddNodeCommand command);

  /**
   * Disconnects the peer at {@code address} (host:port).
   *
   * @return whether such a peer was connected
   */
  boolean disconnect(String address);

  /**
   * Disconnects the peer with node id {@code id}.
   *
   * @return whether such a peer was connected
   */
  boolean disconnect(long id);

  /** The {@code addnode} commands. */
  enum AddNodeCommand {
    /** Remember the peer and keep connecting to it. */
    ADD,
    /** Forget a peer added before. */
    REMOVE,
    /** Connect once. */
    ONETRY
  }

  /** What {@link #addNode} did. */
  enum AddNodeResult {
    /** Done (for {@code onetry}: the attempt started). */
    OK,
    /** {@code add} of a peer already added (-23). */
    ALREADY_ADDED,
    /** {@code remove} of a peer never added (-24). */
    NOT_ADDED,
    /** Not a host:port (-8). */
    INVALID_ADDRESS,
    /** {@code add} beyond the node's limit of added peers (-34). */
    LIMIT_REACHED
  }
}
