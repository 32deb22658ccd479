package org.priwatt.script.internal;

/**
 * Script-number arithmetic without allocation or exceptions, as Bitcoin Core's
 * {@code CScriptNum}: little-endian sign-magnitude, at most {@code maxSize} bytes, optionally
 * minimally encoded. Decoding failures return {@link #INVALID}, which no valid operand of at most
 * 8 bytes can equal.
 */
public final class Num {
  /** Returned by {@link #decode} for an oversized or non-minimal operand. */
  public static final long INVALID = Long.MIN_VALUE;
  /** Default operand size (arithmetic). */
  public static final int DEFAULT_MAX_SIZE = 4;
  /** Operand size for CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY (BIP 65, BIP 112). */
  public static final int LOCKTIME_MAX_SIZE = 5;

  private static final byte[] FALSE = new byte[0];
  private static final byte[][] SMALL = new byte[18][];

  static {
    // Shared encodings of -1..16; stack elements are never modified in place, so sharing is safe.
    for (int i = -1; i <= 16; i++) {
      SMALL[i + 1] = i == 0 ? FALSE : encodeFresh(i);
    }
  }

  private Num() {}

  /** Decodes {@code v}; {@link #INVALID} if longer than {@code maxSize} or non-minimal. */
  public static long decode(byte[] v, boolean requireMinimal, int maxSize) {
    int n = v.length;
    if (n > maxSize || n > 8) {
      return INVALID;
    }
    if (n == 0) {
      return 0;
    }
    if (requireMinimal && !isMinimal(v)) {
      return INVALID;
    }
    long result = 0;
    for (int i = 0; i < n; i++) {
      result |= (v[i] & 0xffL) << (8 * i);
    }
    if ((v[n - 1] & 0x80) != 0) {
      return -(result & ~(0x80L << (8 * (n - 1))));
    }
    return result;
  }

  /**
   * True if {@code v} is minimally encoded: no most-significant 0x00 or 0x80 byte unless needed
   * to keep the sign bit of the byte below it free.
   */
  public static boolean isMinimal(byte[] v) {
    int n = v.length;
    if (n == 0) {
      return true;
    }
    if ((v[n - 1] & 0x7f) == 0) {
      return n > 1 && (v[n - 2] & 0x80) != 0;
    }
    return true;
  }

  /** Encodes {@code value} minimally; small values return shared, never-modified arrays. */
  public static byte[] encode(long value) {
    if (value >= -1 && value <= 16) {
      return SMALL[(int) value + 1];
    }
    return encodeFresh(value);
  }

  private static byte[] encodeFresh(long value) {
    if (value == 0) {
      return new byte[0];
    }
    boolean negative = value < 0;
    long abs = negative ? -value : value;
    byte[] tmp = new byte[9];
    int len = 0;
    while (abs != 0) {
      tmp[len++] = (byte) abs;
      abs >>>= 8;
    }
    if ((tmp[len - 1] & 0x80) != 0) {
      tmp[len++] = (byte) (negative ? 0x80 : 0x00);
    } else if (negative) {
      tmp[len - 1] |= (byte) 0x80;
    }
    byte[] out = new byte[len];
    System.arraycopy(tmp, 0, out, 0, len);
    return out;
  }

  /** Clamps to int like {@code CScriptNum::getint()}. */
  public static int toInt(long value) {
    if (value > Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    if (value < Integer.MIN_VALUE) {
      return Integer.MIN_VALUE;
    }
    return (int) value;
  }

  /** Core's CastToBool: any non-zero byte is true, except a lone sign bit at the end (-0). */
  public static boolean toBool(byte[] v) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        return !(i == v.length - 1 && (v[i] & 0xff) == 0x80);
      }
    }
    return false;
  }
}
