package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of an RPC method: computes the {@code result} from parameters already bound to
 * positions and type-checked against the method's {@link RpcParam}s. Runs on one of the
 * server's worker threads, never on a network thread, so it may block briefly (a chain read, a
 * mempool acceptance); it must not wait unboundedly.
 */
@FunctionalInterface
public interface RpcHandler {
  /**
   * Answers one call.
   *
   * @return the result (JSON {@code null} for none); never Java {@code null}
   * @throws RpcException for every expected failure, with the code and message the client sees
   */
  JsonNode call(RpcArgs args) throws RpcException;
}
