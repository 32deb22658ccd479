package org.priwatt.crypto.internal.ec;

/**
 * Width-w non-adjacent form of a 256-bit scalar: digits that are zero or odd in
 * (-2^(w-1), 2^(w-1)), at least w - 1 zeros between two non-zero digits, so a multiplication
 * costs one addition per w + 1 bits on average and needs only the odd multiples 1, 3, ...,
 * 2^(w-1) - 1 of the point (the negative ones are free on an elliptic curve).
 */
final class Wnaf {
  /** Room for a carry out of the top window of a 256-bit scalar. */
  static final int MAX_LENGTH = 256 + 16;

  private Wnaf() {}

  /**
   * Writes the digits of the 32-byte big-endian {@code scalar} into {@code digits} (least
   * significant first, length at least {@link #MAX_LENGTH}, zeroed by this method) and returns
   * the index of the highest non-zero digit plus one (0 for a zero scalar). {@code w} is 2..16.
   */
  static int encode(int[] digits, byte[] scalar, int w) {
    int[] words = new int[10]; // little-endian 32-bit words with zero words above the scalar
    for (int i = 0; i < 32; i++) {
      words[i >>> 2] |= (scalar[31 - i] & 0xFF) << (8 * (i & 3));
    }
    java.util.Arrays.fill(digits, 0, MAX_LENGTH, 0);
    int length = 0;
    int carry = 0;
    int bit = 0;
    // The rest still to encode is (scalar >> bit) + carry: skip it while it is even, otherwise
    // take w bits as an odd digit, and borrow from the next window when the digit would be large.
    while (bit < 256 || carry != 0) {
      if (bitAt(words, bit) == carry) {
        bit++;
        continue;
      }
      int digit = bitsAt(words, bit, w) + carry;
      carry = (digit >>> (w - 1)) & 1;
      digit -= carry << w;
      digits[bit] = digit;
      length = bit + 1;
      bit += w;
    }
    return length;
  }

  private static int bitAt(int[] words, int bit) {
    return (words[bit >>> 5] >>> (bit & 31)) & 1;
  }

  private static int bitsAt(int[] words, int bit, int count) {
    int i = bit >>> 5;
    long two = (words[i] & 0xFFFFFFFFL) | ((long) words[i + 1] << 32);
    return (int) (two >>> (bit & 31)) & ((1 << count) - 1);
  }
}
