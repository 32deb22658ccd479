package org.priwatt.node;

import java.util.List;
import java.util.Optional;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.RpcMethod;

/**
 * Work that runs on a node but is not the node's own (the energy roles of issue 15, a research
 * agent): the seam through which code outside this package adds behaviour and RPC methods to
 * {@code priwatt node} without the node knowing it. Given to {@link Node#create(NodeConfig,
 * NodeService...)}; {@link #start} runs once the chain, wallet, message node and P2P network
 * run and before the RPC server answers, and {@link #close} runs after the RPC server stopped
 * and before those parts close.
 */
public interface NodeService extends AutoCloseable {
  /**
   * Starts on {@code node}, whose accessors ({@link Node#chain()}, {@link Node#wallet()},
   * {@link Node#messages()}...) work from now on.
   *
   * @throws NodeException if the service cannot start; the node then does not start either
   */
  void start(Node node) throws NodeException;

  /**
   * The energy market the RPC server serves ({@code listoffers}, {@code createoffer},
   * {@code listtrades}); empty by default, and then those methods answer that the node has no
   * market. At most one service of a node may have one. Read after {@link #start}.
   */
  default Optional<MarketAccess> market() {
    return Optional.empty();
  }

  /** Further RPC methods to serve (read after {@link #start}); none by default. */
  default List<RpcMethod> rpcMethods() {
    return List.of();
  }

  /** Stops the service; must not throw. Nothing by default. */
  @Override
  default void close() {}
}
