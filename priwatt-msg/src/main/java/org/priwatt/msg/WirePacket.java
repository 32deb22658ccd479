package org.priwatt.msg;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

/**
 * A Bitmessage network packet: magic {@code E9BEB4D9} (4), command name NUL-padded to 12 bytes,
 * payload length (4), first 4 bytes of SHA-512(payload) (4), payload. Acknowledgements travel
 * inside messages as complete {@code object} packets, and a socket transport frames every
 * message this way. Immutable.
 *
 * <p>A command is 0 to 12 printable ASCII characters (0x20..0x7E), NUL padded; this is Bitcoin
 * Core's {@code CMessageHeader::IsCommandValid} rule. {@link #of} and {@link #decode} apply the
 * same rule, so every packet {@code of} builds decodes to itself and every packet {@code decode}
 * accepts re-encodes to the bytes it came from. {@link #CODEC} is the format on the shared byte
 * codec; a packet announces its own length, so a stream of packets decodes one after another.
 */
public final class WirePacket {
  /** The network magic. */
  public static final int MAGIC = 0xE9BEB4D9;
  /** Largest payload accepted (PyBitmessage's 1,600,100-byte message limit). */
  public static final int MAX_PAYLOAD = 1_600_100;
  /** Header length. */
  public static final int HEADER_LENGTH = 24;
  /** Length of the NUL-padded command field. */
  private static final int COMMAND_LENGTH = 12;
  /**
   * The packet format: big-endian, at most {@link #HEADER_LENGTH} + {@link #MAX_PAYLOAD} bytes.
   * Bad magic, command or checksum are {@link DecodeError#MALFORMED}.
   */
  public static final Codec<WirePacket> CODEC = new PacketCodec();

  private final String command;
  private final byte[] payload;

  private WirePacket(String command, byte[] payload) {
    this.command = command;
    this.payload = payload;
  }

  /**
   * Creates a packet.
   *
   * @throws IllegalArgumentException if the command is longer than 12 characters or holds a
   *     character outside printable ASCII (0x20..0x7E), or the payload exceeds {@link #MAX_PAYLOAD}
   * @throws NullPointerException if an argument is null
   */
  public static WirePacket of(String command, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (!isValidCommand(command) || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("bad command or payload too large");
    }
    return new WirePacket(command, payload.clone());
  }

  /** The one command rule both {@link #of} and {@link #decode} apply (see the class comment). */
  private static boolean isValidCommand(String command) {
    if (command.length() > COMMAND_LENGTH) {
      return false;
    }
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Returns the encoded packet. */
  public byte[] encode() {
    ByteWriter w = ByteWriter.of(ByteOrder.BIG_ENDIAN, HEADER_LENGTH + payload.length);
    CODEC.encode(this, w);
    return w.toByteArray();
  }

  /**
   * Decodes exactly one packet.
   *
   * @throws MessageException {@link MessageError#TRUNCATED}, {@link MessageError#TOO_LARGE},
   *     {@link MessageError#TRAILING_DATA}, or {@link MessageError#INVALID_FIELD} (bad magic,
   *     checksum, or a command {@link #of} would refuse: a byte outside printable ASCII, or a
   *     non-NUL byte after the padding starts)
   */
  public static WirePacket decode(byte[] data) throws MessageException {
    Objects.requireNonNull(data, "data");
    try {
      return CODEC.decodeFully(data);
    } catch (DecodeException e) {
      throw MessageException.of(e);
    }
  }

  /** {@link #CODEC}. */
  private static final class PacketCodec implements Codec<WirePacket> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return HEADER_LENGTH + MAX_PAYLOAD;
    }

    @Override
    public void encode(WirePacket value, ByteWriter out) {
      byte[] name = Arrays.copyOf(value.command.getBytes(StandardCharsets.US_ASCII), COMMAND_LENGTH);
      out.i32(MAGIC).bytes(name).u32(value.payload.length)
          .bytes(Hashes.sha512(value.payload), 0, 4).bytes(value.payload);
    }

    @Override
    public WirePacket decode(ByteReader in) throws DecodeException {
      int start = in.position();
      if (in.i32() != MAGIC) {
        throw new DecodeException(DecodeError.MALFORMED, start, "bad magic");
      }
      int nameAt = in.position();
      byte[] name = in.bytes(COMMAND_LENGTH);
      int end = 0;
      while (end < COMMAND_LENGTH && name[end] != 0) {
        end++;
      }
      for (int i = end; i < COMMAND_LENGTH; i++) {
        if (name[i] != 0) {
          throw new DecodeException(DecodeError.MALFORMED, nameAt + i, "command not NUL padded");
        }
      }
      // ISO-8859-1 maps each byte to the char of the same value, so the shared rule sees every byte.
      String command = new String(name, 0, end, StandardCharsets.ISO_8859_1);
      if (!isValidCommand(command)) {
        throw new DecodeException(DecodeError.MALFORMED, nameAt, "command byte outside printable ASCII");
      }
      int lengthAt = in.position();
      long length = in.u32();
      if (length > MAX_PAYLOAD) {
        throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, lengthAt,
            "payload of " + length + " bytes exceeds " + MAX_PAYLOAD);
      }
      int checksumAt = in.position();
      byte[] checksum = in.bytes(4);
      byte[] payload = in.bytes((int) length);
      if (!MessageDigest.isEqual(checksum, Arrays.copyOf(Hashes.sha512(payload), 4))) {
        throw new DecodeException(DecodeError.MALFORMED, checksumAt, "bad checksum");
      }
      return new WirePacket(command, payload);
    }
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
