package org.priwatt.chain.mempool;

/** Why a transaction left the pool (Bitcoin Core's {@code MemPoolRemovalReason}). */
public enum RemovalReason {
  /** Included in a connected block. */
  BLOCK,
  /** Spends an outpoint that a connected block's transaction spends. */
  CONFLICT,
  /** Evicted, with its descendants, because the pool exceeded its size cap. */
  SIZE_LIMIT,
  /** No longer valid after a reorganisation (missing inputs, immature coinbase, non-final). */
  REORG
}
