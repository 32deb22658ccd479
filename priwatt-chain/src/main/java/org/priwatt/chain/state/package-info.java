/**
 * The validated chain: {@link org.priwatt.chain.state.ChainState}, which checks and connects
 * blocks, reorganises to the most-work chain, keeps orphans and notifies {@link
 * org.priwatt.chain.state.ChainListener}s; its options, the read view of the UTXO set ({@link
 * org.priwatt.chain.state.CoinsView}), the immutable {@link
 * org.priwatt.chain.state.BlockIndexEntry} it reports blocks by, and the {@link
 * org.priwatt.chain.state.ScriptExecutionCache} it shares with the memory pool. The block index,
 * the connector, the coin cache and the parallel script verifier are package-private.
 */
package org.priwatt.chain.state;
