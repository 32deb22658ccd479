package org.priwatt.chain.store;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;

/**
 * Where the chain state lives: every block received (valid so far, whether on the best chain
 * or not), the UTXO set of the tip, each connected block's undo data, and the tip's hash.
 *
 * <p>Contract: {@link #apply} is atomic (after a crash the store shows the state before or after
 * the update, never a mix); {@link #putBlock} and {@link #apply} are durable, on return, to the
 * level the implementation documents, and a block is stored before any update naming it as
 * the tip. Implementations are thread-safe; the chain state serialises
 * writes, readers may run concurrently with a write and see the old or the new state of each
 * key. Every method throws {@link ChainException} with {@link ChainError#STORE_FAILURE} on I/O
 * failure and {@link ChainError#STORE_CORRUPT} on undecodable data.
 */
public interface ChainStore extends AutoCloseable {
  /** Stores {@code block} (idempotent). Its header becomes visible to {@link #forEachHeader}. */
  void putBlock(Block block) throws ChainException;

  /** The stored block with {@code hash}, if any. */
  Optional<Block> block(BlockHash hash) throws ChainException;

  /** Calls {@code action} with the header of every stored block, in no particular order. */
  void forEachHeader(Consumer<BlockHeader> action) throws ChainException;

  /** The unspent coin at {@code outPoint} in the tip's UTXO set. */
  Optional<Coin> coin(OutPoint outPoint) throws ChainException;

  /** Calls {@code action} for every unspent coin of the tip, in no particular order. */
  void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException;

  /** Undo data of a block connected on the current best chain. */
  Optional<BlockUndo> undo(BlockHash hash) throws ChainException;

  /** The tip's hash; empty for a new store. */
  Optional<BlockHash> tip() throws ChainException;

  /** Applies {@code update} atomically. */
  void apply(ChainStoreUpdate update) throws ChainException;

  /** Releases resources; further calls fail with {@link ChainError#STORE_FAILURE}. */
  @Override
  void close();
}
