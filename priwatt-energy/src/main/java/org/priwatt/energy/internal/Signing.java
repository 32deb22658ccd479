package org.priwatt.energy.internal;

import java.nio.charset.StandardCharsets;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;

/**
 * Domain-separated ECDSA for the energy formats: a signature over {@code SHA256(domain ‖ body)}
 * in 64-byte compact form (r ‖ s, low S), so a signature made for one message type can never be
 * replayed as another and every signed format has a fixed-size field. Stateless.
 */
public final class Signing {
  /** Length of a compact signature. */
  public static final int LENGTH = 64;

  private Signing() {}

  /** The hash signed for {@code body} under {@code domain}. */
  public static byte[] digest(String domain, byte[] body) {
    return Hashes.sha256(domain.getBytes(StandardCharsets.US_ASCII), body);
  }

  /** {@code key}'s compact signature of {@code body} under {@code domain} (RFC 6979, low S). */
  public static byte[] sign(EcKey key, String domain, byte[] body) {
    return key.sign(digest(domain, body)).compact();
  }

  /** Whether {@code signature} is {@code key}'s low-S compact signature of {@code body} under {@code domain}. Never throws on hostile bytes. */
  public static boolean verify(EcPublicKey key, String domain, byte[] body, byte[] signature) {
    if (signature.length != LENGTH) {
      return false;
    }
    try {
      return key.verifyLowS(digest(domain, body), EcdsaSignature.decodeCompact(signature));
    } catch (CryptoException e) {
      return false;
    }
  }
}
