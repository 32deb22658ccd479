package org.priwatt.crypto.internal.ec;

import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;

/**
 * Arithmetic modulo the secp256k1 field prime p = 2^256 - 2^32 - 977 on five signed 52-bit limbs
 * held in a {@code long[5]}, value = sum of limb[i] * 2^(52 i), libsecp256k1's 64-bit layout.
 *
 * <p>Why this shape: the multiplier is the bottleneck, and 52-bit limbs need 25 limb products
 * per multiplication where 26-bit limbs need 100. Each product is formed exactly as a signed
 * 128-bit value ({@code a * b} and {@link Math#multiplyHigh}, both intrinsics) and split at bit 52
 * into a low part for its own column and a high part for the next, so column sums stay plain
 * {@code long}s without carry flags. The high columns fold down with 2^260 = 2^36 + 15632 and
 * 2^256 = 2^32 + 977 (mod p). Limbs are signed, so subtraction and negation are limb-wise and
 * never need a multiple of p added; Java's arithmetic shift keeps carries exact for negative
 * limbs.
 *
 * <p>Bounds, the precondition of every method (nothing checks them at run time; the tests do):
 * <ul>
 *   <li>{@link #mul} and {@link #sqr} accept limbs of absolute value at most 2^55 (so every
 *       column sum stays below 2^61) and return limbs of absolute value at most 2^52 + 2^9
 *       ("magnitude 1"). A sum of up to seven results may be multiplied directly; {@link #carry}
 *       brings anything up to 2^62 back to magnitude 1.
 *   <li>Values are not kept below p; {@link #normalize} computes the canonical representative,
 *       which {@link #isZero}, {@link #isOdd} and {@link #getBytes} rely on.
 * </ul>
 *
 * <p>Every method is variable-time: the pure-Java backend uses this class only on public data
 * (signature verification and public-key parsing), never on secrets.
 */
final class Field {
  /** The prime p. */
  static final BigInteger P = BigInteger.ONE.shiftLeft(256)
      .subtract(BigInteger.ONE.shiftLeft(32)).subtract(BigInteger.valueOf(977));
  static final int LIMBS = 5;
  static final int LIMB_BITS = 52;
  private static final long M = 0xFFFFFFFFFFFFFL;
  private static final long M48 = 0xFFFFFFFFFFFFL;
  /** p's lowest limb; limbs 1..3 are all ones and limb 4 is 48 ones. */
  private static final long P0 = 0xFFFFEFFFFFC2FL;
  /** 2^256 - p = 2^32 + 977. */
  private static final long C = 0x1000003D1L;
  /** 2^260 mod p = 16 C. */
  private static final long R = 0x1000003D10L;

  private Field() {}

  static long[] create() {
    return new long[LIMBS];
  }

