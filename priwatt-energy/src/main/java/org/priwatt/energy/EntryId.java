package org.priwatt.energy;

import java.util.Arrays;
import org.priwatt.crypto.Hashes;

/**
 * The public identifier of a DSO registry entry: {@code SHA256("PriWatt entry id v1" ‖ bλ)}. It
 * names an amount of energy in offers, lock requests and payment commitments without revealing the
 * ownership secret. Immutable; shown as hex.
 */
public final class EntryId extends ByteIdentifier {
  /** Length in bytes. */
  public static final int LENGTH = 32;
  private static final byte[] TAG = "PriWatt entry id v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);


  private EntryId(byte[] bytes) {
    super(bytes);
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
    return new EntryId(copyOfLength(bytes, LENGTH, "entry id"));
  }
}
