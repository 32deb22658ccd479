package org.priwatt.crypto;

import java.util.HexFormat;

/**
 * Lower-case hexadecimal for logs, test vectors and {@code toString}, on the JDK's {@link
 * HexFormat}: one spelling of hex across the SDK, accepting either case on input.
 */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Encodes {@code bytes} as lower-case hex. */
  public static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Decodes hex digits of either case.
   *
   * @throws IllegalArgumentException if {@code hex} has odd length or a non-hex character
   * @throws NullPointerException if {@code hex} is null
   */
  public static byte[] decode(String hex) {
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex string: " + abbreviate(hex), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
