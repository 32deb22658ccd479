/**
 * The memory pool of unconfirmed transactions: Bitcoin Core's accept-to-memory-pool checks and
 * standardness policy, first-seen double-spend protection, fee-rate eviction, and the updates a
 * connected or disconnected block causes.
 */
package org.priwatt.chain.mempool;
