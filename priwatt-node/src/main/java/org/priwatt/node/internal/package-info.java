/**
 * The node's machinery: the Netty pipeline per peer (frame decoder with its size check before
 * any buffering, the peer handler with rate limits and back-pressure), the peer registry with
 * its connection policy, misbehaviour scores and persisted bans, the address book, headers-first
 * sync and block relay, transaction relay, the message-object transport, metrics, the data
 * directory, and the adapters through which the JSON-RPC server reads and controls the node. All peer and sync state is confined to one logic thread; Netty's event loops only
 * frame bytes, and validation runs on the logic thread, never on an event loop.
 */
package org.priwatt.node.internal;
