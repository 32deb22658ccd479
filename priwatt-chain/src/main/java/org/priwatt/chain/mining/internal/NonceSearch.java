package org.priwatt.chain.mining.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.block.BlockHeader;

/**
 * A running or finished {@link NonceSearcher} search: stop it, wait for it, or watch its
 * progress. Thread-safe.
 */
public final class NonceSearch {
  private final CompletableFuture<Optional<BlockHeader>> result = new CompletableFuture<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong hashes = new AtomicLong();
  private final AtomicInteger templates = new AtomicInteger();

  NonceSearch() {}

  /**
   * Asks the search to stop; workers notice within about 1024 hashes each and the search then
   * completes with an empty result (unless a header was already found). Idempotent.
   */
  public void stop() {
    stopped.set(true);
  }

  /** Returns whether {@link #stop()} was called. */
  public boolean isStopRequested() {
    return stopped.get();
  }

  /** Returns whether the search has finished (found, exhausted, stopped or failed). */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the result: a header meeting its target, or empty if the search was stopped or the
   * roller gave up.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws IllegalStateException if the roller threw or supplied an unusable template
   */
  public Optional<BlockHeader> await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("nonce search failed", e.getCause());
    }
  }

  /**
   * Like {@link #await()} with a time limit.
   *
   * @throws TimeoutException if the search is still running after the timeout
   */
  public Optional<BlockHeader> await(long timeout, TimeUnit unit)
      throws InterruptedException, TimeoutException {
    try {
      return result.get(timeout, unit);
    } catch (ExecutionException e) {
      throw new IllegalStateException("nonce search failed", e.getCause());
    }
  }

  /** Returns a future view of the result, for asynchronous callers. */
  public CompletableFuture<Optional<BlockHeader>> future() {
    return result.thenApply(r -> r);
  }

  /** Returns the number of nonces tried so far (updated in batches while running). */
  public long hashes() {
    return hashes.get();
  }

  /** Returns how many templates have been searched, including the current one. */
  public int templates() {
    return templates.get();
  }

  AtomicLong hashCounter() {
    return hashes;
  }

  void templateStarted() {
    templates.incrementAndGet();
  }

  void complete(Optional<BlockHeader> header) {
    result.complete(header);
  }

  void fail(Throwable t) {
    result.completeExceptionally(t);
  }
}
