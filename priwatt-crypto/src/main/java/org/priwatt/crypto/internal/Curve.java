package org.priwatt.crypto.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.priwatt.crypto.Secp256k1;

/**
 * The one place secret secp256k1 scalars are range-checked and added, backend-independent and in
 * constant time: every importer of a private key ({@code EcKey.fromPrivate}, key generation, WIF,
 * BIP 32 master keys) and the pure-Java backend's private tweak and ECDH scalar go through it, so
 * no path branches on the value of a secret. The curve order is {@link Secp256k1#ORDER}; this class
 * only keeps its bytes.
 *
 * <p>Every method here runs in time that depends only on the lengths of its arguments. Callers
 * may branch on the boolean results: they say whether a key is valid, which the caller reveals
 * anyway by accepting or rejecting it.
 */
public final class Curve {
  private static final byte[] ORDER_BYTES = toBytes32(Secp256k1.ORDER);

  private Curve() {}

  /**
   * True if {@code key} is 32 bytes and, read big-endian, in [1, n-1]. Constant time for a
   * 32-byte key; other lengths (and null) are rejected at once.
   */
  public static boolean isValidPrivateKey(byte[] key) {
    if (key == null || key.length != 32) {
      return false;
    }
    return (lessThanOrder(key) & nonZero(key)) == 1;
  }

  /**
   * True if the 32-byte big-endian {@code scalar} is below n (zero included): the range of a
   * BIP 32 tweak. Constant time.
   *
   * @throws IllegalArgumentException if {@code scalar} is not 32 bytes
   */
  public static boolean isBelowOrder(byte[] scalar) {
    check32(scalar);
    return lessThanOrder(scalar) == 1;
  }

  /**
   * True if the 32-byte {@code scalar} is all zeros. Constant time.
   *
   * @throws IllegalArgumentException if {@code scalar} is not 32 bytes
   */
  public static boolean isZero(byte[] scalar) {
    check32(scalar);
    return nonZero(scalar) == 0;
  }

  /**
   * (a + b) mod n as 32 big-endian bytes, for a and b below n (32 bytes each). Constant time:
   * the sum and the sum minus n are both computed and one is selected by mask.
   *
   * @throws IllegalArgumentException if an argument is not 32 bytes
   */
  public static byte[] addModOrder(byte[] a, byte[] b) {
    check32(a);
    check32(b);
    byte[] sum = new byte[32];
    byte[] reduced = new byte[32];
    try {
      int carry = 0;
      for (int i = 31; i >= 0; i--) {
        int v = (a[i] & 0xff) + (b[i] & 0xff) + carry;
        sum[i] = (byte) v;
        carry = v >>> 8;
      }
      int borrow = 0;
      for (int i = 31; i >= 0; i--) {
        int v = (sum[i] & 0xff) - (ORDER_BYTES[i] & 0xff) - borrow;
        reduced[i] = (byte) v;
        borrow = v >>> 31;
      }
      // a + b ≥ n exactly when the addition carried out of 256 bits or the subtraction did not
      // borrow; then a + b - n < n because a, b < n.
      int mask = -(carry | (borrow ^ 1));
      byte[] out = new byte[32];
      for (int i = 0; i < 32; i++) {
        out[i] = (byte) ((reduced[i] & mask) | (sum[i] & ~mask));
      }
      return out;
    } finally {
      Arrays.fill(sum, (byte) 0);
      Arrays.fill(reduced, (byte) 0);
    }
  }

  /** 1 if the 32-byte big-endian value is below n, else 0, without an early exit. */
  private static int lessThanOrder(byte[] v) {
    // lt/gt latch at the first differing byte; later bytes cannot change them.
    int lt = 0;
    int gt = 0;
    for (int i = 0; i < 32; i++) {
      int a = v[i] & 0xff;
      int b = ORDER_BYTES[i] & 0xff;
      int undecided = ~(lt | gt) & 1;
      lt |= undecided & ((a - b) >>> 31);
      gt |= undecided & ((b - a) >>> 31);
    }
    return lt;
  }

  /** 1 if any byte of {@code v} is non-zero, else 0, without an early exit. */
  private static int nonZero(byte[] v) {
    int any = 0;
    for (byte x : v) {
      any |= x & 0xff;
    }
    return ((any + 0xff) >>> 8) & 1;
  }

  private static void check32(byte[] v) {
    if (v.length != 32) {
      throw new IllegalArgumentException("scalar must be 32 bytes, got " + v.length);
    }
  }

  /** {@code value} as 32 big-endian bytes; {@code value} must be in [0, 2^256). */
  public static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
