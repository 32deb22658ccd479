package org.priwatt.script.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.priwatt.crypto.Secp256k1;

/**
 * Byte-level signature and public-key encoding rules of Bitcoin Core's interpreter:
 * {@code IsValidSignatureEncoding} (BIP 66 strict DER plus a trailing hash-type byte),
 * {@code IsLowDERSignature} (BIP 62 rule 5), {@code IsDefinedHashtypeSignature} and
 * {@code IsCompressedOrUncompressedPubKey}. All inputs are untrusted; nothing here throws.
 *
 * <p>The low-S rule is implemented here rather than with {@code EcdsaSignature.decodeDerLax}
 * because Core treats an R or S at or above the curve order as a zero signature (low S), where
 * the crypto module rejects such values.
 */
public final class SignatureEncoding {
  private SignatureEncoding() {}

  /**
   * BIP 66: {@code 0x30 len 0x02 lenR R 0x02 lenS S hashtype}, lengths consistent, R and S
   * positive, non-empty and without unnecessary leading zero bytes, total 9..73 bytes.
   */
  public static boolean isValidSignatureEncoding(byte[] sig) {
    int size = sig.length;
    if (size < 9 || size > 73) {
      return false;
    }
    if ((sig[0] & 0xff) != 0x30 || (sig[1] & 0xff) != size - 3) {
      return false;
    }
    int lenR = sig[3] & 0xff;
    if (5 + lenR >= size) {
      return false;
    }
    int lenS = sig[5 + lenR] & 0xff;
    if (lenR + lenS + 7 != size) {
      return false;
    }
    if (sig[2] != 0x02 || lenR == 0 || (sig[4] & 0x80) != 0) {
      return false;
    }
    if (lenR > 1 && sig[4] == 0 && (sig[5] & 0x80) == 0) {
      return false;
    }
    if (sig[lenR + 4] != 0x02 || lenS == 0 || (sig[lenR + 6] & 0x80) != 0) {
      return false;
    }
    return !(lenS > 1 && sig[lenR + 6] == 0 && (sig[lenR + 7] & 0x80) == 0);
  }

  /**
   * For a signature that passed {@link #isValidSignatureEncoding}: true unless S exceeds half
   * the curve order. As Core (which parses with the lax parser and normalises), an R or S at or
   * above the order makes the signature unparsable-as-valid and counts as low.
   */
  public static boolean hasLowS(byte[] sig) {
    int lenR = sig[3] & 0xff;
    int lenS = sig[5 + lenR] & 0xff;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 4, 4 + lenR));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 6 + lenR, 6 + lenR + lenS));
    if (r.compareTo(Secp256k1.ORDER) >= 0 || s.compareTo(Secp256k1.ORDER) >= 0) {
      return true;
    }
    return s.compareTo(Secp256k1.HALF_ORDER) <= 0;
  }

  /** The last byte, without ANYONECANPAY (0x80), is SIGHASH_ALL, NONE or SINGLE (1..3). */
  public static boolean isDefinedHashType(byte[] sig) {
    if (sig.length == 0) {
      return false;
    }
    int type = sig[sig.length - 1] & 0xff & ~0x80;
    return type >= 1 && type <= 3;
  }

  /** 33 bytes starting 0x02/0x03, or 65 bytes starting 0x04. */
  public static boolean isCompressedOrUncompressedPubKey(byte[] key) {
    if (key.length < 33) {
      return false;
    }
    int prefix = key[0] & 0xff;
    if (prefix == 0x04) {
      return key.length == 65;
    }
    if (prefix == 0x02 || prefix == 0x03) {
      return key.length == 33;
    }
    return false;
  }
}
