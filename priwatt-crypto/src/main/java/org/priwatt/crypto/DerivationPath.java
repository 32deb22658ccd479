package org.priwatt.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A BIP 32 derivation path such as {@code m/44'/0'/0'/0/7}: a sequence of child indexes, each a
 * 32-bit value whose top bit marks hardened derivation. Immutable.
 *
 * <p>Text form: {@code m} followed by {@code /index} components, each a decimal number below
 * 2^31 without sign or leading zeros, optionally suffixed by {@code '}, {@code h} or {@code H}
 * for hardened. {@link #toString()} always writes {@code '}.
 */
public final class DerivationPath {
  /** The bit that marks a hardened child index (2^31). */
  public static final int HARDENED_BIT = 0x80000000;
  /** Deepest path expressible: BIP 32 serializes the depth in one byte. */
  public static final int MAX_DEPTH = 255;
  /** The empty path {@code m}: the key itself. */
  public static final DerivationPath MASTER = new DerivationPath(new int[0]);

  private static final int MAX_TEXT_LENGTH = MAX_DEPTH * 12 + 1;

  private final int[] indexes;

  private DerivationPath(int[] indexes) {
    this.indexes = indexes;
  }

  /**
   * A path of raw 32-bit child indexes (hardened ones have {@link #HARDENED_BIT} set).
   *
   * @throws IllegalArgumentException if there are more than {@link #MAX_DEPTH} indexes
   */
  public static DerivationPath of(int... indexes) {
    Objects.requireNonNull(indexes, "indexes");
    if (indexes.length > MAX_DEPTH) {
      throw new IllegalArgumentException("path deeper than " + MAX_DEPTH);
    }
    return new DerivationPath(indexes.clone());
  }

  /**
   * Parses the text form described in the class comment.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws CryptoException {@link CryptoError#INVALID_DERIVATION_PATH} if it does not start with
   *     {@code m}, has an empty, non-decimal, zero-padded or out-of-range component, or is deeper
   *     than {@link #MAX_DEPTH}
   */
  public static DerivationPath parse(String text) throws CryptoException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_TEXT_LENGTH) {
      throw invalid("path text too long");
    }
    String[] parts = text.split("/", -1);
    if (!parts[0].equals("m")) {
      throw invalid("path must start with 'm'");
    }
    if (parts.length - 1 > MAX_DEPTH) {
      throw invalid("path deeper than " + MAX_DEPTH);
    }
    int[] indexes = new int[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      indexes[i - 1] = parseComponent(parts[i]);
    }
    return new DerivationPath(indexes);
  }

  private static int parseComponent(String part) throws CryptoException {
    boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
    String digits = hardened ? part.substring(0, part.length() - 1) : part;
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid("bad path component '" + abbreviate(part) + "'");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw invalid("leading zero in path component '" + part + "'");
    }
    long value = Long.parseLong(digits);
    if (value >= 1L << 31) {
      throw invalid("path component " + digits + " is not below 2^31");
    }
    return hardened ? (int) value | HARDENED_BIT : (int) value;
  }

  private static CryptoException invalid(String message) {
    return new CryptoException(CryptoError.INVALID_DERIVATION_PATH, message);
  }

  private static String abbreviate(String s) {
    return s.length() <= 16 ? s : s.substring(0, 16) + "...";
  }

  /** Returns {@code index} with the hardened bit set; {@code index} must be below 2^31. */
  public static int hardened(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be below 2^31, got " + Integer.toUnsignedString(index));
    }
    return index | HARDENED_BIT;
  }

  /** True if {@code index} has the hardened bit set. */
  public static boolean isHardened(int index) {
    return (index & HARDENED_BIT) != 0;
  }

  /**
   * This path extended by one raw child index.
   *
   * @throws IllegalArgumentException if the result would be deeper than {@link #MAX_DEPTH}
   */
  public DerivationPath child(int index) {
    if (indexes.length == MAX_DEPTH) {
      throw new IllegalArgumentException("path deeper than " + MAX_DEPTH);
    }
    int[] longer = Arrays.copyOf(indexes, indexes.length + 1);
    longer[indexes.length] = index;
    return new DerivationPath(longer);
  }

  /** Number of derivation steps. */
  public int size() {
    return indexes.length;
  }

  /** The raw index of step {@code position} (0-based). */
  public int get(int position) {
    return indexes[position];
  }

  /** A copy of all raw indexes. */
  public int[] indexes() {
    return indexes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DerivationPath && Arrays.equals(indexes, ((DerivationPath) o).indexes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indexes);
  }

  /** The text form, hardened steps marked with {@code '}, e.g. {@code m/44'/0'/0'/0/7}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("m");
    for (int index : indexes) {
      sb.append('/').append(index & ~HARDENED_BIT);
      if (isHardened(index)) {
        sb.append('\'');
      }
    }
    return sb.toString();
  }
}
