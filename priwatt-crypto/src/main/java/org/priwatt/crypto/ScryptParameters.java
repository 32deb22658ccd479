package org.priwatt.crypto;

import java.util.Objects;

/**
 * Cost parameters of the scrypt passphrase KDF (RFC 7914) used by {@link EncryptedKeyFile}: CPU and
 * memory cost N = 2^{@link #log2N()}, block size {@link #r()} and parallelism {@link #p()}.
 *
 * <p>scrypt needs about 128·r·N bytes of memory per pass and p passes. The parameters are stored
 * in each key file so the default can be raised later without breaking old files; a reader refuses
 * files whose cost exceeds its {@link ScryptLimits} (by default {@link ScryptLimits#DEFAULT}), so
 * a hostile file cannot exhaust memory or time.
 */
public final class ScryptParameters {
  /** Largest parallelism accepted. */
  public static final int MAX_P = 16;
  /** Largest log2(N) accepted: N must fit a Java {@code int}. */
  public static final int MAX_LOG2_N = 30;
  /** N = 2^15, r = 8, p = 1: about 32 MiB and a few tenths of a second per unlock. */
  public static final ScryptParameters DEFAULT = new ScryptParameters(15, 8, 1);

  private final int log2N;
  private final int r;
  private final int p;

  private ScryptParameters(int log2N, int r, int p) {
    this.log2N = log2N;
    this.r = r;
    this.p = p;
  }

  /**
   * Creates parameters within {@link ScryptLimits#DEFAULT}, so that every default reader can open
   * what they seal; small values are meant for tests only.
   *
   * @throws IllegalArgumentException if {@link #check} rejects them or they exceed the default
   *     limits
   */
  public static ScryptParameters of(int log2N, int r, int p) {
    return of(log2N, r, p, ScryptLimits.DEFAULT);
  }

  /**
   * Creates parameters within {@code limits}. Files sealed with a cost above {@link
   * ScryptLimits#DEFAULT} can only be read by passing limits at least as high to the reader.
   *
   * @throws NullPointerException if {@code limits} is null
   * @throws IllegalArgumentException if {@link #check} rejects them or they exceed {@code limits}
   */
  public static ScryptParameters of(int log2N, int r, int p, ScryptLimits limits) {
    Objects.requireNonNull(limits, "limits");
    String problem = check(log2N, r, p);
    if (problem == null) {
      problem = limits.problem(log2N, r, p);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new ScryptParameters(log2N, r, p);
  }

  /**
   * Returns why {@code (log2N, r, p)} is not a valid scrypt cost whatever the limits, or null if
   * it is: each must be at least 1, {@code r} at most 255, {@code p} at most {@link #MAX_P},
   * {@code log2N} at most {@link #MAX_LOG2_N} and N below 2^(16·r) (RFC 7914).
   */
  static String check(int log2N, int r, int p) {
    if (log2N < 1 || r < 1 || p < 1) {
      return "scrypt parameters must be positive";
    }
    if (r > 255 || p > MAX_P) {
      return "scrypt r must be at most 255 and p at most " + MAX_P;
    }
    if (log2N >= 16 * r || log2N > MAX_LOG2_N) {
      return "scrypt N=2^" + log2N + " is not valid with r=" + r;
    }
    return null;
  }

  /** log2 of the CPU/memory cost N. */
  public int log2N() {
    return log2N;
  }

  /** The block size r. */
  public int r() {
    return r;
  }

  /** The parallelism p. */
  public int p() {
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScryptParameters
        && ((ScryptParameters) o).log2N == log2N
        && ((ScryptParameters) o).r == r
        && ((ScryptParameters) o).p == p;
  }

  @Override
  public int hashCode() {
    return (log2N * 31 + r) * 31 + p;
  }

  @Override
  public String toString() {
    return "scrypt(N=2^" + log2N + ", r=" + r + ", p=" + p + ")";
  }
}
