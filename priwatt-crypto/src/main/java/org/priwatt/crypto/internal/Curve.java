package org.priwatt.crypto.internal;

import java.math.BigInteger;
import org.priwatt.crypto.Secp256k1;

/**
 * Backend-independent secp256k1 scalar helpers for encoders (WIF, BIP 32) that must range-check
 * secret scalars without branching on them.
 */
public final class Curve {
  private static final byte[] ORDER_BYTES = toBytes32(Secp256k1.ORDER);

  private Curve() {}

  /**
   * True if {@code key} is 32 bytes and, read big-endian, in [1, n-1]. Runs in time independent of
   * the key's value (it only depends on the length), because the key is secret.
   */
  public static boolean isValidPrivateKey(byte[] key) {
    if (key == null || key.length != 32) {
      return false;
    }
    // Big-endian compare key < n without early exit: lt/gt latch at the first differing byte.
    int lt = 0;
    int gt = 0;
    int any = 0;
    for (int i = 0; i < 32; i++) {
      int a = key[i] & 0xff;
      int b = ORDER_BYTES[i] & 0xff;
      int undecided = ~(lt | gt) & 1;
      lt |= undecided & ((a - b) >>> 31);
      gt |= undecided & ((b - a) >>> 31);
      any |= a;
    }
    return (lt & ((any + 0xff) >>> 8)) == 1;
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
