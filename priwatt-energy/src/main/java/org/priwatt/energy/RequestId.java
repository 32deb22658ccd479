package org.priwatt.energy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * A 16-byte random request id, the nonce that lets the DSO reject replayed requests and lets a
 * requester match replies. Immutable; shown as hex.
 */
public final class RequestId {
  /** Length in bytes. */
  public static final int LENGTH = 16;
  private final byte[] bytes;

  private RequestId(byte[] bytes) {
    this.bytes = bytes;
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
    if (Objects.requireNonNull(bytes, "bytes").length != LENGTH) {
      throw new IllegalArgumentException("request id must be 16 bytes");
    }
    return new RequestId(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestId && Arrays.equals(bytes, ((RequestId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
