package org.priwatt.msg;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.priwatt.crypto.Hashes;
import org.priwatt.msg.internal.PowSearch;

/**
 * Bitmessage protocol v3 proof of work.
 *
 * <p>An object's trial value is the first 8 bytes, big-endian, of
 * {@code SHA-512(SHA-512(nonce ‖ SHA-512(object without nonce)))}. It must not exceed
 * <pre>target = 2^64 / (nonceTrialsPerByte * (len + extra + (TTL * (len + extra)) / 2^16))</pre>
 * where {@code len} is the object's length including its 8-byte nonce, {@code extra} is
 * payloadLengthExtraBytes and TTL the seconds from now until the object expires, but at least
 * {@value #MIN_TTL} (PyBitmessage {@code protocol.isProofOfWorkSufficient}); both divisions are
 * integer divisions. Bigger and longer-lived objects therefore cost proportionally more.
 *
 * <p>Each trial succeeds with probability {@code (target + 1) / 2^64}, so a search takes
 * {@link #expectedTrials} trials on average, known before any work starts. The searches here
 * block their caller; {@link MessageNode} runs its own on a bounded pool instead and refuses
 * parameters above its ceiling ({@link MessageNode.Builder#maxAcceptedPow}) before any work.
 * These static methods apply no ceiling: the caller chooses {@code params}.
 */
public final class ProofOfWork {
  /** The TTL floor used in the target formula, in seconds. */
  public static final long MIN_TTL = 300;
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final long MAX_UNSIGNED = -1L;

  private ProofOfWork() {}

  /**
   * Returns the target (an unsigned 64-bit value) for an object of {@code objectLength} bytes
   * (nonce included) with {@code ttlSeconds} to live, exactly as the formula in the class comment.
   * A quotient of 2^64 or more (possible only with tiny parameters) is returned as 2^64 - 1.
   *
   * @throws IllegalArgumentException if objectLength or ttlSeconds is negative
   */
  public static long target(int objectLength, long ttlSeconds, PowParameters params) {
    if (objectLength < 0 || ttlSeconds < 0) {
      throw new IllegalArgumentException("negative length or ttl");
    }
    BigInteger lenPlusExtra = BigInteger.valueOf(objectLength).add(BigInteger.valueOf(params.payloadLengthExtraBytes()));
    BigInteger ttlPart = BigInteger.valueOf(ttlSeconds).multiply(lenPlusExtra).shiftRight(16);
    BigInteger denominator = BigInteger.valueOf(params.nonceTrialsPerByte()).multiply(lenPlusExtra.add(ttlPart));
    if (denominator.signum() == 0) {
      return MAX_UNSIGNED;
    }
    BigInteger t = TWO_64.divide(denominator);
    return t.bitLength() > 64 ? MAX_UNSIGNED : t.longValue();
  }

  /**
   * Returns the expected number of trials a search needs, {@code 2^64 / (target + 1)} rounded
   * down, for the same arguments as {@link #target}; saturates at {@link Long#MAX_VALUE}.
   *
   * @throws IllegalArgumentException if objectLength or ttlSeconds is negative
   */
  public static long expectedTrials(int objectLength, long ttlSeconds, PowParameters params) {
    BigInteger t = new BigInteger(Long.toUnsignedString(target(objectLength, ttlSeconds, params)));
    BigInteger trials = TWO_64.divide(t.add(BigInteger.ONE));
    return trials.bitLength() > 63 ? Long.MAX_VALUE : trials.longValue();
  }

  /** Returns the effective TTL for the target: seconds until expiry, at least {@link #MIN_TTL}. */
  public static long effectiveTtl(long expiresTime, long nowSeconds) {
    return Math.max(MIN_TTL, expiresTime - nowSeconds);
  }

  /** Returns the target {@code object} must meet at {@code nowSeconds} under {@code params}. */
  public static long targetFor(MessageObject object, PowParameters params, long nowSeconds) {
    return target(object.size(), effectiveTtl(object.expiresTime(), nowSeconds), params);
  }

  /** Returns the trial value of {@code object} (an unsigned 64-bit value). */
  public static long trialValue(MessageObject object) {
    byte[] enc = object.encoded();
    byte[] inner = Hashes.sha512(enc, 8, enc.length - 8);
    byte[] h = Hashes.sha512d(concat8(enc, inner));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }

  private static byte[] concat8(byte[] enc, byte[] inner) {
    byte[] buf = new byte[8 + inner.length];
    System.arraycopy(enc, 0, buf, 0, 8);
    System.arraycopy(inner, 0, buf, 8, inner.length);
    return buf;
  }

  /**
   * Returns whether {@code object} carries enough work at {@code nowSeconds} for {@code params}
   * (callers pass parameters already raised to the network minimum).
   */
  public static boolean isSufficient(MessageObject object, PowParameters params, long nowSeconds) {
    return Long.compareUnsigned(trialValue(object), targetFor(object, params, nowSeconds)) <= 0;
  }

  /**
   * Finds a nonce for {@code unsolved} (its current nonce is ignored) using {@code threads}
   * threads, the calling one among them, and returns the object with that nonce. The TTL for the
   * target is taken at {@code nowSeconds}, the time the object is created. Blocks until a nonce
   * is found or the search is stopped; there is no deadline (see the overload with one).
   *
   * @param cancel set it from any thread to stop the search
   * @throws MessageException with {@link MessageError#POW_CANCELLED} if {@code cancel} was set or
   *     the calling thread was interrupted before a nonce was found (the search notices within
   *     256 trials per thread; the interrupt status stays set)
   * @throws IllegalArgumentException if threads is below 1
   */
  public static MessageObject solve(MessageObject unsolved, PowParameters params, long nowSeconds, int threads, AtomicBoolean cancel)
      throws MessageException {
    return solve(unsolved, params, nowSeconds, threads, cancel, OptionalLong.empty());
  }

  /**
   * As {@link #solve(MessageObject, PowParameters, long, int, AtomicBoolean)}, but gives up once
   * {@code timeout} has passed since the call.
   *
   * @throws MessageException {@link MessageError#POW_DEADLINE_EXCEEDED} if the timeout passed
   *     before a nonce was found, or {@link MessageError#POW_CANCELLED} as for the other overload
   * @throws IllegalArgumentException if threads is below 1 or timeout is negative
   */
  public static MessageObject solve(MessageObject unsolved, PowParameters params, long nowSeconds, int threads, AtomicBoolean cancel,
      Duration timeout) throws MessageException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("negative timeout");
    }
    return solve(unsolved, params, nowSeconds, threads, cancel, OptionalLong.of(System.nanoTime() + saturatedNanos(timeout)));
  }

  private static MessageObject solve(MessageObject unsolved, PowParameters params, long nowSeconds, int threads, AtomicBoolean cancel,
      OptionalLong deadlineNanos) throws MessageException {
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(params, "params");
    long target = targetFor(unsolved, params, nowSeconds);
    return unsolved.withNonce(PowSearch.search(unsolved.initialHash(), target, threads, cancel, deadlineNanos));
  }

  /** {@code d} in nanoseconds, capped at about 146 years so the deadline arithmetic cannot overflow. */
  static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(365L * 146)) > 0 ? Duration.ofDays(365L * 146).toNanos() : d.toNanos();
  }
}
