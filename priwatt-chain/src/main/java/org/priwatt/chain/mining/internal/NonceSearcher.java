package org.priwatt.chain.mining.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;

/**
 * Multi-threaded proof-of-work search: finds a nonce that makes a header meet its own target.
 *
 * <p>Each template's nonce space is split into one contiguous range per worker thread; every
 * worker hashes its range with its own {@link HeaderHasher} (midstate). The first worker to find
 * a nonce stops the others. If all ranges are exhausted, the {@link TemplateRoller} is asked for
 * a new template (a later time, or a new Merkle root after changing the coinbase extra nonce),
 * and the search continues until a header is found, the roller gives up, or {@link
 * NonceSearch#stop()} is called.
 *
 * <p>Several searches may run at once; they share the worker threads. {@link #close()} stops
 * running searches and releases the threads. Thread-safe.
 */
public final class NonceSearcher implements AutoCloseable {
  /** Nonces per template in Bitcoin: the full 32-bit field. */
  public static final long FULL_NONCE_SPACE = 1L << 32;

  private static final AtomicInteger SEARCHER_IDS = new AtomicInteger();

  private final int threads;
  private final long noncesPerTemplate;
  private final ExecutorService workers;
  private final ThreadFactory coordinators;
  private final Set<NonceSearch> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private NonceSearcher(int threads, long noncesPerTemplate) {
    this.threads = threads;
    this.noncesPerTemplate = noncesPerTemplate;
    int id = SEARCHER_IDS.incrementAndGet();
    this.workers = Executors.newFixedThreadPool(threads, daemonThreads("priwatt-nonce-" + id + "-"));
    this.coordinators = daemonThreads("priwatt-nonce-" + id + "-coordinator-");
  }

  /**
   * Creates a searcher with {@code threads} workers over the full 32-bit nonce space.
   *
   * @throws IllegalArgumentException if {@code threads} is not positive
   */
  public static NonceSearcher create(int threads) {
    return create(threads, FULL_NONCE_SPACE);
  }

  /**
   * Creates a searcher that tries only nonces {@code 0 .. noncesPerTemplate - 1} of each template
   * before rolling it; useful when the caller prefers to roll templates more often (for example
   * to keep the time fresh) and for tests.
   *
   * @throws IllegalArgumentException if {@code threads} is not positive or {@code
   *     noncesPerTemplate} is outside {@code 1 .. 2^32}
   */
  public static NonceSearcher create(int threads, long noncesPerTemplate) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    if (noncesPerTemplate <= 0 || noncesPerTemplate > FULL_NONCE_SPACE) {
      throw new IllegalArgumentException("noncesPerTemplate out of range: " + noncesPerTemplate);
    }
    return new NonceSearcher(threads, noncesPerTemplate);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Returns the number of worker threads. */
  public int threads() {
    return threads;
  }

  /**
   * Starts searching from {@code template} in the background.
   *
   * @param template the first header to search; its nonce is ignored
   * @param roller supplies the next template when one is exhausted
   * @return a handle to stop or await the search
   * @throws IllegalArgumentException if the template's bits are unusable
   * @throws IllegalStateException if the searcher is closed
   */
  public NonceSearch start(BlockHeader template, TemplateRoller roller) {
    Objects.requireNonNull(roller, "roller");
    HeaderHasher.forTemplate(template);
    if (closed.get()) {
      throw new IllegalStateException("searcher is closed");
    }
    NonceSearch search = new NonceSearch();
    running.add(search);
    coordinators.newThread(() -> coordinate(search, template, roller)).start();
    return search;
  }

  /**
   * Searches in the calling thread's stead and waits for the result.
   *
   * @return a header meeting its target, or empty if the roller gave up
   * @throws InterruptedException if interrupted while waiting; the search is then stopped
   * @throws IllegalStateException if the roller failed or the searcher is closed
   */
  public Optional<BlockHeader> search(BlockHeader template, TemplateRoller roller)
      throws InterruptedException {
    NonceSearch search = start(template, roller);
    try {
      return search.await();
    } finally {
      search.stop();
    }
  }

  private void coordinate(NonceSearch search, BlockHeader first, TemplateRoller roller) {
    try {
      BlockHeader template = first;
      while (true) {
        search.templateStarted();
        OptionalLong nonce = searchTemplate(search, template);
        if (nonce.isPresent()) {
          search.complete(Optional.of(template.withNonce((int) nonce.getAsLong())));
          return;
        }
        if (search.isStopRequested()) {
          search.complete(Optional.empty());
          return;
        }
        Optional<BlockHeader> next = roller.next(template);
        if (next.isEmpty()) {
          search.complete(Optional.empty());
          return;
        }
        template = next.get();
        HeaderHasher.forTemplate(template);
      }
    } catch (RejectedExecutionException e) {
      // close() shut the workers down between two templates: end like a stopped search.
      search.complete(Optional.empty());
    } catch (RuntimeException | Error e) {
      search.fail(e);
    } finally {
      running.remove(search);
    }
  }

  /** Runs one template across all workers; returns the winning nonce if any. */
  private OptionalLong searchTemplate(NonceSearch search, BlockHeader template) {
    AtomicBoolean found = new AtomicBoolean();
    BooleanSupplier stop = () -> found.get() || search.isStopRequested();
    List<Future<OptionalLong>> parts = new ArrayList<>(threads);
    long chunk = (noncesPerTemplate + threads - 1) / threads;
    for (int i = 0; i < threads; i++) {
      long from = Math.min(noncesPerTemplate, i * chunk);
      long to = Math.min(noncesPerTemplate, from + chunk);
      parts.add(workers.submit(() -> {
        HeaderHasher hasher = HeaderHasher.forTemplate(template);
        OptionalLong r = scanCounting(hasher, from, to, stop, search);
        if (r.isPresent()) {
          found.set(true);
        }
        return r;
      }));
    }
    OptionalLong winner = OptionalLong.empty();
    for (Future<OptionalLong> part : parts) {
      OptionalLong r = join(part, search);
      if (winner.isEmpty() && r.isPresent()) {
        winner = r;
      }
    }
    return winner;
  }

  /** Scans in batches so the shared hash counter is updated without per-nonce contention. */
  private static OptionalLong scanCounting(
      HeaderHasher hasher, long from, long to, BooleanSupplier stop, NonceSearch search) {
    final long batch = 1 << 14;
    long counted = 0;
    try {
      for (long start = from; start < to; start += batch) {
        OptionalLong r = hasher.scan(start, Math.min(to, start + batch), stop);
        search.hashCounter().addAndGet(hasher.attempts() - counted);
        counted = hasher.attempts();
        if (r.isPresent() || stop.getAsBoolean()) {
          return r;
        }
      }
      return OptionalLong.empty();
    } finally {
      search.hashCounter().addAndGet(hasher.attempts() - counted);
    }
  }

  private static OptionalLong join(Future<OptionalLong> part, NonceSearch search) {
    while (true) {
      try {
        return part.get();
      } catch (InterruptedException e) {
        // Coordinator threads are private to this class; treat interruption as a stop request.
        search.stop();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new IllegalStateException("nonce worker failed", cause);
      }
    }
  }

  /** Stops running searches and shuts the worker threads down. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      running.forEach(NonceSearch::stop);
      workers.shutdown();
    }
  }
}
