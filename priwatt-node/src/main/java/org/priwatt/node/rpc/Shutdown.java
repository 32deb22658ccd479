package org.priwatt.node.rpc;

/**
 * How {@code stop} asks the node to shut down. Called once the reply to {@code stop} has been
 * written (bitcoind answers "Bitcoin Core stopping" and then shuts down), on the server's I/O
 * thread, or at once when the method is called in process; it must start the shutdown on another
 * thread and return, since closing the server waits for that I/O thread.
 */
@FunctionalInterface
public interface Shutdown {
  /** Starts a graceful shutdown and returns at once. */
  void requestShutdown();
}
