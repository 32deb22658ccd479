package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.RocksDbChainStore;

/**
 * Kills a child JVM that is connecting blocks into RocksDB at a random moment (SIGKILL, no
 * shutdown hooks), reopens the database and checks that the stored tip's UTXO set equals a
 * recomputation from the stored blocks; twice, the second child continuing the first's chain.
 */
class CrashRestartTest {
  @TempDir
  Path dir;

  @Test
  void killAtAnyMomentRestartsToAConsistentTip() throws Exception {
    Random rnd = new Random(0xC0FFEEL);
    int previousHeight = 0;
    for (int round = 0; round < 2; round++) {
      runAndKill(rnd.nextLong(), 300 + rnd.nextInt(1200));
      int height = verifyRawStore();
      assertThat(height).isGreaterThan(previousHeight);
      previousHeight = height;
      verifyThroughChainState(height);
    }
  }

  private void runAndKill(long seed, int millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrashWorker.class.getName(), dir.toString(),
        Long.toString(seed));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    // A hung worker must not hang the build: kill it after a minute whatever happens.
    CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS)
        .execute(p::destroyForcibly);
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        // SLF4J notices and the like; the worker says READY once a block is in.
      }
      assertThat(line).as("worker output ended before READY").isEqualTo("READY");
      Thread.sleep(millis);
      assertThat(p.isAlive()).as("worker died on its own").isTrue();
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Walks the raw store from its tip to genesis and replays the blocks. Returns the height. */
  private int verifyRawStore() throws Exception {
    try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
      BlockHash genesis = ChainParameters.REGTEST.genesisHash();
      List<Block> chain = new ArrayList<>();
      BlockHash h = store.tip().orElseThrow();
      while (!h.equals(genesis)) {
        Block b = store.block(h).orElseThrow();
        chain.add(0, b);
        assertThat(store.undo(h)).as("undo data of connected block").isPresent();
        h = b.header().prevBlock();
      }
      Map<OutPoint, Coin> stored = new HashMap<>();
      store.forEachCoin(stored::put);
      assertThat(stored).isEqualTo(ChainFixture.replay(chain, 1));
      return chain.size();
    }
  }

  private void verifyThroughChainState(int storedHeight) throws Exception {
    try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
      ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);
      try (ChainState state = fx.open(store)) {
        assertThat(state.height()).isGreaterThanOrEqualTo(storedHeight);
        assertThat(ChainFixture.utxo(state))
            .isEqualTo(ChainFixture.replay(ChainFixture.bestBlocks(state), 1));
      }
    }
  }
}
