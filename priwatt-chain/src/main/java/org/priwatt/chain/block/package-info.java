/**
 * Block headers and proof-of-work for the PriWatt chain: {@link
 * org.priwatt.chain.block.BlockHeader} and {@link org.priwatt.chain.block.BlockHash}, compact
 * targets and chain work, Bitcoin's difficulty retargeting, Merkle roots and branches,
 * median-time-past and contextual header validation, and a multi-threaded midstate nonce search.
 */
package org.priwatt.chain.block;
