/**
 * The JSON-RPC server's machinery: the HTTP pipeline (gate, aggregation, per-connection
 * ordering, worker pool), authentication and the cookie file, the request reader and reply
 * writer, the JSON-RPC envelope, the method table, and the built-in methods grouped as
 * bitcoind groups them (blockchain, rawtransactions, mining, util, network, wallet, control)
 * plus PriWatt's (messages, energy). Not for use outside {@code org.priwatt.node.rpc}.
 */
package org.priwatt.node.rpc.internal;
