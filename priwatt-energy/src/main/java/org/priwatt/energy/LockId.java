package org.priwatt.energy;

import java.security.SecureRandom;

/**
 * The DSO's name for one lock of one entry: 16 random bytes drawn when the lock is granted. The
 * buyer's funding transaction commits to it (with the entry id), so a payment exists only after
 * the lock it pays for, and one payment can serve one lock only. Immutable; shown as hex.
 */
public final class LockId extends ByteIdentifier {
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private LockId(byte[] bytes) {
    super(bytes);
  }

  /** A fresh random lock id. */
  public static LockId random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new LockId(b);
  }

  /**
   * A lock id from its bytes.
   *
   * @throws IllegalArgumentException if not 16 bytes
   */
  public static LockId fromBytes(byte[] bytes) {
    return new LockId(copyOfLength(bytes, LENGTH, "lock id"));
  }
}
