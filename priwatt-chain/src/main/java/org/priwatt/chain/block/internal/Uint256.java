package org.priwatt.chain.block.internal;

import java.math.BigInteger;

/**
 * Conversions between {@link BigInteger} and Bitcoin's 256-bit little-endian byte form, as used
 * for block hashes compared against proof-of-work targets.
 *
 * <p>Bitcoin reads a block hash (SHA-256d output in natural byte order) as a little-endian
 * unsigned integer; the target is compared against that number.
 */
public final class Uint256 {
  /** 2^256, one past the largest 256-bit value. */
  public static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  /** 2^256 - 1, the largest 256-bit value. */
  public static final BigInteger MAX = TWO_256.subtract(BigInteger.ONE);

  private Uint256() {}

  /** Reads {@code bytes[0..32)} as an unsigned little-endian integer. */
  public static BigInteger fromLittleEndian(byte[] bytes) {
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = bytes[i];
    }
    return new BigInteger(be);
  }

  /**
   * Writes {@code value} as 32 little-endian bytes.
   *
   * @throws IllegalArgumentException if {@code value} is negative or not below 2^256
   */
  public static byte[] toLittleEndian(BigInteger value) {
    checkRange(value);
    byte[] be = value.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /**
   * Compares two 32-byte little-endian unsigned integers without allocating; the most
   * significant bytes (index 31 downwards) decide, so a hash far above target exits after one
   * byte.
   */
  public static int compareLittleEndian(byte[] a, byte[] b) {
    for (int i = 31; i >= 0; i--) {
      int x = a[i] & 0xff;
      int y = b[i] & 0xff;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return 0;
  }

  /**
   * Checks {@code 0 <= value < 2^256}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static BigInteger checkRange(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a 256-bit unsigned value: " + value.toString(16));
    }
    return value;
  }
}
