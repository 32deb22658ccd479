package org.priwatt.chain.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.BlockHash;

/**
 * One atomic change to a {@link ChainStore}: the final state of every coin touched (present:
 * write it; empty: delete it), undo data written or deleted, and the new tip. A store applies
 * all of it or none of it, so a crash leaves either the old tip with its UTXO set or the new one.
 *
 * @param coins the final state of each changed outpoint
 * @param undo undo data to write (present) or delete (empty), by block
 * @param tip the new best block
 */
public record ChainStoreUpdate(Map<OutPoint, Optional<Coin>> coins,
    Map<BlockHash, Optional<BlockUndo>> undo, BlockHash tip) {
  /** Copies the maps, keeping their iteration order. */
  public ChainStoreUpdate {
    Objects.requireNonNull(tip, "tip");
    coins = Collections.unmodifiableMap(new LinkedHashMap<>(coins));
    undo = Collections.unmodifiableMap(new LinkedHashMap<>(undo));
  }

  /** An update that only moves the tip (the genesis block's, for example). */
  public static ChainStoreUpdate tipOnly(BlockHash tip) {
    return new ChainStoreUpdate(Map.of(), Map.of(), tip);
  }
}
