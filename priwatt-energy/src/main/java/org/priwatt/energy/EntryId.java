package org.priwatt.energy;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;

/**
 * The public identifier of a DSO registry entry: {@code SHA256("PriWatt entry id v1" ‖ bλ)}. It
 * names an amount of energy in offers, lock requests and payment commitments without revealing the
 * ownership secret. Immutable; shown as hex.
 */
public final class EntryId {
  /** Length in bytes. */
  public static final int LENGTH = 32;
  private static final byte[] TAG = "PriWatt entry id v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final byte[] bytes;

  private EntryId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The identifier of the entry controlled by ownership secret {@code lambda}. */
  public static EntryId of(EnergySecret lambda) {
    byte[] secret = lambda.copyBytes();
    try {
      return new EntryId(Hashes.sha256(TAG, secret));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * An identifier from its 32 bytes.
   *
   * @throws IllegalArgumentException if the length is not 32
   */
  public static EntryId fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("entry id must be 32 bytes");
    }
    return new EntryId(bytes.clone());
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryId && Arrays.equals(bytes, ((EntryId) o).bytes);
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
