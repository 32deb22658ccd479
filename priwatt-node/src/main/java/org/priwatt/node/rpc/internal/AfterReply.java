package org.priwatt.node.rpc.internal;

import java.util.List;
import java.util.function.Supplier;

/**
 * Work a method asks to run only once its reply has left: {@code stop} must answer "stopping"
 * before the server it stops closes the connection, or the caller (bitcoin-cli, a test) reads no
 * reply at all. The HTTP handler collects what a dispatch defers and runs it when the reply's
 * write completes; called outside such a dispatch (in process), the work runs at once.
 */
final class AfterReply {
  private static final ThreadLocal<List<Runnable>> PENDING = new ThreadLocal<>();

  private AfterReply() {}

  /** Runs {@code work} after the current reply is written, or now outside an HTTP dispatch. */
  static void defer(Runnable work) {
    List<Runnable> pending = PENDING.get();
    if (pending == null) {
      work.run();
    } else {
      pending.add(work);
    }
  }

  /** Runs {@code dispatch} on this thread, adding what it defers to {@code into}. */
  static <T> T collecting(List<Runnable> into, Supplier<T> dispatch) {
    PENDING.set(into);
    try {
      return dispatch.get();
    } finally {
      PENDING.remove();
    }
  }
}
