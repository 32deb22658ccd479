package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bitcoin's Base58 encoding: big-endian base-58 digits over the alphabet
 * {@code 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz} (no {@code 0}, {@code O},
 * {@code I}, {@code l}), with every leading zero byte written as one leading {@code '1'}.
 *
 * <p>Used by {@link Base58Check} for addresses, WIF keys and BIP 32 extended keys. Both
 * directions are quadratic in the input length, so both are bounded: {@link #encode} accepts at
 * most {@link #MAX_DECODED_LENGTH} bytes and {@link #decode} at most {@link #MAX_ENCODED_LENGTH}
 * characters. Every string {@code encode} can produce is accepted by {@code decode}.
 *
 * <p>Security note: the conversion branches on the data, so it is not constant-time. It is used
 * for secrets only when they are being exported or imported by a user (WIF, xprv), as in Bitcoin
 * Core.
 */
public final class Base58 {
  /** The 58 digit characters, in value order. */
  public static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  /** Longest byte array {@link #encode} accepts. */
  public static final int MAX_DECODED_LENGTH = 1024;
  /** Longest string {@link #decode} accepts (at least the longest output of {@link #encode}). */
  public static final int MAX_ENCODED_LENGTH = 2048;

  private static final char[] DIGITS = ALPHABET.toCharArray();
  /** Maps an ASCII character to its digit value, or -1 if it is not a Base58 character. */
  private static final byte[] VALUES = new byte[128];

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < DIGITS.length; i++) {
      VALUES[DIGITS[i]] = (byte) i;
    }
  }

  private Base58() {}

  /**
   * Encodes {@code data} as Base58.
   *
   * @param data at most {@link #MAX_DECODED_LENGTH} bytes; the empty array encodes to {@code ""}
   * @return the Base58 string, one {@code '1'} per leading zero byte followed by the digits of the
   *     remaining big-endian number
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data} is longer than {@link #MAX_DECODED_LENGTH}
   */
  public static String encode(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (data.length > MAX_DECODED_LENGTH) {
      throw new IllegalArgumentException(
          "Base58 input of " + data.length + " bytes exceeds " + MAX_DECODED_LENGTH);
    }
    int zeros = countLeading(data, (byte) 0);
    // log(256) / log(58) < 1.366, so this many base-58 digits always suffice.
    int capacity = (data.length - zeros) * 138 / 100 + 1;
    byte[] digits = new byte[capacity];
    int used = 0;
    for (int i = zeros; i < data.length; i++) {
      // digits (little-endian, base 58) = digits * 256 + data[i]
      int carry = data[i] & 0xff;
      int j = 0;
      for (; j < used || carry != 0; j++) {
        carry += (digits[j] & 0xff) * 256;
        digits[j] = (byte) (carry % 58);
        carry /= 58;
      }
      used = j;
    }
    StringBuilder sb = new StringBuilder(zeros + used);
    for (int i = 0; i < zeros; i++) {
      sb.append(DIGITS[0]);
    }
    for (int j = used - 1; j >= 0; j--) {
      sb.append(DIGITS[digits[j]]);
    }
    Arrays.fill(digits, (byte) 0); // the input may be a secret (WIF, xprv)
    return sb.toString();
  }

  /**
   * Decodes a Base58 string. No whitespace or other characters are tolerated.
   *
   * @param text at most {@link #MAX_ENCODED_LENGTH} characters; {@code ""} decodes to an empty
   *     array
   * @return the decoded bytes, one zero byte per leading {@code '1'}
   * @throws NullPointerException if {@code text} is null
   * @throws CryptoException {@link CryptoError#INPUT_TOO_LARGE} if {@code text} is longer than
   *     {@link #MAX_ENCODED_LENGTH}; {@link CryptoError#BASE58_INVALID_CHARACTER} (with its
   *     position) if a character is outside {@link #ALPHABET}
   */
  public static byte[] decode(String text) throws CryptoException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_ENCODED_LENGTH) {
      throw new CryptoException(
          CryptoError.INPUT_TOO_LARGE,
          "Base58 string of " + text.length() + " characters exceeds " + MAX_ENCODED_LENGTH);
    }
    int ones = 0;
    while (ones < text.length() && text.charAt(ones) == DIGITS[0]) {
      ones++;
    }
    // log(58) / log(256) < 0.733, so this many bytes always suffice.
    int capacity = (text.length() - ones) * 733 / 1000 + 1;
    byte[] bytes = new byte[capacity];
    int used = 0;
    for (int i = ones; i < text.length(); i++) {
      // bytes (little-endian, base 256) = bytes * 58 + digit
      int carry = digitValue(text, i);
      int j = 0;
      for (; j < used || carry != 0; j++) {
        carry += (bytes[j] & 0xff) * 58;
        bytes[j] = (byte) carry;
        carry >>>= 8;
      }
      used = j;
    }
    byte[] out = new byte[ones + used];
    for (int j = 0; j < used; j++) {
      out[out.length - 1 - j] = bytes[j];
    }
    Arrays.fill(bytes, (byte) 0); // the output may be a secret (WIF, xprv)
    return out;
  }

  private static int digitValue(String text, int index) throws CryptoException {
    char c = text.charAt(index);
    int value = c < VALUES.length ? VALUES[c] : -1;
    if (value < 0) {
      throw new CryptoException(
          CryptoError.BASE58_INVALID_CHARACTER,
          "character U+" + String.format("%04X", (int) c) + " at index " + index);
    }
    return value;
  }

  private static int countLeading(byte[] data, byte value) {
    int n = 0;
    while (n < data.length && data[n] == value) {
      n++;
    }
    return n;
  }
}
