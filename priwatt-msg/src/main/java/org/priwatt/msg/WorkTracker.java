package org.priwatt.msg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the work a {@link MessageNode} has outstanding: inbound tasks queued or running on its
 * inbound thread, and sends whose proof of work is not yet done. {@link MessageNetwork} reads it
 * to tell when a whole network has settled, so tests can assert that something did not happen
 * instead of sleeping and hoping.
 *
 * <p>Why that works across nodes without a global lock: work only begins inside other work that
 * is still running (a task that relays, a send that publishes) or from outside, and {@link #end}
 * counts the end before it lowers the pending count. So if a scan sees every node at zero and
 * the sum of {@link #ended()} did not move during the scan, nothing was running or queued when the
 * scan ended: any task the scan missed was begun by work that ended during the scan. Thread-safe.
 */
final class WorkTracker {
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong ended = new AtomicLong();
  private volatile Runnable onEnd = () -> {};

  /** Notes new work; call before it is queued. */
  void begin() {
    pending.incrementAndGet();
  }

  /** Notes the end of work begun earlier (also work that was dropped). */
  void end() {
    ended.incrementAndGet(); // before the decrement: see the class comment
    pending.decrementAndGet();
    onEnd.run();
  }

  /** Returns how much work is queued or running. */
  int pending() {
    return pending.get();
  }

  /** Returns how many pieces of work have ended so far (monotonic). */
  long ended() {
    return ended.get();
  }

  /** Sets what runs after every {@link #end} (the network wakes its waiters). */
  void onEnd(Runnable action) {
    this.onEnd = action;
  }
}
