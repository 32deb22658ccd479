package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.node.rpc.ChainAccess;
import org.priwatt.node.rpc.ChannelAccess;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.MessageAccess;
import org.priwatt.node.rpc.MetricsAccess;
import org.priwatt.node.rpc.NetworkAccess;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcParam;
import org.priwatt.node.rpc.RpcHandler;
import org.priwatt.node.rpc.Shutdown;

/**
 * What the built-in methods work on: the node's parts (the optional ones null when absent),
 * the server's start time, and the table itself for {@code help}.
 *
 * @param chain the chain, always present
 * @param network the P2P network, or null
 * @param messages the messaging, or null
 * @param market the energy market, or null
 * @param channels the payment channels, or null
 * @param metrics the metrics, or null
 * @param shutdown how {@code stop} stops the node
 * @param startupSeconds when the node started, Unix seconds
 * @param table the method table, once built (for {@code help})
 * @param version the node's version string (e.g. {@code PriWatt:0.1.0})
 */
public record RpcContext(ChainAccess chain, NetworkAccess network, MessageAccess messages, MarketAccess market,
    ChannelAccess channels, MetricsAccess metrics, Shutdown shutdown, long startupSeconds, Supplier<MethodTable> table, String version) {

  /** The wallet, or bitcoind's -18 when the node has none. */
  public Wallet wallet() throws RpcException {
    return chain.wallet().orElseThrow(() -> new RpcException(RpcError.WALLET_NOT_FOUND,
        "No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet. "
            + "(Note: A default wallet is no longer automatically created)"));
  }

  /** The P2P network, or bitcoind's -31 when the node runs without one. */
  public NetworkAccess p2p() throws RpcException {
    if (network == null) {
      throw new RpcException(RpcError.CLIENT_P2P_DISABLED, "Error: Peer-to-peer functionality missing or disabled");
    }
    return network;
  }

  /** The node's clock, Unix seconds. */
  public long now() {
    return chain.clock().getAsLong();
  }

  /** Shorthand for a method declaration. */
  public static RpcMethod method(String name, String category, String description, List<RpcParam> params,
      String result, RpcHandler handler) {
    return new RpcMethod(name, category, description, params, result, handler);
  }

  /** JSON text value. */
  public static JsonNode text(String s) {
    return Json.NODES.textNode(s);
  }
}
