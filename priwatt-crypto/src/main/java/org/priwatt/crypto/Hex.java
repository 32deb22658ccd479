package org.priwatt.crypto;

import com.google.common.io.BaseEncoding;
import java.util.Locale;

/** Lower-case hexadecimal encoding, a thin shell over Guava's {@link BaseEncoding#base16()}. */
public final class Hex {
  private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

  private Hex() {}

  /** Encodes {@code bytes} as lower-case hex. */
  public static String encode(byte[] bytes) {
    return HEX.encode(bytes);
  }

  /**
   * Decodes hex digits of either case.
   *
   * @throws IllegalArgumentException if {@code hex} has odd length or a non-hex character
   */
  public static byte[] decode(String hex) {
    try {
      return HEX.decode(hex.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex string: " + abbreviate(hex), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
