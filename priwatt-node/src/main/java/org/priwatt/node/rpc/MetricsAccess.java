package org.priwatt.node.rpc;

/**
 * The node's measurements for {@code getnodemetrics}: whatever its parts count (peers, relayed
 * objects, propagation delays, validation times), read by the simulation harness.
 */
@FunctionalInterface
public interface MetricsAccess {
  /** A consistent snapshot of the metrics now. */
  NodeMetrics snapshot();
}
