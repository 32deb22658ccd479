/**
 * The node's bitcoind-compatible JSON-RPC server ({@link org.priwatt.node.rpc.RpcServer}):
 * JSON-RPC 1.0 and 2.0 over HTTP with bitcoind's cookie or user/password authentication, its
 * request, reply and error formats, and its methods over the narrow interfaces the node
 * implements ({@link org.priwatt.node.rpc.ChainAccess}, {@link org.priwatt.node.rpc.NetworkAccess},
 * {@link org.priwatt.node.rpc.MessageAccess}, {@link org.priwatt.node.rpc.MarketAccess},
 * {@link org.priwatt.node.rpc.MetricsAccess}, {@link org.priwatt.node.rpc.Shutdown}); a new
 * method is one {@link org.priwatt.node.rpc.RpcMethod} registration.
 */
package org.priwatt.node.rpc;
