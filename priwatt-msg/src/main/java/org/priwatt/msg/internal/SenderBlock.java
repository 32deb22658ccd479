package org.priwatt.msg.internal;

import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.msg.PowParameters;

/**
 * The sender fields at the start of msg and broadcast plaintexts: varint address version,
 * varint stream, 4-byte behaviour bitfield, 64-byte signing key and 64-byte encryption key (X ‖ Y,
 * the 0x04 prefix is not sent) and, for address versions 3 and up, the difficulty the sender
 * demands as two varints. Read and written on the shared big-endian codec.
 */
public record SenderBlock(int version, long stream, int behaviour, byte[] signKey64, byte[] encKey64, long trialsPerByte, long extraBytes) {
  /** Largest sender address version read (anything above 4 is refused later, by the identity). */
  private static final int MAX_VERSION = 16;

  /** Writes the block. */
  public void write(ByteWriter w) {
    w.compactSize(version).compactSize(stream).u32(behaviour & 0xffffffffL).bytes(signKey64).bytes(encKey64);
    if (version >= 3) {
      w.compactSize(trialsPerByte).compactSize(extraBytes);
    }
  }

  /**
   * Reads a block; versions 2 and below carry no difficulty and get the network default.
   *
   * @throws DecodeException if the bytes end early, a varint is not minimal or exceeds its bound
   */
  public static SenderBlock read(ByteReader r) throws DecodeException {
    int version = (int) r.compactSize(MAX_VERSION);
    long stream = r.compactSize(Long.MAX_VALUE);
    int behaviour = r.i32();
    byte[] sign = r.bytes(64);
    byte[] enc = r.bytes(64);
    long trials = 1000;
    long extra = 1000;
    if (version >= 3) {
      trials = r.compactSize(PowParameters.MAX_VALUE);
      extra = r.compactSize(PowParameters.MAX_VALUE);
    }
    return new SenderBlock(version, stream, behaviour, sign, enc, trials, extra);
  }
}
