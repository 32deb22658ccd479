package org.priwatt.chain.mempool;

import java.util.Objects;
import java.util.Set;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.consensus.internal.MedianTimePast;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.state.CoinsView;
import org.priwatt.chain.state.ScriptExecutionCache;
import org.priwatt.script.VerifyFlag;

/**
 * Connects a {@link Mempool} to a {@link ChainState}: the chain state seen as the pool's {@link
 * ChainTip}, its script execution cache as the pool's {@link ScriptCheckCache}, and a {@link
 * ChainListener} forwarding connected and disconnected blocks to the pool.
 */
public final class ChainStateBridge {
  private ChainStateBridge() {}

  /** A pool over {@code chain} that fills its script cache and follows its tip. */
  public static Mempool attach(ChainState chain, MempoolPolicy policy) {
    Mempool pool = Mempool.create(tipOf(chain), policy, cacheOf(chain.scriptCache()),
        java.time.Clock.systemUTC());
    chain.addListener(listenerFor(pool));
    return pool;
  }

  /** {@code chain} as a {@link ChainTip}: height, median time past, coins, maturity, flags. */
  public static ChainTip tipOf(ChainState chain) {
    Objects.requireNonNull(chain, "chain");
    return new ChainTip() {
      @Override
      public int height() {
        return chain.height();
      }

      @Override
      public long medianTimePast() {
        return MedianTimePast.ofTip(chain.bestChain());
      }

      @Override
      public long medianTimePast(int height) {
        return MedianTimePast.of(chain.bestChain(), height);
      }

      @Override
      public CoinsView coins() {
        return chain;
      }

      @Override
      public int coinbaseMaturity() {
        return chain.params().coinbaseMaturity();
      }

      @Override
      public Set<VerifyFlag> consensusFlagsForNextBlock() {
        return chain.params().scriptFlagsAt(chain.height() + 1);
      }
    };
  }

  /** {@code cache} as the pool's {@link ScriptCheckCache}. */
  public static ScriptCheckCache cacheOf(ScriptExecutionCache cache) {
    Objects.requireNonNull(cache, "cache");
    return new ScriptCheckCache() {
      @Override
      public boolean isVerified(TxId txId, Set<VerifyFlag> flags) {
        return cache.contains(txId, flags);
      }

      @Override
      public void recordVerified(TxId txId, Set<VerifyFlag> flags) {
        cache.add(txId, flags);
      }
    };
  }

  /** A listener forwarding the chain's block events to {@code pool}. */
  public static ChainListener listenerFor(Mempool pool) {
    Objects.requireNonNull(pool, "pool");
    return new ChainListener() {
      @Override
      public void blockConnected(Block block, int height) {
        pool.blockConnected(block.transactions());
      }

      @Override
      public void blockDisconnected(Block block, int height) {
        pool.blockDisconnected(block.transactions());
      }
    };
  }
}
