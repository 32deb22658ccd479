package org.priwatt.node.internal;

import java.time.Duration;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.mining.Miner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's mining thread: mines a block on the current tip, pauses the configured interval,
 * and again, until closed. Mined blocks go to the chain state like any other and are announced
 * once connected. A failure (the store, say) is logged and the loop goes on after the pause.
 */
final class MiningLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MiningLoop.class);

  private final Miner miner;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean stopped;

  MiningLoop(String name, Miner miner, Duration interval) {
    this.miner = miner;
    this.interval = interval;
    this.thread = new Thread(this::run, "priwatt-" + name + "-miner");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (!stopped) {
      try {
        miner.mineBlock();
        if (!interval.isZero()) {
          Thread.sleep(interval.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (ChainException e) {
        LOG.error("mining failed: {}", e.getMessage(), e);
        try {
          Thread.sleep(Math.max(1000, interval.toMillis()));
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    miner.close();
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
