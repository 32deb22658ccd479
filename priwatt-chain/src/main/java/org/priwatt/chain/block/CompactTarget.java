package org.priwatt.chain.block;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.internal.Uint256;

/**
 * A proof-of-work target in Bitcoin's 32-bit compact form, the header field {@code nBits}.
 *
 * <p>The top byte is a base-256 exponent (the number's length in bytes), the low 23 bits the
 * mantissa and bit 23 a sign: value = mantissa * 256^(exponent - 3). Decoding follows Bitcoin
 * Core's {@code arith_uint256::SetCompact} exactly, including its quirks: mantissa bytes shifted
 * out by a small exponent are lost, the sign is only reported for a non-zero mantissa, and values
 * beyond 256 bits are flagged as overflow (and truncated to 256 bits, as the C++ shift does).
 * Encoding follows {@code GetCompact}, which never sets the sign bit for a non-negative value
 * (it moves a mantissa with bit 23 set one byte down instead). Consensus code must reject a
 * negative, overflowing or zero target: {@link #checkedTarget()} does so.
 */
public final class CompactTarget {
  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final int bits;
  private final BigInteger target;
  private final boolean negative;
  private final boolean overflow;

  private CompactTarget(int bits) {
    this.bits = bits;
    int size = bits >>> 24;
    int word = bits & 0x007fffff;
    BigInteger value;
    if (size <= 3) {
      // Core shifts the mantissa itself here, so bytes shifted out no longer count for the
      // sign and overflow flags below.
      word >>>= 8 * (3 - size);
      value = BigInteger.valueOf(word);
    } else {
      value = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).and(Uint256.MAX);
    }
    this.target = value;
    this.negative = word != 0 && (bits & 0x00800000) != 0;
    this.overflow = word != 0
        && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  }

  /** Wraps the raw {@code nBits} value; any 32-bit value is accepted, as in a parsed header. */
  public static CompactTarget ofBits(int bits) {
    return new CompactTarget(bits);
  }

  /**
   * Encodes a non-negative target as Core's {@code GetCompact(false)} does.
   *
   * @throws IllegalArgumentException if {@code target} is negative or not below 2^256
   */
  public static CompactTarget fromTarget(BigInteger target) {
    return fromTarget(target, false);
  }

  /**
   * Encodes a target's magnitude with a sign flag, as Core's {@code GetCompact(negative)}: the
   * sign bit is only set when the encoded mantissa is non-zero. Precision beyond the 3-byte
   * mantissa is truncated.
   *
   * @throws IllegalArgumentException if {@code target} is negative or not below 2^256
   */
  public static CompactTarget fromTarget(BigInteger target, boolean negative) {
    Uint256.checkRange(Objects.requireNonNull(target, "target"));
    int size = (target.bitLength() + 7) / 8;
    long compact;
    if (size <= 3) {
      compact = target.longValue() << (8 * (3 - size));
    } else {
      compact = target.shiftRight(8 * (size - 3)).and(MASK_64).longValue();
    }
    // A mantissa with bit 23 set would read back as negative: shift it one byte down.
    if ((compact & 0x00800000L) != 0) {
      compact >>= 8;
      size++;
    }
    compact |= (long) size << 24;
    if (negative && (compact & 0x007fffffL) != 0) {
      compact |= 0x00800000L;
    }
    return new CompactTarget((int) compact);
  }

  /** Returns the raw 32-bit {@code nBits} value. */
  public int bits() {
    return bits;
  }

  /**
   * Returns the decoded magnitude exactly as {@code SetCompact} leaves it in an arith_uint256:
   * sign ignored, bits above 2^256 dropped. Check {@link #isNegative()} and {@link
   * #isOverflow()}, or use {@link #checkedTarget()}, before trusting it.
   */
  public BigInteger toTarget() {
    return target;
  }

  /** Core's fNegative: the sign bit is set and the mantissa is non-zero. */
  public boolean isNegative() {
    return negative;
  }

  /** Core's fOverflow: the value needs more than 256 bits. */
  public boolean isOverflow() {
    return overflow;
  }

  /**
   * Returns the target if it is usable for proof of work: not negative, not overflowing, not
   * zero (the first half of Core's {@code CheckProofOfWork}/{@code DeriveTarget}).
   *
   * @throws ChainException {@link BlockError#TARGET_NEGATIVE}, {@link
   *     BlockError#TARGET_OVERFLOW} or {@link BlockError#TARGET_ZERO}
   */
  public BigInteger checkedTarget() throws ChainException {
    if (negative) {
      throw new ChainException(BlockError.TARGET_NEGATIVE, toString());
    }
    if (overflow) {
      throw new ChainException(BlockError.TARGET_OVERFLOW, toString());
    }
    if (target.signum() == 0) {
      throw new ChainException(BlockError.TARGET_ZERO, toString());
    }
    return target;
  }

  /**
   * Returns the expected number of hashes to meet this target, 2^256 / (target + 1), as Core's
   * {@code GetBlockProof}; zero for a negative, overflowing or zero target.
   */
  public BigInteger work() {
    if (negative || overflow || target.signum() == 0) {
      return BigInteger.ZERO;
    }
    return Uint256.TWO_256.divide(target.add(BigInteger.ONE));
  }

  /**
   * Returns whether {@code hash}, read as a little-endian number, is at most this target. A
   * negative, overflowing or zero target is met by no hash.
   */
  public boolean isMetBy(BlockHash hash) {
    if (negative || overflow || target.signum() == 0) {
      return false;
    }
    return hash.toBigInteger().compareTo(target) <= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactTarget && bits == ((CompactTarget) o).bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }

  /** Returns the bits as 8 hex digits with a 0x prefix, e.g. {@code 0x1d00ffff}. */
  @Override
  public String toString() {
    return String.format("0x%08x", bits);
  }
}
