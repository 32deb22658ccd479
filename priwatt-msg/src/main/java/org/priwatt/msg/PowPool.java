package org.priwatt.msg;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.priwatt.msg.internal.PowScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof-of-work side of a {@link MessageNode}: the node's own bounded pool of PoW threads, the
 * ceiling above which the node refuses to work, and the per-send deadline. Sends become chains of
 * {@link Chain#solve} steps whose single future the caller holds; completing or cancelling that
 * future from outside stops whichever PoW job is running. Thread-safe.
 */
final class PowPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PowPool.class);

  private final String name;
  private final PowScheduler scheduler;
  private final PowParameters ceiling;
  private final Duration timeout;

  /**
   * @param timeout how long one send's proof of work may take from the call, or null for no limit
   */
  PowPool(String name, int threads, int maxJobs, PowParameters ceiling, Duration timeout) {
    this.name = name;
    this.scheduler = new PowScheduler("priwatt-pow-" + name, threads, maxJobs);
    this.ceiling = Objects.requireNonNull(ceiling, "ceiling");
    this.timeout = timeout;
  }

  /** Returns the ceiling. */
  PowParameters ceiling() {
    return ceiling;
  }

  /** Returns how many PoW jobs are queued or running. */
  int liveJobs() {
    return scheduler.liveJobs();
  }

  /** Returns how many PoW jobs were accepted since the node started. */
  long acceptedJobs() {
    return scheduler.acceptedJobs();
  }

  /**
   * Refuses {@code demanded} (already raised to the network minimum) if either field exceeds the
   * ceiling; {@code who} names the party making the demand in the error.
   */
  void checkCeiling(PowParameters demanded, Object who) throws MessageException {
    if (!demanded.isWithin(ceiling)) {
      throw new MessageException(MessageError.POW_TOO_DEMANDING, who + " demands " + demanded.nonceTrialsPerByte() + "/"
          + demanded.payloadLengthExtraBytes() + ", above this node's ceiling " + ceiling.nonceTrialsPerByte() + "/"
          + ceiling.payloadLengthExtraBytes());
    }
  }

  /** Starts a chain of PoW steps whose outcome is one future of {@code T}; the deadline starts now. */
  <T> Chain<T> chain() {
    return new Chain<>(timeout == null ? OptionalLong.empty() : OptionalLong.of(System.nanoTime() + ProofOfWork.saturatedNanos(timeout)));
  }

  /** Fails every queued or running job with {@link MessageError#NODE_CLOSED} and stops the threads. */
  @Override
  public void close() {
    scheduler.close();
  }

  /**
   * Waits for {@code f} on the calling thread. An interrupt cancels the work behind it (the
   * interrupt status stays set).
   *
   * @throws MessageException the failure {@code f} completed with, or
   *     {@link MessageError#POW_CANCELLED} if it was cancelled or the wait interrupted
   * @throws IllegalStateException if called on one of this pool's own threads (from a callback
   *     of a send's future): waiting there for the pool could deadlock it
   */
  <T> T await(CompletableFuture<T> f) throws MessageException {
    if (scheduler.isWorkerThread()) {
      f.cancel(false);
      throw new IllegalStateException("a blocking send on the node's own proof-of-work thread would deadlock; use the async method");
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new MessageException(MessageError.POW_CANCELLED, "interrupted while waiting for proof of work");
    } catch (CancellationException e) {
      throw new MessageException(MessageError.POW_CANCELLED, "proof of work cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MessageException m) {
        throw m;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("proof-of-work step failed", cause);
    }
  }

  /** A step that runs with the solved object on a PoW thread. */
  @FunctionalInterface
  interface Step {
    void accept(MessageObject solved) throws MessageException;
  }

  /**
   * One send: PoW jobs run one after another (the ack before the msg that carries it), each step
   * queued only when the previous one is done, all sharing one deadline and one result future.
   */
  final class Chain<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final OptionalLong deadlineNanos;
    private volatile CompletableFuture<Long> current;

    private Chain(OptionalLong deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
      // Whoever ends the send (success, failure, future.cancel, orTimeout) also ends its running job.
      result.whenComplete((r, e) -> {
        CompletableFuture<Long> job = current;
        if (job != null) {
          job.cancel(false);
        }
      });
    }

    /** Returns the send's future. */
    CompletableFuture<T> result() {
      return result;
    }

    /** Completes the send with {@code value}. */
    void complete(T value) {
      result.complete(value);
    }

    /**
     * Queues the proof of work for {@code unsolved} at {@code params} (refused above the ceiling
     * before anything is queued), then runs {@code next} with the solved object on the PoW thread
     * that found it. Any failure completes the send exceptionally.
     */
    void solve(MessageObject unsolved, PowParameters params, long nowSeconds, Step next) {
      if (result.isDone()) {
        return;
      }
      try {
        checkCeiling(params, "proof of work");
      } catch (MessageException e) {
        result.completeExceptionally(e);
        return;
      }
      long ttl = ProofOfWork.effectiveTtl(unsolved.expiresTime(), nowSeconds);
      LOG.debug("{}: queuing proof of work, {} trials expected, {} jobs ahead", name,
          ProofOfWork.expectedTrials(unsolved.size(), ttl, params), scheduler.liveJobs());
      CompletableFuture<Long> job = scheduler.submit(unsolved.initialHash(), ProofOfWork.target(unsolved.size(), ttl, params), deadlineNanos);
      current = job;
      if (result.isDone()) {
        job.cancel(false); // the send was cancelled while this job was being queued
      }
      job.whenComplete((nonce, e) -> {
        if (e != null) {
          result.completeExceptionally(classify(e));
          return;
        }
        try {
          next.accept(unsolved.withNonce(nonce));
        } catch (MessageException ex) {
          result.completeExceptionally(ex);
        } catch (RuntimeException ex) {
          // Not swallowed: a bug in a step reaches the caller through the send's future, which
          // would otherwise never complete (nothing else observes this callback's failure).
          result.completeExceptionally(ex);
        }
      });
    }

    private Throwable classify(Throwable e) {
      Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      return t instanceof CancellationException ? new MessageException(MessageError.POW_CANCELLED, "proof of work cancelled") : t;
    }
  }
}
