/**
 * Blocks and proof of work: {@link org.priwatt.chain.block.Block}, {@link
 * org.priwatt.chain.block.BlockHeader} and {@link org.priwatt.chain.block.BlockHash} with their
 * codecs, compact targets and chain work, the difficulty parameters, Merkle roots and inclusion
 * branches, the view of a chain of headers ({@link org.priwatt.chain.block.HeaderChain}), the
 * midstate header hasher a miner scans nonces with, and the block failures ({@link
 * org.priwatt.chain.block.BlockError}). Validation in context lives with the chain state.
 */
package org.priwatt.chain.block;
