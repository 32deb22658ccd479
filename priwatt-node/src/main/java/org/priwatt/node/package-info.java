/**
 * The reference node (paper §5.1): a process that keeps the chain on disk, relays blocks,
 * transactions and anonymous message objects to its peers over Bitcoin's P2P framing, answers
 * bitcoind-compatible JSON-RPC, and runs the energy roles (DSO, prosumer, consumer) of the SDK.
 */
package org.priwatt.node;
