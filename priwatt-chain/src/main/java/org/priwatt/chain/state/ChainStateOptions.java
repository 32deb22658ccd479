package org.priwatt.chain.state;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Tunables of a {@link ChainState}.
 *
 * @param clock the local time in seconds since the Unix epoch (for the two-hour future limit);
 *     injectable so tests are reproducible
 * @param verifierThreads threads verifying scripts in parallel, positive
 * @param maxOrphans orphan blocks kept at most, non-negative; 0 disables the pool (a block with
 *     an unknown parent is then rejected). Orphans passed the context-free checks, so each is
 *     at most the network's block size: the pool holds at most {@code maxOrphans} times that
 * @param scriptCache the script-execution cache shared with the mempool
 */
public record ChainStateOptions(LongSupplier clock, int verifierThreads, int maxOrphans,
    ScriptExecutionCache scriptCache) {
  /** Orphans kept by default (Core keeps 100 orphan transactions; blocks are fewer). */
  public static final int DEFAULT_MAX_ORPHANS = 64;

  /** Validates the components. */
  public ChainStateOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scriptCache, "scriptCache");
    if (verifierThreads <= 0) {
      throw new IllegalArgumentException("verifierThreads must be positive");
    }
    if (maxOrphans < 0) {
      throw new IllegalArgumentException("maxOrphans must be non-negative");
    }
  }

  /**
   * The system clock, one verifier thread per available processor, {@value #DEFAULT_MAX_ORPHANS}
   * orphans and a new cache of {@link ScriptExecutionCache#DEFAULT_MAX_ENTRIES} entries.
   */
  public static ChainStateOptions defaults() {
    return new ChainStateOptions(() -> System.currentTimeMillis() / 1000,
        Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_ORPHANS,
        ScriptExecutionCache.create(ScriptExecutionCache.DEFAULT_MAX_ENTRIES));
  }

  /** A copy with another clock. */
  public ChainStateOptions withClock(LongSupplier newClock) {
    return new ChainStateOptions(newClock, verifierThreads, maxOrphans, scriptCache);
  }

  /** A copy with another number of verifier threads. */
  public ChainStateOptions withVerifierThreads(int threads) {
    return new ChainStateOptions(clock, threads, maxOrphans, scriptCache);
  }

  /** A copy with another orphan bound. */
  public ChainStateOptions withMaxOrphans(int max) {
    return new ChainStateOptions(clock, verifierThreads, max, scriptCache);
  }

  /** A copy sharing {@code cache} (typically the mempool's). */
  public ChainStateOptions withScriptCache(ScriptExecutionCache cache) {
    return new ChainStateOptions(clock, verifierThreads, maxOrphans, cache);
  }
}
