package org.priwatt.msg;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits for a condition, so tests never assert on elapsed time. */
final class Await {
  /** How long any awaited condition may take before the test fails. */
  static final long SECONDS = 30;

  private Await() {}

  /** Returns once {@code condition} holds; fails the test after {@value #SECONDS} s. */
  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + SECONDS + " s: " + what);
      }
      Thread.sleep(5);
    }
  }

  /** A call that may throw anything. */
  interface Call {
    void run() throws Exception;
  }

  /** Runs {@code call} on a new daemon thread; {@link Outcome#join} waits for it, bounded. */
  static Outcome onThread(Call call) {
    Outcome o = new Outcome(call);
    o.thread.start();
    return o;
  }

  /** What a call on its own thread did. */
  static final class Outcome {
    final Thread thread;
    volatile Exception failure;
    volatile boolean interruptedAfter;

    private Outcome(Call call) {
      thread = new Thread(() -> {
        try {
          call.run();
        } catch (Exception e) {
          failure = e;
        }
        interruptedAfter = Thread.currentThread().isInterrupted();
      }, "test-call");
      thread.setDaemon(true);
    }

    /** Waits for the call to end, at most {@value Await#SECONDS} s; fails the test if it is still running. */
    Outcome join() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(SECONDS));
      if (thread.isAlive()) {
        throw new AssertionError("call still running after " + SECONDS + " s");
      }
      return this;
    }

    /** Returns the error of the MessageException the call ended with; fails the test otherwise. */
    MessageError error() {
      if (failure instanceof MessageException m) {
        return m.error();
      }
      throw new AssertionError("expected a MessageException, got " + failure, failure);
    }
  }
}
