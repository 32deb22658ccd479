package org.priwatt.msg.internal;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;

/**
 * A node's own proof-of-work pool: a fixed number of daemon threads that share the CPU among all
 * queued jobs round-robin, so that no job, however demanding, holds the pool while others wait.
 *
 * <p>Why round-robin and not plain FIFO: with FIFO a job that needs the most work a node accepts
 * (hours, at a hostile but admissible difficulty) would delay every job queued after it by all of
 * that. Here jobs are admitted in FIFO order, but a worker takes the job at the head of the queue,
 * claims the next {@value #SLICE} nonces of it, puts the job back at the tail and only then tries
 * those nonces. Every live job thus gets the same number of trials per round, and a job that
 * needs {@code n} trials finishes after at most about {@code n + 2 * SLICE} trials of every other
 * live job: one hostile job delays an honest one by at most the honest job's own cost (plus two
 * slices, a few milliseconds). With one job and several threads, all threads work on it.
 *
 * <p>A job ends when a nonce is found (its future completes with it), when its deadline passes
 * ({@link MessageError#POW_DEADLINE_EXCEEDED}), when the scheduler closes
 * ({@link MessageError#NODE_CLOSED}), or when anyone completes or cancels its future: workers
 * look at that every {@value PowSearch#CHECK_INTERVAL} trials, so a cancelled job stops within a
 * fraction of a millisecond. At most {@code maxJobs} jobs are live at once; more are refused
 * with {@link MessageError#POW_QUEUE_FULL}. Thread-safe.
 */
public final class PowScheduler implements AutoCloseable {
  /** Nonces a worker tries from one job before moving to the next (a few milliseconds). */
  public static final int SLICE = 16 * PowSearch.CHECK_INTERVAL;

  private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
  private final Set<Job> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger liveCount = new AtomicInteger();
  private final AtomicLong claimedTrials = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int maxJobs;
  private final Thread[] workers;

