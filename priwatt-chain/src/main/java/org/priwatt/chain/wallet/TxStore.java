package org.priwatt.chain.wallet;

import java.util.List;
import java.util.Optional;
import org.priwatt.chain.TxId;

/**
 * Storage of the wallet's relevant transactions and their confirmation state. The wallet decides
 * what is relevant; the store only keeps records. Implementations must be thread-safe.
 */
public interface TxStore {
  /** Inserts {@code wtx} or replaces the record with the same txid. */
  void put(WalletTransaction wtx);

  /** The record for {@code txId}, if stored. */
  Optional<WalletTransaction> get(TxId txId);

  /** All records in insertion order (a snapshot). */
  List<WalletTransaction> all();

  /** An empty store held in memory. */
  static TxStore inMemory() {
    return new MemoryTxStore();
  }
}
