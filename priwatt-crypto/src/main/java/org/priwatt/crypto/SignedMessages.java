package org.priwatt.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bitcoin's signed messages ({@code signmessage}/{@code verifymessage}): the double SHA-256 of
 * the magic prefix and the message, each preceded by its CompactSize length, signed recoverably.
 */
public final class SignedMessages {
  private static final byte[] MAGIC = "Bitcoin Signed Message:\n".getBytes(StandardCharsets.UTF_8);

  private SignedMessages() {}

  /** Returns the hash a signed message commits to. */
  public static byte[] messageHash(String message) {
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(msg.length + MAGIC.length + 10);
    writeCompactSize(out, MAGIC.length);
    out.writeBytes(MAGIC);
    writeCompactSize(out, msg.length);
    out.writeBytes(msg);
    return Hashes.sha256d(out.toByteArray());
  }

  private static void writeCompactSize(ByteArrayOutputStream out, long n) {
    if (n < 0xfd) {
      out.write((int) n);
    } else if (n <= 0xffff) {
      out.write(0xfd);
      out.write((int) n);
      out.write((int) (n >>> 8));
    } else {
      out.write(0xfe);
      for (int i = 0; i < 4; i++) {
        out.write((int) (n >>> (8 * i)));
      }
    }
  }

  /** Signs {@code message} with {@code key}; returns the Base64 signature. */
  public static String sign(EcKey key, String message) {
    return key.signRecoverable(messageHash(message)).toBase64();
  }

  /**
   * Recovers the public key that signed {@code message}; compare its HASH160 or address with the
   * expected signer.
   *
   * @throws CryptoException if the signature is malformed or recovers no key
   */
  public static EcPublicKey recoverSigner(String message, String signatureBase64)
      throws CryptoException {
    return RecoverableSignature.fromBase64(signatureBase64).recoverPublicKey(messageHash(message));
  }
}
