package org.priwatt.msg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.msg.internal.ByteReader;
import org.priwatt.msg.internal.ByteWriter;

/**
 * A Bitmessage network packet: magic {@code E9BEB4D9} (4), command name NUL-padded to 12 bytes,
 * payload length (4), first 4 bytes of SHA-512(payload) (4), payload. Acknowledgements travel
 * inside messages as complete {@code object} packets, and a socket transport frames every
 * message this way. Immutable.
 */
public final class WirePacket {
  /** The network magic. */
  public static final int MAGIC = 0xE9BEB4D9;
  /** Largest payload accepted (PyBitmessage's 1,600,100-byte message limit). */
  public static final int MAX_PAYLOAD = 1_600_100;
  /** Header length. */
  public static final int HEADER_LENGTH = 24;

  private final String command;
  private final byte[] payload;

  private WirePacket(String command, byte[] payload) {
    this.command = command;
    this.payload = payload;
  }

  /**
   * Creates a packet.
   *
   * @throws IllegalArgumentException if the command is longer than 12 ASCII bytes or the payload
   *     exceeds {@link #MAX_PAYLOAD}
   */
  public static WirePacket of(String command, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (command.length() > 12 || !StandardCharsets.US_ASCII.newEncoder().canEncode(command) || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("bad command or payload too large");
    }
    return new WirePacket(command, payload.clone());
  }

  /** Returns the encoded packet. */
  public byte[] encode() {
    byte[] name = Arrays.copyOf(command.getBytes(StandardCharsets.US_ASCII), 12);
    return new ByteWriter(HEADER_LENGTH + payload.length).u32(MAGIC & 0xffffffffL).bytes(name).u32(payload.length)
        .bytes(Hashes.sha512(payload), 0, 4).bytes(payload).toByteArray();
  }

  /**
   * Decodes exactly one packet.
   *
   * @throws MessageException {@link MessageError#TRUNCATED}, {@link MessageError#TOO_LARGE},
   *     {@link MessageError#TRAILING_DATA}, or {@link MessageError#INVALID_FIELD} (bad magic,
   *     command or checksum)
   */
  public static WirePacket decode(byte[] data) throws MessageException {
    ByteReader r = new ByteReader(data);
    if ((int) r.u32("magic") != MAGIC) {
      throw new MessageException(MessageError.INVALID_FIELD, "bad magic");
    }
    byte[] name = r.bytes(12, "command");
    int end = 0;
    while (end < 12 && name[end] != 0) {
      end++;
    }
    for (int i = end; i < 12; i++) {
      if (name[i] != 0) {
        throw new MessageException(MessageError.INVALID_FIELD, "command not NUL padded");
      }
    }
    long length = r.u32("length");
    if (length > MAX_PAYLOAD) {
      throw new MessageException(MessageError.TOO_LARGE, "payload of " + length + " bytes");
    }
    byte[] checksum = r.bytes(4, "checksum");
    byte[] payload = r.bytes((int) length, "payload");
    r.expectEnd("packet");
    if (!MessageDigest.isEqual(checksum, Arrays.copyOf(Hashes.sha512(payload), 4))) {
      throw new MessageException(MessageError.INVALID_FIELD, "bad checksum");
    }
    return new WirePacket(new String(name, 0, end, StandardCharsets.US_ASCII), payload);
  }

  /** Returns the command name. */
  public String command() {
    return command;
  }

  /** Returns a copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WirePacket p && p.command.equals(command) && Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return command.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "WirePacket{" + command + ", " + payload.length + " bytes}";
  }
}