  /** Reads 32 big-endian bytes (any value below 2^256) into canonical limbs. */
  static void setBytes(long[] r, byte[] in, int off) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = 0;
    }
    for (int i = 0; i < 32; i++) {
      int bit = 8 * (31 - i);
      long b = in[off + i] & 0xFF;
      r[bit / 52] |= (b << (bit % 52)) & M;
      if (bit % 52 > 44) {
        r[bit / 52 + 1] |= b >>> (52 - bit % 52);
      }
    }
  }

  /** Writes the canonical value of {@code a} as 32 big-endian bytes; {@code a} is not changed. */
  static void getBytes(long[] a, byte[] out, int off) {
    long[] t = a.clone();
    normalize(t);
    for (int i = 0; i < 32; i++) {
      int bit = 8 * (31 - i);
      long v = t[bit / 52] >>> (bit % 52);
      if (bit % 52 > 44) {
        v |= t[bit / 52 + 1] << (52 - bit % 52);
      }
      out[off + i] = (byte) v;
    }
  }

  static void setInt(long[] r, int v) {
    r[0] = v;
    for (int i = 1; i < LIMBS; i++) {
      r[i] = 0;
    }
  }

  static void copy(long[] r, long[] a) {
    System.arraycopy(a, 0, r, 0, LIMBS);
  }

  static void add(long[] r, long[] a, long[] b) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] + b[i];
    }
  }

  static void sub(long[] r, long[] a, long[] b) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] - b[i];
    }
  }

  static void negate(long[] r, long[] a) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = -a[i];
    }
  }

  /** r = a * k for a small constant k (the point formulas use 2, 3 and 8). */
  static void mulSmall(long[] r, long[] a, int k) {
    for (int i = 0; i < LIMBS; i++) {
      r[i] = a[i] * k;
    }
  }

  /** r = a * b. */
  static void mul(long[] r, long[] a, long[] b) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long lo;
    long hi;
    lo = a0 * b0;
    hi = Math.multiplyHigh(a0, b0);
    long l0 = lo & M;
    long h0 = (hi << 12) | (lo >>> 52);
    lo = a0 * b1;
    hi = Math.multiplyHigh(a0, b1);
    long l1 = lo & M;
    long h1 = (hi << 12) | (lo >>> 52);
    lo = a1 * b0;
    hi = Math.multiplyHigh(a1, b0);
    l1 += lo & M;
    h1 += (hi << 12) | (lo >>> 52);
    lo = a0 * b2;
    hi = Math.multiplyHigh(a0, b2);
    long l2 = lo & M;
    long h2 = (hi << 12) | (lo >>> 52);
    lo = a1 * b1;
    hi = Math.multiplyHigh(a1, b1);
    l2 += lo & M;
    h2 += (hi << 12) | (lo >>> 52);
    lo = a2 * b0;
    hi = Math.multiplyHigh(a2, b0);
    l2 += lo & M;
    h2 += (hi << 12) | (lo >>> 52);
    lo = a0 * b3;
    hi = Math.multiplyHigh(a0, b3);
    long l3 = lo & M;
    long h3 = (hi << 12) | (lo >>> 52);
    lo = a1 * b2;
    hi = Math.multiplyHigh(a1, b2);
    l3 += lo & M;
    h3 += (hi << 12) | (lo >>> 52);
    lo = a2 * b1;
    hi = Math.multiplyHigh(a2, b1);
    l3 += lo & M;
    h3 += (hi << 12) | (lo >>> 52);
    lo = a3 * b0;
    hi = Math.multiplyHigh(a3, b0);
    l3 += lo & M;
    h3 += (hi << 12) | (lo >>> 52);
    lo = a0 * b4;
    hi = Math.multiplyHigh(a0, b4);
    long l4 = lo & M;
    long h4 = (hi << 12) | (lo >>> 52);
    lo = a1 * b3;
    hi = Math.multiplyHigh(a1, b3);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = a2 * b2;
    hi = Math.multiplyHigh(a2, b2);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = a3 * b1;
    hi = Math.multiplyHigh(a3, b1);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = a4 * b0;
    hi = Math.multiplyHigh(a4, b0);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = a1 * b4;
    hi = Math.multiplyHigh(a1, b4);
    long l5 = lo & M;
    long h5 = (hi << 12) | (lo >>> 52);
    lo = a2 * b3;
    hi = Math.multiplyHigh(a2, b3);
    l5 += lo & M;
    h5 += (hi << 12) | (lo >>> 52);
    lo = a3 * b2;
    hi = Math.multiplyHigh(a3, b2);
    l5 += lo & M;
    h5 += (hi << 12) | (lo >>> 52);
    lo = a4 * b1;
    hi = Math.multiplyHigh(a4, b1);
    l5 += lo & M;
    h5 += (hi << 12) | (lo >>> 52);
    lo = a2 * b4;
    hi = Math.multiplyHigh(a2, b4);
    long l6 = lo & M;
    long h6 = (hi << 12) | (lo >>> 52);
    lo = a3 * b3;
    hi = Math.multiplyHigh(a3, b3);
    l6 += lo & M;
    h6 += (hi << 12) | (lo >>> 52);
    lo = a4 * b2;
    hi = Math.multiplyHigh(a4, b2);
    l6 += lo & M;
    h6 += (hi << 12) | (lo >>> 52);
    lo = a3 * b4;
    hi = Math.multiplyHigh(a3, b4);
    long l7 = lo & M;
    long h7 = (hi << 12) | (lo >>> 52);
    lo = a4 * b3;
    hi = Math.multiplyHigh(a4, b3);
    l7 += lo & M;
    h7 += (hi << 12) | (lo >>> 52);
    lo = a4 * b4;
    hi = Math.multiplyHigh(a4, b4);
    long l8 = lo & M;
    long h8 = (hi << 12) | (lo >>> 52);
    reduce(r, l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8);
  }

  /** r = a^2, with the 10 cross products computed once and doubled. */
  static void sqr(long[] r, long[] a) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1;
    long lo;
    long hi;
    lo = a0 * a0;
    hi = Math.multiplyHigh(a0, a0);
    long l0 = lo & M;
    long h0 = (hi << 12) | (lo >>> 52);
    lo = d0 * a1;
    hi = Math.multiplyHigh(d0, a1);
    long l1 = lo & M;
    long h1 = (hi << 12) | (lo >>> 52);
    lo = d0 * a2;
    hi = Math.multiplyHigh(d0, a2);
    long l2 = lo & M;
    long h2 = (hi << 12) | (lo >>> 52);
    lo = a1 * a1;
    hi = Math.multiplyHigh(a1, a1);
    l2 += lo & M;
    h2 += (hi << 12) | (lo >>> 52);
    lo = d0 * a3;
    hi = Math.multiplyHigh(d0, a3);
    long l3 = lo & M;
    long h3 = (hi << 12) | (lo >>> 52);
    lo = d1 * a2;
    hi = Math.multiplyHigh(d1, a2);
    l3 += lo & M;
    h3 += (hi << 12) | (lo >>> 52);
    lo = d0 * a4;
    hi = Math.multiplyHigh(d0, a4);
    long l4 = lo & M;
    long h4 = (hi << 12) | (lo >>> 52);
    lo = d1 * a3;
    hi = Math.multiplyHigh(d1, a3);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = a2 * a2;
    hi = Math.multiplyHigh(a2, a2);
    l4 += lo & M;
    h4 += (hi << 12) | (lo >>> 52);
    lo = d1 * a4;
    hi = Math.multiplyHigh(d1, a4);
    long l5 = lo & M;
    long h5 = (hi << 12) | (lo >>> 52);
    lo = d2 * a3;
    hi = Math.multiplyHigh(d2, a3);
    l5 += lo & M;
    h5 += (hi << 12) | (lo >>> 52);
    lo = d2 * a4;
    hi = Math.multiplyHigh(d2, a4);
    long l6 = lo & M;
    long h6 = (hi << 12) | (lo >>> 52);
    lo = a3 * a3;
    hi = Math.multiplyHigh(a3, a3);
    l6 += lo & M;
    h6 += (hi << 12) | (lo >>> 52);
    lo = d3 * a4;
    hi = Math.multiplyHigh(d3, a4);
    long l7 = lo & M;
    long h7 = (hi << 12) | (lo >>> 52);
    lo = a4 * a4;
    hi = Math.multiplyHigh(a4, a4);
    long l8 = lo & M;
    long h8 = (hi << 12) | (lo >>> 52);
    reduce(r, l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8);
  }

  /** r = a^(2^n): n successive squarings. */
  static void sqrTimes(long[] r, long[] a, int n) {
    sqr(r, a);
    for (int i = 1; i < n; i++) {
      sqr(r, r);
    }
  }

  /** Reduces the ten column sums t0..t9 (|t| below 2^61) of a product to magnitude 1. */
  private static void reduce(long[] r, long t0, long t1, long t2, long t3, long t4, long t5,
      long t6, long t7, long t8, long t9) {
    // Fold columns 5..9 down: t * 2^260 = t * R (mod p), each t * R split at bit 52 as above.
    long lo = t5 * R;
    long hi = Math.multiplyHigh(t5, R);
    t0 += lo & M;
    t1 += (hi << 12) | (lo >>> 52);
    lo = t6 * R;
    hi = Math.multiplyHigh(t6, R);
    t1 += lo & M;
    t2 += (hi << 12) | (lo >>> 52);
    lo = t7 * R;
    hi = Math.multiplyHigh(t7, R);
    t2 += lo & M;
    t3 += (hi << 12) | (lo >>> 52);
    lo = t8 * R;
    hi = Math.multiplyHigh(t8, R);
    t3 += lo & M;
    t4 += (hi << 12) | (lo >>> 52);
    lo = t9 * R;
    hi = Math.multiplyHigh(t9, R);
    t4 += lo & M;
    long top = (hi << 12) | (lo >>> 52); // below 2^45
    // One carry pass whose steps do not wait on each other.
    top += t4 >> 52;
    t4 = (t4 & M) + (t3 >> 52);
    t3 = (t3 & M) + (t2 >> 52);
    t2 = (t2 & M) + (t1 >> 52);
    t1 = (t1 & M) + (t0 >> 52);
    t0 &= M;
    // Fold the top once more without a wide product: top * R = top * 15632 + top * 2^36, and
    // top * 2^36 is (top >> 16) in limb 1 plus its low 16 bits shifted into limb 0.
    t0 += top * 15632 + ((top & 0xFFFF) << 36);
    t1 += top >> 16;
    t1 += t0 >> 52;
    t0 &= M;
    t2 += t1 >> 52;
    t1 &= M;
    r[0] = t0;
    r[1] = t1;
    r[2] = t2;
    r[3] = t3;
    r[4] = t4;
  }

  /**
   * Brings limbs of absolute value up to 2^62 back to magnitude 1 (one carry pass and one fold
   * of the bits above 2^256); the value modulo p is unchanged.
   */
  static void carry(long[] r) {
    for (int i = 0; i < LIMBS - 1; i++) {
      r[i + 1] += r[i] >> 52;
      r[i] &= M;
    }
    long top = r[4] >> 48;
    r[4] &= M48;
    r[0] += top * C; // 2^256 = C (mod p)
    r[1] += r[0] >> 52;
    r[0] &= M;
  }

  /** Replaces {@code r} by its canonical representative: limbs in [0, 2^52), value in [0, p). */
  static void normalize(long[] r) {
    long top;
    do { // Each fold shrinks what lies above 2^256 (or below 0) by a factor near 2^224.
      for (int i = 0; i < LIMBS - 1; i++) {
        r[i + 1] += r[i] >> 52;
        r[i] &= M;
      }
      top = r[4] >> 48;
      r[4] &= M48;
      r[0] += top * C;
    } while (top != 0);
    if (atLeastP(r)) { // value in [p, 2^256): add 2^256 - p and drop the 2^256
      r[0] += C;
      for (int i = 0; i < LIMBS - 1; i++) {
        r[i + 1] += r[i] >> 52;
        r[i] &= M;
      }
      r[4] &= M48;
    }
  }

  private static boolean atLeastP(long[] r) {
    return r[4] == M48 && r[3] == M && r[2] == M && r[1] == M && r[0] >= P0;
  }

  /** True if {@code a} is 0 modulo p. */
  static boolean isZero(long[] a) {
    long[] t = a.clone();
    normalize(t);
    long any = 0;
    for (int i = 0; i < LIMBS; i++) {
      any |= t[i];
    }
    return any == 0;
  }

  /** True if a = b modulo p. */
  static boolean equal(long[] a, long[] b) {
    long[] t = new long[LIMBS];
    sub(t, a, b);
    return isZero(t);
  }

  /** Parity of the canonical value; {@code a} must be normalised. */
  static boolean isOdd(long[] a) {
    return (a[0] & 1) != 0;
  }

  /**
   * r = 1/a (mod p) for a non-zero a, through Bouncy Castle's variable-time safegcd inversion of
   * the canonical value (about 20 times cheaper than Fermat's a^(p-2) in this representation).
   *
   * @throws ArithmeticException if a is 0 mod p
   */
  static void invertVartime(long[] r, long[] a) {
    byte[] bytes = new byte[32];
    getBytes(a, bytes, 0);
    BigInteger inverse = BigIntegers.modOddInverseVar(P, new BigInteger(1, bytes));
    setBytes(r, BigIntegers.asUnsignedByteArray(32, inverse), 0);
  }

  /**
   * Sets r to a square root of a and returns true, or returns false (r then holds garbage) if a
   * is not a square. Since p = 3 (mod 4), the root is a^((p+1)/4); the exponent's binary form is
   * 223 ones, a zero, 22 ones, four zeros, two ones and two zeros, which the chain below builds
   * from runs of ones x_k = a^(2^k - 1) in 253 squarings and 13 multiplications.
   */
  static boolean sqrt(long[] r, long[] a) {
    long[] x2 = create();
    long[] x3 = create();
    long[] x22 = create();
    long[] t = create();
    long[] u = create();
    sqr(x2, a);
    mul(x2, x2, a);
    sqr(x3, x2);
    mul(x3, x3, a);
    sqrTimes(t, x3, 3);
    mul(t, t, x3); // x6
    sqrTimes(t, t, 3);
    mul(t, t, x3); // x9
    sqrTimes(t, t, 2);
    mul(t, t, x2); // x11
    sqrTimes(x22, t, 11);
    mul(x22, x22, t); // x22
    sqrTimes(t, x22, 22);
    mul(t, t, x22); // x44
    sqrTimes(u, t, 44);
    mul(u, u, t); // x88
    long[] x44 = t.clone();
    sqrTimes(t, u, 88);
    mul(t, t, u); // x176
    sqrTimes(t, t, 44);
    mul(t, t, x44); // x220
    sqrTimes(t, t, 3);
    mul(t, t, x3); // x223
    sqrTimes(t, t, 23);
    mul(t, t, x22);
    sqrTimes(t, t, 6);
    mul(t, t, x2);
    sqrTimes(r, t, 2);
    sqr(t, r);
    return equal(t, a);
  }
}
