/**
 * Storage SPI of the chain state: {@link org.priwatt.chain.store.ChainStore} keeps blocks, the
 * UTXO set, undo data ({@link org.priwatt.chain.store.BlockUndo}) and the tip, applying each
 * change set ({@link org.priwatt.chain.store.ChainStoreUpdate}) atomically; in-memory and
 * RocksDB implementations, and a bounded coin cache in front of either.
 */
package org.priwatt.chain.store;