  /**
   * Starts {@code threads} daemon worker threads named {@code name-i}.
   *
   * @throws IllegalArgumentException if threads or maxJobs is below 1
   */
  public PowScheduler(String name, int threads, int maxJobs) {
    if (threads < 1 || maxJobs < 1) {
      throw new IllegalArgumentException("threads and maxJobs must be positive");
    }
    this.maxJobs = maxJobs;
    this.workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Thread(this::work, name + "-" + i);
      workers[i].setDaemon(true);
      workers[i].start();
    }
  }

  /**
   * Queues a search for a nonce whose trial value is at most {@code target} (unsigned) and returns
   * its future: it completes with the nonce, or exceptionally with a {@link MessageException}
   * ({@link MessageError#POW_DEADLINE_EXCEEDED}, {@link MessageError#POW_QUEUE_FULL} (already
   * when this returns), {@link MessageError#NODE_CLOSED}). Completing or cancelling the future
   * from outside stops the search.
   *
   * @param deadlineNanos a {@link System#nanoTime()} instant after which the job gives up, or
   *     empty for none
   * @throws IllegalArgumentException if the hash is not 64 bytes
   */
  public CompletableFuture<Long> submit(byte[] initialHash, long target, OptionalLong deadlineNanos) {
    if (initialHash.length != 64) {
      throw new IllegalArgumentException("initial hash must be 64 bytes");
    }
    if (closed.get()) {
      return CompletableFuture.failedFuture(new MessageException(MessageError.NODE_CLOSED, "proof-of-work pool closed"));
    }
    if (liveCount.incrementAndGet() > maxJobs) {
      liveCount.decrementAndGet();
      return CompletableFuture.failedFuture(new MessageException(MessageError.POW_QUEUE_FULL, maxJobs + " jobs queued"));
    }
    Job job = new Job(initialHash.clone(), target, deadlineNanos);
    accepted.incrementAndGet();
    live.add(job);
    // The caller sees the job end only after it left the pool: a caller that submits its next job
    // from a completion callback (a send's msg after its ack) must find the slot free again.
    CompletableFuture<Long> seen = new CompletableFuture<>();
    job.result.whenComplete((nonce, e) -> {
      live.remove(job);
      queue.remove(job);
      liveCount.decrementAndGet();
      if (e != null) {
        seen.completeExceptionally(e);
      } else {
        seen.complete(nonce);
      }
    });
    // Cancelling what the caller holds cancels the job.
    seen.whenComplete((nonce, e) -> {
      if (seen.isCancelled()) {
        job.result.cancel(false);
      }
    });
    queue.addLast(job);
    if (closed.get()) {
      // close() may have drained the queue before the job was added.
      job.fail(MessageError.NODE_CLOSED, "proof-of-work pool closed");
    }
    return seen;
  }

  /** Returns whether the calling thread is one of this scheduler's workers. */
  public boolean isWorkerThread() {
    Thread current = Thread.currentThread();
    for (Thread t : workers) {
      if (t == current) {
        return true;
      }
    }
    return false;
  }

  /** Returns how many jobs were accepted so far (queued, whatever became of them). */
  public long acceptedJobs() {
    return accepted.get();
  }

  /** Returns how many jobs are queued or running. */
  public int liveJobs() {
    return liveCount.get();
  }

  /** Returns how many nonces the workers have claimed from all jobs so far (each is tried unless its job ends first). */
  public long claimedTrials() {
    return claimedTrials.get();
  }

  /** Stops the workers and fails every live job with {@link MessageError#NODE_CLOSED}. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Job j : live) {
      j.fail(MessageError.NODE_CLOSED, "proof-of-work pool closed");
    }
    queue.clear();
  }

  private void work() {
    PowSearch.Hasher hasher = new PowSearch.Hasher();
    while (!closed.get()) {
      Job job;
      try {
        job = queue.takeFirst();
      } catch (InterruptedException e) {
        return; // close() interrupts idle workers
      }
      if (job.result.isDone()) {
        continue;
      }
      if (PowSearch.passed(job.deadlineNanos)) {
        job.fail(MessageError.POW_DEADLINE_EXCEEDED, "proof-of-work job passed its deadline");
        continue;
      }
      long first = job.nextNonce.getAndAdd(SLICE);
      claimedTrials.addAndGet(SLICE);
      // Back to the tail before working, so other jobs get their turn and idle workers can help.
      queue.addLast(job);
      if (!runSlice(hasher, job, first)) {
        return;
      }
    }
  }

  /** Tries nonces {@code first .. first + SLICE - 1} of {@code job}; returns false if this worker must exit. */
  private boolean runSlice(PowSearch.Hasher hasher, Job job, long first) {
    hasher.load(job.initialHash);
    long nonce = first;
    for (int batch = 0; batch < SLICE / PowSearch.CHECK_INTERVAL; batch++) {
      for (int i = 0; i < PowSearch.CHECK_INTERVAL; i++, nonce++) {
        if (Long.compareUnsigned(hasher.trial(nonce), job.target) <= 0) {
          job.result.complete(nonce);
          return true;
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
      if (job.result.isDone()) {
        return true;
      }
      if (PowSearch.passed(job.deadlineNanos)) {
        job.fail(MessageError.POW_DEADLINE_EXCEEDED, "proof-of-work job passed its deadline");
        return true;
      }
    }
    return true;
  }

  /** One queued search; the nonce counter hands out disjoint slices to any worker. */
  private static final class Job {
    final byte[] initialHash;
    final long target;
    final OptionalLong deadlineNanos;
    final AtomicLong nextNonce = new AtomicLong(1);
    final CompletableFuture<Long> result = new CompletableFuture<>();

    Job(byte[] initialHash, long target, OptionalLong deadlineNanos) {
      this.initialHash = initialHash;
      this.target = target;
      this.deadlineNanos = deadlineNanos;
    }

    void fail(MessageError error, String detail) {
      result.completeExceptionally(new MessageException(error, detail));
    }
  }
}
