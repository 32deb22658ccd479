package org.priwatt.energy;

import java.security.SecureRandom;

/**
 * The name of one payment channel (Case 2): 16 random bytes the client draws when she opens it.
 * Every channel message names it, and the DSO locks an entry's parts to it, so a message or a
 * lock of one channel cannot be taken for another's. Immutable; shown as hex.
 */
public final class ChannelId extends ByteIdentifier {
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private ChannelId(byte[] bytes) {
    super(bytes);
  }

  /** A fresh random channel id. */
  public static ChannelId random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new ChannelId(b);
  }

  /**
   * A channel id from its bytes.
   *
   * @throws IllegalArgumentException if not 16 bytes
   */
  public static ChannelId fromBytes(byte[] bytes) {
    return new ChannelId(copyOfLength(bytes, LENGTH, "channel id"));
  }
}
