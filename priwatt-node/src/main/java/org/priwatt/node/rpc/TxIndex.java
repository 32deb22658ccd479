package org.priwatt.node.rpc;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.chain.state.ChainState;

/**
 * Which best-chain block holds a transaction (bitcoind's {@code -txindex}), so
 * {@code getrawtransaction} finds confirmed transactions without a block hash. Kept in memory:
 * built by walking the best chain once at {@link #attach} and then following connections and
 * disconnections as a {@link ChainListener}. About 100 bytes per transaction; a node that
 * cannot afford it runs without one, as bitcoind does by default. Thread-safe.
 */
public final class TxIndex implements ChainListener {
  private final Map<TxId, BlockHash> blockOf = new ConcurrentHashMap<>();

  private TxIndex() {}

  /**
   * Indexes {@code chain}'s best chain and follows it from now on.
   *
   * @throws ChainException if a block cannot be read from the chain's store
   * @throws NullPointerException if {@code chain} is null
   */
  public static TxIndex attach(ChainState chain) throws ChainException {
    Objects.requireNonNull(chain, "chain");
    TxIndex index = new TxIndex();
    // Listen first so nothing connected during the walk is missed; a block seen twice maps the same.
    chain.addListener(index);
    for (int h = 0; h <= chain.height(); h++) {
      Optional<BlockIndexEntry> e = chain.entryAt(h);
      if (e.isPresent()) {
        Optional<Block> b = chain.block(e.get().hash());
        if (b.isPresent()) {
          index.blockConnected(b.get(), h);
        }
      }
    }
    return index;
  }

  /** The hash of the best-chain block holding {@code txid}, if any. */
  public Optional<BlockHash> blockOf(TxId txid) {
    return Optional.ofNullable(blockOf.get(txid));
  }

  /** Number of transactions indexed. */
  public int size() {
    return blockOf.size();
  }

  @Override
  public void blockConnected(Block block, int height) {
    for (Transaction tx : block.transactions()) {
      blockOf.put(tx.txId(), block.hash());
    }
  }

  @Override
  public void blockDisconnected(Block block, int height) {
    for (Transaction tx : block.transactions()) {
      blockOf.remove(tx.txId(), block.hash());
    }
  }

  @Override
  public String toString() {
    return "TxIndex[" + blockOf.size() + " transactions]";
  }
}
