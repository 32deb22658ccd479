package org.priwatt.crypto;

/**
 * Cost parameters of the scrypt passphrase KDF (RFC 7914) used by {@link EncryptedKeyFile}: CPU and
 * memory cost N = 2^{@link #log2N()}, block size {@link #r()} and parallelism {@link #p()}.
 *
 * <p>scrypt needs about 128·r·N bytes of memory. The parameters are stored in each key file so
 * the default can be raised later without breaking old files; files demanding more than {@link
 * #MAX_MEMORY_BYTES} are refused, so a hostile file cannot exhaust memory.
 */
public final class ScryptParameters {
  /** Largest memory cost (128·r·N bytes) accepted: 256 MiB, eight times the default. */
  public static final long MAX_MEMORY_BYTES = 256L << 20;
  /** Largest parallelism accepted. */
  public static final int MAX_P = 16;
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
   * Creates parameters; small values are meant for tests only.
   *
   * @throws IllegalArgumentException if {@link #check} rejects them
   */
  public static ScryptParameters of(int log2N, int r, int p) {
    String problem = check(log2N, r, p);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new ScryptParameters(log2N, r, p);
  }

  /**
   * Returns why {@code (log2N, r, p)} is unacceptable, or null if it is fine: each must be at
   * least 1, {@code r} and {@code p} at most 255 and {@link #MAX_P}, N below 2^(16·r) (RFC 7914),
   * and 128·r·N at most {@link #MAX_MEMORY_BYTES}.
   */
  static String check(int log2N, int r, int p) {
    if (log2N < 1 || r < 1 || p < 1) {
      return "scrypt parameters must be positive";
    }
    if (r > 255 || p > MAX_P) {
      return "scrypt r must be at most 255 and p at most " + MAX_P;
    }
    if (log2N >= 16 * r || log2N > 40 || (128L * r) << log2N > MAX_MEMORY_BYTES) {
      return "scrypt cost 2^" + log2N + " with r=" + r + " exceeds the memory limit";
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
