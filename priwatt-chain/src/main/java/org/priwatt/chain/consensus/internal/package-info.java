/**
 * The consensus rules as mechanics: block and header validation (Bitcoin Core's CheckBlock,
 * ContextualCheckBlock and header rules), difficulty adjustment, median time past and lock-time
 * evaluation. Used by the chain state, the mempool and the miner inside this module (their public
 * facade is {@code ConsensusApi}); never imported by another module.
 */
package org.priwatt.chain.consensus.internal;
