package org.priwatt.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.BigIntegers;

/**
 * An ECDSA signature (R, S) on secp256k1, both in [1, n-1].
 *
 * <p>Encodings: strict DER as BIP 66 requires ({@link #decodeDer}, {@link #encodeDer}), Bitcoin
 * Core's lax DER parser that legacy consensus accepted before BIP 66 ({@link #decodeDerLax}), and
 * the 64-byte compact R‖S form. Signatures this library creates are always low S; verification
 * through {@link EcPublicKey#verify} accepts either S, as legacy consensus does.
 */
public final class EcdsaSignature {
  private final byte[] compact; // R‖S, 32 bytes each, big-endian
  private final boolean lowS;
  private volatile BigInteger r;
  private volatile BigInteger s;

  private EcdsaSignature(byte[] compact) {
    this.compact = compact;
    this.lowS = s().compareTo(Secp256k1.HALF_ORDER) <= 0;
  }

  /**
   * Creates a signature from its two values.
   *
   * @throws CryptoException INVALID_SIGNATURE_VALUE if R or S is not in [1, n-1]
   */
  public static EcdsaSignature of(BigInteger r, BigInteger s) throws CryptoException {
    checkRange(r, "R");
    checkRange(s, "S");
    byte[] c = new byte[64];
    BigIntegers.asUnsignedByteArray(r, c, 0, 32);
    BigIntegers.asUnsignedByteArray(s, c, 32, 32);
    return new EcdsaSignature(c);
  }

  /**
   * Creates a signature from the 64-byte compact R‖S form.
   *
   * @throws CryptoException INVALID_SIGNATURE_VALUE if R or S is not in [1, n-1]
   * @throws IllegalArgumentException if {@code compact} is not 64 bytes
   */
  public static EcdsaSignature decodeCompact(byte[] compact) throws CryptoException {
    if (Objects.requireNonNull(compact, "compact").length != 64) {
      throw new IllegalArgumentException("compact signature must be 64 bytes");
    }
    return of(new BigInteger(1, Arrays.copyOfRange(compact, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(compact, 32, 64)));
  }

  /** Wraps a backend-produced compact signature known to be valid and low S. */
  static EcdsaSignature trustedCompact(byte[] compact) {
    return new EcdsaSignature(compact);
  }

  private static void checkRange(BigInteger v, String name) throws CryptoException {
    if (v.signum() <= 0 || v.compareTo(Secp256k1.ORDER) >= 0) {
      throw new CryptoException(CryptoError.INVALID_SIGNATURE_VALUE, name + " not in [1, n-1]");
    }
  }

  /**
   * Returns true if {@code data[offset, offset+length)} is a DER signature meeting BIP 66's strict
   * rules (without a trailing hash-type byte): minimal lengths, positive minimal integers, no
   * trailing bytes, total length 8..72.
   */
  public static boolean isStrictDer(byte[] data, int offset, int length) {
    if (length < 8 || length > 72 || data[offset] != 0x30 || (data[offset + 1] & 0xff) != length - 2) {
      return false;
    }
    int lenR = data[offset + 3] & 0xff;
    if (5 + lenR >= length) {
      return false;
    }
    int lenS = data[offset + 5 + lenR] & 0xff;
    if (lenR + lenS + 6 != length) {
      return false;
    }
    return isStrictInteger(data, offset + 2, lenR) && isStrictInteger(data, offset + 4 + lenR, lenS);
  }

  // A DER INTEGER at tag position p with content length len: tag 0x02, non-empty, positive,
  // no needless leading zero.
  private static boolean isStrictInteger(byte[] d, int p, int len) {
    if (d[p] != 0x02 || len == 0 || (d[p + 2] & 0x80) != 0) {
      return false;
    }
    return !(len > 1 && d[p + 2] == 0 && (d[p + 3] & 0x80) == 0);
  }

  /**
   * Decodes a strict DER signature (BIP 66), without hash-type byte.
   *
   * @throws CryptoException INVALID_SIGNATURE_ENCODING for any DER violation, or
   *     INVALID_SIGNATURE_VALUE if R or S is out of range
   */
  public static EcdsaSignature decodeDer(byte[] der) throws CryptoException {
    if (!isStrictDer(der, 0, der.length)) {
      throw new CryptoException(CryptoError.INVALID_SIGNATURE_ENCODING, "not strict DER (BIP 66)");
    }
    int lenR = der[3] & 0xff;
    int lenS = der[5 + lenR] & 0xff;
    return of(new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + lenR)),
        new BigInteger(1, Arrays.copyOfRange(der, 6 + lenR, 6 + lenR + lenS)));
  }

  /**
   * Decodes a signature the way Bitcoin Core's {@code ecdsa_signature_parse_der_lax} does for
   * legacy consensus: tolerant of long-form and excess lengths, leading zeros and trailing
   * garbage.
   *
   * @throws CryptoException INVALID_SIGNATURE_ENCODING if even the lax parser fails, or
   *     INVALID_SIGNATURE_VALUE if R or S is zero, ≥ n or wider than 32 bytes (a signature Core
   *     parses but that can never verify)
   */
  public static EcdsaSignature decodeDerLax(byte[] der) throws CryptoException {
    return LaxDer.parse(der);
  }

  /** Returns the strict DER encoding (BIP 66), without hash-type byte. */
  public byte[] encodeDer() {
    byte[] rb = r().toByteArray(); // minimal two's complement: positive, minimal
    byte[] sb = s().toByteArray();
    byte[] out = new byte[6 + rb.length + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + rb.length + sb.length);
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 0x02;
    out[5 + rb.length] = (byte) sb.length;
    System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
    return out;
  }

  /** Returns the 64-byte compact R‖S form. */
  public byte[] compact() {
    return compact.clone();
  }

  byte[] compactUnsafe() {
    return compact;
  }

  /** Returns R. */
  public BigInteger r() {
    BigInteger v = r;
    if (v == null) {
      v = new BigInteger(1, Arrays.copyOfRange(compact, 0, 32));
      r = v;
    }
    return v;
  }

  /** Returns S. */
  public BigInteger s() {
    BigInteger v = s;
    if (v == null) {
      v = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
      s = v;
    }
    return v;
  }

  /** Returns true if S ≤ n/2, the canonical form BIP 62/146 require. */
  public boolean isLowS() {
    return lowS;
  }

  /** Returns this signature with S replaced by n − S if S is high; otherwise this. */
  public EcdsaSignature normalizeS() {
    if (lowS) {
      return this;
    }
    byte[] c = compact.clone();
    BigIntegers.asUnsignedByteArray(Secp256k1.ORDER.subtract(s()), c, 32, 32);
    EcdsaSignature n = new EcdsaSignature(c);
    n.r = r;
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcdsaSignature && Arrays.equals(compact, ((EcdsaSignature) o).compact);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compact);
  }

  /** Returns the DER encoding in hex. */
  @Override
  public String toString() {
    return Hex.encode(encodeDer());
  }
}
