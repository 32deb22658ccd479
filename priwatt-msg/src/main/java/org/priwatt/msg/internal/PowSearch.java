package org.priwatt.msg.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Multi-threaded search for a Bitmessage proof-of-work nonce. Thread {@code i} of {@code n} tries
 * nonces {@code i + 1, i + 1 + n, i + 1 + 2n, ...}, so the threads never repeat each other's work.
 * The inner loop allocates nothing: each thread owns its {@link MessageDigest} and two buffers.
 */
public final class PowSearch {
  /** How many trials a worker makes between looks at the cancel and found flags. */
  private static final int CHECK_INTERVAL = 256;

  private PowSearch() {}

  /**
   * Returns a nonce whose trial value is at most {@code target} (unsigned), or empty if
   * {@code cancel} was set first. Blocks the calling thread, which does one share of the work.
   */
  public static java.util.OptionalLong search(byte[] initialHash, long target, int threads, AtomicBoolean cancel) {
    if (initialHash.length != 64 || threads < 1) {
      throw new IllegalArgumentException("initial hash must be 64 bytes and threads positive");
    }
    AtomicBoolean found = new AtomicBoolean();
    AtomicLong result = new AtomicLong();
    Thread[] helpers = new Thread[threads - 1];
    for (int i = 1; i < threads; i++) {
      Worker w = new Worker(initialHash, target, i + 1L, threads, cancel, found, result);
      helpers[i - 1] = new Thread(w, "priwatt-pow-" + i);
      helpers[i - 1].setDaemon(true);
      helpers[i - 1].start();
    }
    new Worker(initialHash, target, 1, threads, cancel, found, result).run();
    for (Thread t : helpers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        cancel.set(true);
        Thread.currentThread().interrupt();
      }
    }
    return found.get() ? java.util.OptionalLong.of(result.get()) : java.util.OptionalLong.empty();
  }

  /** Computes the trial value of {@code nonce} with caller-owned digest and buffers. */
  static long trial(MessageDigest md, byte[] buf72, byte[] out64, long nonce) {
    for (int i = 0; i < 8; i++) {
      buf72[i] = (byte) (nonce >>> (56 - 8 * i));
    }
    try {
      md.update(buf72, 0, 72);
      md.digest(out64, 0, 64);
      md.update(out64, 0, 64);
      md.digest(out64, 0, 64);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-512 output buffer too small", e);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (out64[i] & 0xff);
    }
    return v;
  }

  /** One search thread; see the class comment for its share of the nonce space. */
  private static final class Worker implements Runnable {
    private final byte[] buf = new byte[72];
    private final byte[] out = new byte[64];
    private final long target;
    private final long start;
    private final long step;
    private final AtomicBoolean cancel;
    private final AtomicBoolean found;
    private final AtomicLong result;

    Worker(byte[] initialHash, long target, long start, long step, AtomicBoolean cancel, AtomicBoolean found, AtomicLong result) {
      System.arraycopy(initialHash, 0, buf, 8, 64);
      this.target = target;
      this.start = start;
      this.step = step;
      this.cancel = cancel;
      this.found = found;
      this.result = result;
    }

    @Override
    public void run() {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance("SHA-512");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("JDK lacks SHA-512", e);
      }
      long nonce = start;
      while (true) {
        for (int i = 0; i < CHECK_INTERVAL; i++, nonce += step) {
          if (Long.compareUnsigned(trial(md, buf, out, nonce), target) <= 0) {
            if (found.compareAndSet(false, true)) {
              result.set(nonce);
            }
            return;
          }
        }
        if (found.get() || cancel.get()) {
          return;
        }
      }
    }
  }
}
