package org.priwatt.chain.wallet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.TxId;

/** {@link TxStore} in a synchronized insertion-ordered map. */
final class MemoryTxStore implements TxStore {
  private final Map<TxId, WalletTransaction> records = new LinkedHashMap<>();

  @Override
  public synchronized void put(WalletTransaction wtx) {
    records.put(wtx.txId(), Objects.requireNonNull(wtx, "wtx"));
  }

  @Override
  public synchronized Optional<WalletTransaction> get(TxId txId) {
    return Optional.ofNullable(records.get(txId));
  }

  @Override
  public synchronized List<WalletTransaction> all() {
    return List.copyOf(records.values());
  }
}
