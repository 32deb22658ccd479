package org.priwatt.msg.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;

/**
 * Blocking, multi-threaded search for a Bitmessage proof-of-work nonce, for callers that want the
 * answer on their own thread ({@code ProofOfWork.solve}); a node's sends go through
 * {@link PowScheduler} instead. Thread {@code i} of {@code n} tries nonces
 * {@code i + 1, i + 1 + n, i + 1 + 2n, ...}, so the threads never repeat each other's work. The
 * inner loop allocates nothing: each thread owns a {@link Hasher}.
 *
 * <p>Every {@value #CHECK_INTERVAL} trials each thread looks at the stop conditions: the caller's
 * cancel flag, the deadline, and (on the calling thread) its interrupt status, so a search ends
 * within one batch of any of them.
 */
public final class PowSearch {
  /** How many trials a worker makes between looks at the stop conditions (well under a millisecond). */
  public static final int CHECK_INTERVAL = 256;

  private PowSearch() {}

  /**
   * Returns a nonce whose trial value is at most {@code target} (unsigned). Blocks the calling
   * thread, which does one share of the work.
   *
   * @param deadlineNanos a {@link System#nanoTime()} instant after which the search gives up, or
   *     empty for none
   * @throws MessageException {@link MessageError#POW_CANCELLED} if {@code cancel} was set or the
   *     calling thread was interrupted first (its interrupt status is then kept set), or
   *     {@link MessageError#POW_DEADLINE_EXCEEDED} if the deadline passed first
   * @throws IllegalArgumentException if the hash is not 64 bytes or threads is below 1
   */
  public static long search(byte[] initialHash, long target, int threads, AtomicBoolean cancel, OptionalLong deadlineNanos)
      throws MessageException {
    if (initialHash.length != 64 || threads < 1) {
      throw new IllegalArgumentException("initial hash must be 64 bytes and threads positive");
    }
    Shared shared = new Shared(cancel, deadlineNanos);
    Thread[] helpers = new Thread[threads - 1];
    for (int i = 1; i < threads; i++) {
      Worker w = new Worker(initialHash, target, i + 1L, threads, shared, false);
      helpers[i - 1] = new Thread(w, "priwatt-pow-" + i);
      helpers[i - 1].setDaemon(true);
      helpers[i - 1].start();
    }
    new Worker(initialHash, target, 1, threads, shared, true).run();
    boolean interrupted = joinAll(helpers, shared) | shared.interrupted.get();
    if (interrupted) {
      // Joining may have consumed the interrupt; the caller must still see it.
      Thread.currentThread().interrupt();
    }
    if (shared.found.get()) {
      return shared.result.get();
    }
    if (interrupted) {
      throw new MessageException(MessageError.POW_CANCELLED, "proof-of-work search interrupted");
    }
    if (cancel.get()) {
      throw new MessageException(MessageError.POW_CANCELLED, "proof-of-work search cancelled");
    }
    throw new MessageException(MessageError.POW_DEADLINE_EXCEEDED, "proof-of-work search passed its deadline");
  }

  /**
   * Waits for the helpers; an interrupt while waiting stops them (they end within one batch) and
   * is reported so the caller can restore the interrupt status.
   */
  private static boolean joinAll(Thread[] helpers, Shared shared) {
    boolean interrupted = false;
    for (Thread t : helpers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
          shared.stop.set(true);
        }
      }
    }
    return interrupted;
  }

  /** State the threads of one search share. */
  private static final class Shared {
    final AtomicBoolean cancel;
    final OptionalLong deadlineNanos;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicBoolean found = new AtomicBoolean();
    final AtomicBoolean interrupted = new AtomicBoolean();
    final AtomicLong result = new AtomicLong();

    Shared(AtomicBoolean cancel, OptionalLong deadlineNanos) {
      this.cancel = cancel;
      this.deadlineNanos = deadlineNanos;
    }

    boolean mustStop() {
      return found.get() || stop.get() || cancel.get() || passed(deadlineNanos);
    }
  }

  /** Whether {@code deadlineNanos} (a {@link System#nanoTime()} instant) has passed; overflow-safe. */
  static boolean passed(OptionalLong deadlineNanos) {
    return deadlineNanos.isPresent() && System.nanoTime() - deadlineNanos.getAsLong() >= 0;
  }

  /**
   * A SHA-512 instance and the two buffers one trial needs, owned by one thread: the trial value
   * of a nonce is the first 8 bytes of SHA-512(SHA-512(nonce ‖ initial hash)).
   */
  static final class Hasher {
    private final MessageDigest md;
    private final byte[] buf = new byte[72];
    private final byte[] out = new byte[64];

    Hasher() {
      try {
        md = MessageDigest.getInstance("SHA-512");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("JDK lacks SHA-512", e);
      }
    }

    /** Sets the 64-byte initial hash the following trials use. */
    void load(byte[] initialHash) {
      System.arraycopy(initialHash, 0, buf, 8, 64);
    }

    /** Returns the trial value of {@code nonce} (unsigned). */
    long trial(long nonce) {
      for (int i = 0; i < 8; i++) {
        buf[i] = (byte) (nonce >>> (56 - 8 * i));
      }
      try {
        md.update(buf, 0, 72);
        md.digest(out, 0, 64);
        md.update(out, 0, 64);
        md.digest(out, 0, 64);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-512 output buffer too small", e);
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (out[i] & 0xff);
      }
      return v;
    }
  }

  /** One search thread; see the class comment for its share of the nonce space. */
  private static final class Worker implements Runnable {
    private final Hasher hasher = new Hasher();
    private final long target;
    private final long start;
    private final long step;
    private final Shared shared;
    private final boolean onCallerThread;

    Worker(byte[] initialHash, long target, long start, long step, Shared shared, boolean onCallerThread) {
      hasher.load(initialHash);
      this.target = target;
      this.start = start;
      this.step = step;
      this.shared = shared;
      this.onCallerThread = onCallerThread;
    }

    @Override
    public void run() {
      long nonce = start;
      while (true) {
        for (int i = 0; i < CHECK_INTERVAL; i++, nonce += step) {
          if (Long.compareUnsigned(hasher.trial(nonce), target) <= 0) {
            if (shared.found.compareAndSet(false, true)) {
              shared.result.set(nonce);
            }
            return;
          }
        }
        if (onCallerThread && Thread.currentThread().isInterrupted()) {
          // Kept set (isInterrupted does not clear it): the caller learns of it as POW_CANCELLED.
          shared.interrupted.set(true);
          shared.stop.set(true);
          return;
        }
        if (shared.mustStop()) {
          shared.stop.set(true);
          return;
        }
      }
    }
  }
}
