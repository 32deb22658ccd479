/**
 * The node's bitcoind-compatible JSON-RPC server ({@link org.priwatt.node.rpc.RpcServer}):
 * JSON-RPC 1.0 and 2.0 over HTTP with bitcoind's cookie or user/password authentication, its
 * request, reply and error formats, and its methods over the narrow interfaces the node
 * implements ({@link org.priwatt.node.rpc.ChainAccess}, {@link org.priwatt.node.rpc.NetworkAccess},
 * {@link org.priwatt.node.rpc.MessageAccess}, {@link org.priwatt.node.rpc.MarketAccess},
 * {@link org.priwatt.node.rpc.ChannelAccess},
 * {@link org.priwatt.node.rpc.MetricsAccess}, {@link org.priwatt.node.rpc.Shutdown}); a new
 * method is one {@link org.priwatt.node.rpc.RpcMethod} registration.
 *
 * <p>The node's snapshots ({@link org.priwatt.node.rpc.PeerInfo}, {@link
 * org.priwatt.node.rpc.NetworkInfo}, {@link org.priwatt.node.rpc.NodeMetrics}) are defined here
 * once and returned by {@code org.priwatt.node.Node} as well: the node starts this server and
 * implements these interfaces, so this package may not depend back on {@code org.priwatt.node}
 * (packages form no cycle), and the RPC shows exactly what the node reports.
 */
package org.priwatt.node.rpc;
