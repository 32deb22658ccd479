package org.priwatt.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base58Check: Base58 of {@code payload || checksum}, where the checksum is the first four bytes
 * of SHA-256(SHA-256(payload)). The format behind Bitcoin addresses, WIF private keys and BIP 32
 * extended keys; the checksum catches typing errors, it is not a security mechanism.
 */
public final class Base58Check {
  /** Length of the checksum appended to the payload. */
  public static final int CHECKSUM_LENGTH = 4;
  /** Longest payload {@link #encode} accepts. */
  public static final int MAX_PAYLOAD_LENGTH = Base58.MAX_DECODED_LENGTH - CHECKSUM_LENGTH;

  private Base58Check() {}

  /**
   * Appends the checksum to {@code payload} and Base58-encodes the result.
   *
   * @throws NullPointerException if {@code payload} is null
   * @throws IllegalArgumentException if {@code payload} is longer than {@link #MAX_PAYLOAD_LENGTH}
   */
  public static String encode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.length > MAX_PAYLOAD_LENGTH) {
      throw new IllegalArgumentException(
          "Base58Check payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_LENGTH);
    }
    byte[] data = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
    System.arraycopy(checksum(payload, payload.length), 0, data, payload.length, CHECKSUM_LENGTH);
    try {
      return Base58.encode(data);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  /**
   * Decodes {@code text} and verifies and strips its checksum.
   *
   * @return the payload (possibly empty)
   * @throws NullPointerException if {@code text} is null
   * @throws CryptoException the {@link Base58#decode} errors; {@link CryptoError#BASE58_TOO_SHORT}
   *     if fewer than four bytes decode; {@link CryptoError#BASE58_BAD_CHECKSUM} if the checksum
   *     does not match
   */
  public static byte[] decode(String text) throws CryptoException {
    byte[] data = Base58.decode(text);
    if (data.length < CHECKSUM_LENGTH) {
      throw new CryptoException(
          CryptoError.BASE58_TOO_SHORT,
          "Base58Check data of " + data.length + " bytes has no room for its checksum");
    }
    try {
      int payloadLength = data.length - CHECKSUM_LENGTH;
      byte[] expected = checksum(data, payloadLength);
      byte[] actual = Arrays.copyOfRange(data, payloadLength, data.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new CryptoException(CryptoError.BASE58_BAD_CHECKSUM, "Base58Check checksum mismatch");
      }
      return Arrays.copyOf(data, payloadLength);
    } finally {
      Arrays.fill(data, (byte) 0); // the payload may be a secret (WIF, xprv)
    }
  }

  private static byte[] checksum(byte[] data, int length) {
    return Arrays.copyOf(Hashes.sha256d(data, 0, length), CHECKSUM_LENGTH);
  }
}
