package org.priwatt.node.rpc;

/**
 * How {@code stop} asks the node to shut down. Called on an RPC worker thread; the node must
 * stop asynchronously so the reply to {@code stop} still reaches the client (bitcoind answers
 * "Bitcoin Core stopping" and then shuts down).
 */
@FunctionalInterface
public interface Shutdown {
  /** Starts a graceful shutdown and returns at once. */
  void requestShutdown();
}
