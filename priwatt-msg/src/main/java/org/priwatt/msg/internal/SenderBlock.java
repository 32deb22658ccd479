package org.priwatt.msg.internal;

import org.priwatt.msg.MessageException;

/**
 * The sender fields at the start of msg and broadcast plaintexts: varint address version,
 * varint stream, 4-byte behaviour bitfield, 64-byte signing key and 64-byte encryption key (X ‖ Y,
 * the 0x04 prefix is not sent) and, for address versions 3 and up, the difficulty the sender
 * demands as two varints.
 */
public record SenderBlock(int version, long stream, int behaviour, byte[] signKey64, byte[] encKey64, long trialsPerByte, long extraBytes) {
  /** Writes the block. */
  public void write(ByteWriter w) {
    w.varInt(version).varInt(stream).u32(behaviour & 0xffffffffL).bytes(signKey64).bytes(encKey64);
    if (version >= 3) {
      w.varInt(trialsPerByte).varInt(extraBytes);
    }
  }

  /** Reads a block; versions 2 and below carry no difficulty and get the network default. */
  public static SenderBlock read(ByteReader r) throws MessageException {
    int version = (int) r.varInt(16, "sender address version");
    long stream = r.varInt(Long.MAX_VALUE, "sender stream");
    int behaviour = (int) r.u32("behaviour");
    byte[] sign = r.bytes(64, "signing key");
    byte[] enc = r.bytes(64, "encryption key");
    long trials = 1000;
    long extra = 1000;
    if (version >= 3) {
      trials = r.varInt(1L << 40, "nonce trials per byte");
      extra = r.varInt(1L << 40, "extra bytes");
    }
    return new SenderBlock(version, stream, behaviour, sign, enc, trials, extra);
  }
}
