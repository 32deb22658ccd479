package org.priwatt.energy;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * The shared shape of the module's fixed-length byte identifiers: immutable bytes, equal by type
 * and content, shown as hex. Each subclass stays its own type, so an entry id can never be passed
 * where a request id is expected.
 */
abstract sealed class ByteIdentifier permits EntryId, RequestId, LockId, ChannelId {
  private final byte[] bytes;

  ByteIdentifier(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes} after checking it is {@code length} long, for {@code fromBytes}. */
  static byte[] copyOfLength(byte[] bytes, int length, String what) {
    if (Objects.requireNonNull(bytes, "bytes").length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes");
    }
    return bytes.clone();
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((ByteIdentifier) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lower-case hex. */
  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
