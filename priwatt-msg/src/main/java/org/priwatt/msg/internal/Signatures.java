package org.priwatt.msg.internal;

import java.util.Arrays;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;

/**
 * Bitmessage object signatures: DER-encoded ECDSA over SHA-256 of the signed bytes, as
 * PyBitmessage {@code highlevelcrypto.sign} makes them. Verification also accepts the SHA-1
 * signatures of older clients: a 20-byte digest left-padded with zeros to 32 bytes is the same
 * integer, so the one 32-byte verifier serves both.
 */
public final class Signatures {
  /** Longest DER signature accepted (72 bytes is the maximum for secp256k1). */
  public static final int MAX_LENGTH = 80;

  private Signatures() {}

  /** Signs {@code data} with {@code key}; returns strict DER. */
  public static byte[] sign(EcKey key, byte[] data) {
    return key.sign(Hashes.sha256(data)).encodeDer();
  }

  /** Returns whether {@code der} is a valid signature of {@code data} by {@code key}; never throws on bad input. */
  public static boolean verify(EcPublicKey key, byte[] data, byte[] der) {
    EcdsaSignature sig;
    try {
      sig = EcdsaSignature.decodeDer(der);
    } catch (CryptoException e) {
      return false;
    }
    if (key.verify(Hashes.sha256(data), sig)) {
      return true;
    }
    byte[] sha1 = Hashes.sha1(data);
    byte[] padded = new byte[32];
    System.arraycopy(sha1, 0, padded, 12, 20);
    boolean ok = key.verify(padded, sig);
    Arrays.fill(padded, (byte) 0);
    return ok;
  }
}
