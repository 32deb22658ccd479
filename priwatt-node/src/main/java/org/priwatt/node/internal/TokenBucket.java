package org.priwatt.node.internal;

/**
 * A token bucket: {@code rate} tokens per second up to {@code burst}. {@link #take} always
 * succeeds and may drive the level negative; {@link #waitNanos} then says how long until it is
 * positive again, which is how long the peer's reads pause. Not thread-safe (one event loop).
 */
final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double level;
  private long last;

  TokenBucket(double ratePerSecond, double burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.level = burst;
    this.last = nowNanos;
  }

  /** Takes {@code tokens} and returns the level left (negative: in debt). */
  double take(double tokens, long nowNanos) {
    refill(nowNanos);
    level -= tokens;
    return level;
  }

  /** Nanoseconds until the level is positive again; 0 if it is. */
  long waitNanos(long nowNanos) {
    refill(nowNanos);
    return level > 0 ? 0 : (long) Math.ceil((1 - level) / ratePerNano);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - last;
    if (elapsed > 0) {
      level = Math.min(burst, level + elapsed * ratePerNano);
      last = nowNanos;
    }
  }
}
