package org.priwatt.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Bitcoin Core's lax DER signature parser (pubkey.cpp, {@code ecdsa_signature_parse_der_lax}),
 * which defines which signatures legacy consensus can verify when DERSIG is not enforced. Every
 * branch mirrors a rule of that parser; do not "fix" its tolerance.
 */
final class LaxDer {
  private LaxDer() {}

  static EcdsaSignature parse(byte[] in) throws CryptoException {
    int len = in.length;
    int pos = 0;
    if (pos == len || in[pos] != 0x30) {
      throw bad("missing sequence tag");
    }
    pos++;
    if (pos == len) {
      throw bad("missing sequence length");
    }
    int lenByte = in[pos++] & 0xff;
    if ((lenByte & 0x80) != 0) {
      lenByte -= 0x80;
      if (lenByte > len - pos) {
        throw bad("sequence length overflows");
      }
      pos += lenByte; // the sequence length itself is ignored
    }
    int[] r = new int[2]; // {offset, length}
    pos = integer(in, pos, r);
    int[] s = new int[2];
    integer(in, pos, s);
    // Anything after S is ignored, as in Core.
    BigInteger rv = value(in, r);
    BigInteger sv = value(in, s);
    return EcdsaSignature.of(rv, sv);
  }

  // Parses an INTEGER at pos into out = {contentOffset, contentLength}; returns the next position.
  private static int integer(byte[] in, int pos, int[] out) throws CryptoException {
    int len = in.length;
    if (pos == len || in[pos] != 0x02) {
      throw bad("missing integer tag");
    }
    pos++;
    if (pos == len) {
      throw bad("missing integer length");
    }
    int lenByte = in[pos++] & 0xff;
    long contentLen;
    if ((lenByte & 0x80) != 0) {
      lenByte -= 0x80;
      if (lenByte > len - pos) {
        throw bad("integer length overflows");
      }
      while (lenByte > 0 && in[pos] == 0) {
        pos++;
        lenByte--;
      }
      if (lenByte >= 8) {
        throw bad("integer length too wide");
      }
      contentLen = 0;
      while (lenByte > 0) {
        contentLen = (contentLen << 8) + (in[pos] & 0xff);
        pos++;
        lenByte--;
      }
    } else {
      contentLen = lenByte;
    }
    if (contentLen > len - pos) {
      throw bad("integer content overflows");
    }
    out[0] = pos;
    out[1] = (int) contentLen;
    return pos + (int) contentLen;
  }

  private static BigInteger value(byte[] in, int[] field) throws CryptoException {
    int off = field[0];
    int n = field[1];
    while (n > 0 && in[off] == 0) {
      off++;
      n--;
    }
    if (n > 32) {
      // Core parses this into an all-zero signature that never verifies.
      throw new CryptoException(CryptoError.INVALID_SIGNATURE_VALUE, "integer wider than 32 bytes");
    }
    return new BigInteger(1, Arrays.copyOfRange(in, off, off + n));
  }

  private static CryptoException bad(String why) {
    return new CryptoException(CryptoError.INVALID_SIGNATURE_ENCODING, "lax DER: " + why);
  }
}
