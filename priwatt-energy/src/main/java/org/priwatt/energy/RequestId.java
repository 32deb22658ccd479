package org.priwatt.energy;

import java.security.SecureRandom;

/**
 * A 16-byte random request id, the nonce that lets the DSO reject replayed requests and lets a
 * requester match replies. Immutable; shown as hex.
 */
public final class RequestId extends ByteIdentifier {
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private RequestId(byte[] bytes) {
    super(bytes);
  }

  /** A fresh random id. */
  public static RequestId random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new RequestId(b);
  }

  /**
   * An id from its bytes.
   *
   * @throws IllegalArgumentException if not 16 bytes
   */
  public static RequestId fromBytes(byte[] bytes) {
    return new RequestId(copyOfLength(bytes, LENGTH, "request id"));
  }
}
