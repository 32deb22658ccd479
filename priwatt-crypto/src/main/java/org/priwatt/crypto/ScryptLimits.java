package org.priwatt.crypto;

/**
 * How much scrypt work a reader of a sealed file agrees to do. A sealed file names its own scrypt
 * cost, and that cost is paid before the file can be authenticated, so an 87-byte forgery could
 * otherwise demand gigabytes and minutes; every reader ({@link EncryptedKeyFile#open(byte[],
 * SecretBytes, ScryptLimits)} and the wallet and session stores built on it) checks the cost
 * against limits like these before allocating anything.
 *
 * <p>Two ceilings, both in bytes:
 *
 * <ul>
 *   <li>memory cost 128·r·N: the block vector one scrypt pass allocates;
 *   <li>work 128·r·N·p: what all p passes allocate and mix in turn (Bouncy Castle runs them one
 *       after the other), so it bounds running time and total allocation.
 * </ul>
 *
 * {@link #DEFAULT} allows 256 MiB of each: eight times {@link ScryptParameters#DEFAULT}, well
 * under a second of work on a desktop. A device with a small heap lowers them; a reader of files
 * sealed with a higher cost raises them explicitly.
 */
public final class ScryptLimits {
  /** Default ceiling of the memory cost 128·r·N: 256 MiB. */
  public static final long DEFAULT_MAX_MEMORY_BYTES = 256L << 20;
  /** Default ceiling of the work 128·r·N·p: 256 MiB. */
  public static final long DEFAULT_MAX_WORK_BYTES = 256L << 20;
  /** The limits every reader applies unless told otherwise. */
  public static final ScryptLimits DEFAULT =
      new ScryptLimits(DEFAULT_MAX_MEMORY_BYTES, DEFAULT_MAX_WORK_BYTES);

  private final long maxMemoryBytes;
  private final long maxWorkBytes;

  private ScryptLimits(long maxMemoryBytes, long maxWorkBytes) {
    this.maxMemoryBytes = maxMemoryBytes;
    this.maxWorkBytes = maxWorkBytes;
  }

  /**
   * Limits with the given ceilings.
   *
   * @param maxMemoryBytes largest 128·r·N accepted
   * @param maxWorkBytes largest 128·r·N·p accepted
   * @throws IllegalArgumentException if a ceiling is not positive or {@code maxWorkBytes} is
   *     below {@code maxMemoryBytes} (work is never less than memory, since p ≥ 1)
   */
  public static ScryptLimits of(long maxMemoryBytes, long maxWorkBytes) {
    if (maxMemoryBytes < 1 || maxWorkBytes < maxMemoryBytes) {
      throw new IllegalArgumentException(
          "need 0 < maxMemoryBytes <= maxWorkBytes, got " + maxMemoryBytes + ", " + maxWorkBytes);
    }
    return new ScryptLimits(maxMemoryBytes, maxWorkBytes);
  }

  /** Largest memory cost 128·r·N accepted, bytes. */
  public long maxMemoryBytes() {
    return maxMemoryBytes;
  }

  /** Largest work 128·r·N·p accepted, bytes. */
  public long maxWorkBytes() {
    return maxWorkBytes;
  }

  /** Whether {@code params} are within these limits. */
  public boolean permits(ScryptParameters params) {
    return problem(params.log2N(), params.r(), params.p()) == null;
  }

  /**
   * Refuses a cost above these limits; called with the raw values read from a file, before any
   * object is built or memory allocated for the KDF.
   *
   * @throws CryptoException {@link CryptoError#SCRYPT_COST_TOO_HIGH} if above a ceiling
   */
  void check(int log2N, int r, int p) throws CryptoException {
    String problem = problem(log2N, r, p);
    if (problem != null) {
      throw new CryptoException(CryptoError.SCRYPT_COST_TOO_HIGH, problem);
    }
  }

  /**
   * Why the cost exceeds these limits, or null. The arguments have passed {@link
   * ScryptParameters#check} (log2N ≤ {@link ScryptParameters#MAX_LOG2_N}, r and p ≤ 255), so the
   * products below fit a long.
   */
  String problem(int log2N, int r, int p) {
    long memory = (128L * r) << log2N;
    if (memory > maxMemoryBytes) {
      return "scrypt N=2^" + log2N + ", r=" + r + " needs " + memory
          + " bytes, above the limit of " + maxMemoryBytes;
    }
    long work = memory * p;
    if (work > maxWorkBytes) {
      return "scrypt N=2^" + log2N + ", r=" + r + ", p=" + p + " costs " + work
          + " bytes of work, above the limit of " + maxWorkBytes;
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScryptLimits
        && ((ScryptLimits) o).maxMemoryBytes == maxMemoryBytes
        && ((ScryptLimits) o).maxWorkBytes == maxWorkBytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(maxMemoryBytes) * 31 + Long.hashCode(maxWorkBytes);
  }

  @Override
  public String toString() {
    return "ScryptLimits{memory<=" + maxMemoryBytes + ", work<=" + maxWorkBytes + "}";
  }
}
