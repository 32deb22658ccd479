package org.priwatt.node.internal;

import java.util.List;
import org.priwatt.node.HostPort;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.priwatt.node.rpc.NetworkAccess;
import org.priwatt.node.rpc.NetworkInfo;
import org.priwatt.node.rpc.PeerInfo;

/**
 * The RPC's view of a running node's P2P network ({@code getpeerinfo}, {@code getnetworkinfo},
 * {@code addnode}, {@code disconnectnode}): the runtime's snapshots, and its typed failures
 * turned into the outcomes bitcoind reports.
 */
final class NodeNetworkAccess implements NetworkAccess {
  private final NodeRuntime runtime;

  NodeNetworkAccess(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public List<PeerInfo> peers() {
    return runtime.peers();
  }

  @Override
  public NetworkInfo info() {
    try {
      return runtime.networkInfo();
    } catch (NodeException e) {
      // Only while the node closes: the RPC server closes first, so a call cannot get here after.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public AddNodeResult addNode(String node, AddNodeCommand command) {
    HostPort address;
    try {
      address = HostPort.parse(node, runtime.config().network().p2pPort());
    } catch (NodeException e) {
      return AddNodeResult.INVALID_ADDRESS;
    }
    try {
      runtime.addNode(address, command);
      return AddNodeResult.OK;
    } catch (NodeException e) {
      if (e.error() == NodeError.TOO_MANY_CONNECTIONS) {
        return AddNodeResult.LIMIT_REACHED;
      }
      if (e.error() == NodeError.INVALID_CONFIG) {
        return command == AddNodeCommand.REMOVE ? AddNodeResult.NOT_ADDED : AddNodeResult.ALREADY_ADDED;
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public boolean disconnect(String address) {
    for (PeerInfo p : runtime.peers()) {
      if (p.addr().equals(address)) {
        return disconnect(p.id());
      }
    }
    return false;
  }

  @Override
  public boolean disconnect(long id) {
    try {
      runtime.disconnect(id);
      return true;
    } catch (NodeException e) {
      return false; // UNKNOWN_PEER: gone already
    }
  }
}
