package org.priwatt.node.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.script.Script;

/**
 * What the RPC server reads and changes of the node's chain: the chain's own objects as they
 * are (chain state, mempool, optional wallet and transaction index) plus the few facts only the
 * node knows (best header height, initial download, clock, disk use). The node implements it;
 * {@link #of} covers a node that is just a chain, a pool and a wallet.
 */
public interface ChainAccess {
  /** The validated chain. */
  ChainState chain();

  /** The transaction pool attached to {@link #chain()}. */
  Mempool mempool();

  /** The node's wallet, empty on a node without one (wallet methods then answer -18). */
  Optional<Wallet> wallet();

  /** The transaction index, if the node keeps one ({@code getrawtransaction} of confirmed transactions). */
  default Optional<TxIndex> txIndex() {
    return Optional.empty();
  }

  /** Height of the best header known (a syncing node knows headers beyond its blocks). */
  default int headers() {
    return chain().height();
  }

  /**
   * Whether the node is still in its initial block download: by default, as Bitcoin Core, while
   * the tip is more than 24 hours older than the clock.
   */
  default boolean initialBlockDownload() {
    return chain().tip().header().time() < clock().getAsLong() - 24 * 3600;
  }

  /** The node's clock in Unix seconds (a regtest world may run ahead of the wall clock). */
  default LongSupplier clock() {
    return () -> System.currentTimeMillis() / 1000;
  }

  /** Bytes the chain takes on disk ({@code size_on_disk}); 0 for a chain in memory. */
  default long sizeOnDisk() {
    return 0;
  }

  /**
   * Mines {@code count} blocks on the tip paying {@code payTo} ({@code generatetoaddress}); by
   * default with a one-thread {@link Miner} on {@link #clock()}.
   *
   * @return the blocks, in order
   * @throws ChainException if the chain refuses a mined block or its store fails
   * @throws InterruptedException if interrupted while mining
   */
  default List<Block> generate(Script payTo, int count) throws ChainException, InterruptedException {
    try (Miner miner = Miner.create(chain(), mempool(), payTo, 1, clock())) {
      return miner.mine(count);
    }
  }

  /**
   * A chain access over the given objects, with the defaults above.
   *
   * @param wallet the wallet, or {@code null} for none
   * @throws NullPointerException if {@code chain} or {@code mempool} is null
   */
  static ChainAccess of(ChainState chain, Mempool mempool, Wallet wallet) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(mempool, "mempool");
    return new ChainAccess() {
      @Override
      public ChainState chain() {
        return chain;
      }

      @Override
      public Mempool mempool() {
        return mempool;
      }

      @Override
      public Optional<Wallet> wallet() {
        return Optional.ofNullable(wallet);
      }
    };
  }
}
