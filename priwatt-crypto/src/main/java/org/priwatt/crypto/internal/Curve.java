package org.priwatt.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 facts needed by encoders that must validate keys without the signing backend: the
 * group order and a branch-free private-key range check.
 */
public final class Curve {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  /** The group order n. */
  public static final BigInteger ORDER = PARAMS.getN();

  private static final byte[] ORDER_BYTES = toBytes32(ORDER);

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

  /**
   * True if {@code encoded} is a SEC 1 public key (33 bytes 02/03 or 65 bytes 04) of a point on
   * the curve other than infinity.
   */
  public static boolean isValidPublicKey(byte[] encoded) {
    if (encoded == null || !(encoded.length == 33 && (encoded[0] == 2 || encoded[0] == 3))
        && !(encoded.length == 65 && encoded[0] == 4)) {
      return false;
    }
    ECCurve curve = PARAMS.getCurve();
    try {
      ECPoint p = curve.decodePoint(encoded);
      return !p.isInfinity() && p.isValid();
    } catch (IllegalArgumentException e) {
      return false;
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
