/**
 * Storage SPI of the chain state: {@link org.priwatt.chain.store.ChainStore} keeps blocks, the
 * UTXO set, undo data and the tip, applying each change set atomically; in-memory and RocksDB
 * implementations, and a bounded coin cache in front of either.
 */
package org.priwatt.chain.store;
