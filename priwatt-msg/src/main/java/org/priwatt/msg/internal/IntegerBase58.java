package org.priwatt.msg.internal;

import java.math.BigInteger;

/**
 * Base58 over a big integer, as Bitmessage addresses use it. Unlike Bitcoin's Base58 there is no
 * mapping of leading zero bytes to '1': the bytes are read as one unsigned integer and written in
 * base 58 (zero encodes as "1"), which is why an address can never start with a zero byte.
 */
public final class IntegerBase58 {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEXES = new int[128];

  static {
    java.util.Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEXES[ALPHABET.charAt(i)] = i;
    }
  }

  private IntegerBase58() {}

  /** Encodes a non-negative integer. */
  public static String encode(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative");
    }
    if (value.signum() == 0) {
      return "1";
    }
    StringBuilder sb = new StringBuilder();
    BigInteger v = value;
    while (v.signum() > 0) {
      BigInteger[] qr = v.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      v = qr[0];
    }
    return sb.reverse().toString();
  }

  /**
   * Decodes {@code text}; returns null if a character lies outside the alphabet or the text is
   * empty. Callers bound the length of {@code text} first.
   */
  public static BigInteger decodeOrNull(String text) {
    if (text.isEmpty()) {
      return null;
    }
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        return null;
      }
      v = v.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    return v;
  }
}
