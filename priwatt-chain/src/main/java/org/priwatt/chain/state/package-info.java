/**
 * Chain state: the UTXO set ({@link org.priwatt.chain.state.Coin}, {@link
 * org.priwatt.chain.state.CoinsView}, {@link org.priwatt.chain.state.CoinsViewCache}), per-block
 * undo data, the block index with cumulative work, and {@link
 * org.priwatt.chain.state.ChainState}, which validates and connects blocks, reorganises to the
 * most-work chain, keeps orphans and notifies {@link org.priwatt.chain.state.ChainListener}s.
 * Consensus helpers shared with the mempool live here too: {@link
 * org.priwatt.chain.state.InputChecks}, {@link org.priwatt.chain.state.LockTimes} and the {@link
 * org.priwatt.chain.state.ScriptExecutionCache}.
 */
package org.priwatt.chain.state;
