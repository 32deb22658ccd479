package org.priwatt.chain.state;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.CachingChainStore;
import org.priwatt.chain.store.RocksDbChainStore;

/**
 * Child-process body of the crash test: opens a RocksDB chain state and connects blocks (with
 * spends, and an occasional short reorganisation) until it is killed. Prints READY once the
 * first block is in.
 */
public final class CrashWorker {
  private CrashWorker() {}

  /** Arguments: database directory, random seed. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);
    RocksDbChainStore rocks = RocksDbChainStore.open(dir);
    ChainState state = fx.open(CachingChainStore.wrap(rocks, 10_000));
    Map<OutPoint, Coin> utxo = new HashMap<>();
    state.forEachCoin(utxo::put);
    Branch branch = new Branch(fx, seed, state.tip().header(), state.height(), utxo);
    boolean ready = false;
    for (long n = 0; ; n++) {
      if (n % 7 == 6) {
        // A competing branch of two blocks beats the one-block extension: a reorganisation.
        Branch a = branch.fork(seed + n);
        Branch b = branch.fork(seed + n + 1);
        state.submitBlock(a.next(3));
        Block b1 = b.next(3);
        Block b2 = b.next(3);
        state.submitBlock(b1);
        state.submitBlock(b2);
        branch = b;
      } else {
        state.submitBlock(branch.next(4));
      }
      if (!ready) {
        System.out.println("READY");
        System.out.flush();
        ready = true;
      }
    }
  }
}
