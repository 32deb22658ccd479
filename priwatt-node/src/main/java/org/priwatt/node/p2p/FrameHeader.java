package org.priwatt.node.p2p;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

/**
 * The 24-byte header in front of every P2P message, as Bitcoin Core frames it: the network's 4
 * magic bytes, the command name in 12 bytes (printable ASCII, NUL-padded), the payload length
 * (little-endian uint32) and the first 4 bytes of the payload's double SHA-256.
 *
 * @param magic the magic bytes in wire order, as a big-endian int ({@code
 *     ChainParameters.magic()})
 * @param command the command name, 1 to 12 printable ASCII characters
 * @param length the payload length, non-negative
 * @param checksum the first 4 checksum bytes in wire order, as a big-endian int
 */
public record FrameHeader(int magic, String command, int length, int checksum) {
  /** Size of the header, bytes. */
  public static final int SIZE = 24;
  /** The header codec. The length is read as an unsigned 32-bit number and refused above 2^31 - 1. */
  public static final Codec<FrameHeader> CODEC = new HeaderCodec();

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the command is empty, longer than 12 bytes or not
   *     printable ASCII, or the length is negative
   */
  public FrameHeader {
    Objects.requireNonNull(command, "command");
    if (!isValidCommand(command)) {
      throw new IllegalArgumentException("invalid command name " + command);
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
  }

  /** The header of a frame carrying {@code payload} as {@code command} on the network of {@code magic}. */
  public static FrameHeader of(int magic, Command command, byte[] payload) {
    return new FrameHeader(magic, command.wireName(), payload.length, checksum(payload));
  }

  /** The first 4 bytes of the double SHA-256 of {@code payload}, as a big-endian int. */
  public static int checksum(byte[] payload) {
    return checksum(payload, 0, payload.length);
  }

  /** As {@link #checksum(byte[])} for {@code length} bytes of {@code data} from {@code offset}. */
  public static int checksum(byte[] data, int offset, int length) {
    byte[] h = Hashes.sha256d(data, offset, length);
    return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
  }

  private static boolean isValidCommand(String command) {
    if (command.isEmpty() || command.length() > Command.NAME_LENGTH) {
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

  private static final class HeaderCodec implements Codec<FrameHeader> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int maxSize() {
      return SIZE;
    }

    @Override
    public void encode(FrameHeader h, ByteWriter out) {
      out.bytes(bigEndian(h.magic));
      byte[] name = new byte[Command.NAME_LENGTH];
      byte[] ascii = h.command.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(ascii, 0, name, 0, ascii.length);
      out.bytes(name).u32(h.length).bytes(bigEndian(h.checksum));
    }

    @Override
    public FrameHeader decode(ByteReader in) throws DecodeException {
      int magic = fromBigEndian(in.bytes(4));
      int at = in.position();
      byte[] name = in.bytes(Command.NAME_LENGTH);
      int end = 0;
      while (end < name.length && name[end] != 0) {
        if (name[end] < 0x20 || name[end] > 0x7e) {
          throw new DecodeException(DecodeError.MALFORMED, at + end, "command byte " + (name[end] & 0xff));
        }
        end++;
      }
      if (end == 0) {
        throw new DecodeException(DecodeError.MALFORMED, at, "empty command");
      }
      for (int i = end; i < name.length; i++) {
        if (name[i] != 0) {
          throw new DecodeException(DecodeError.MALFORMED, at + i, "command not NUL-padded");
        }
      }
      long length = in.u32();
      if (length > Integer.MAX_VALUE) {
        throw in.failure(DecodeError.LENGTH_OUT_OF_RANGE, "payload length " + length);
      }
      int checksum = fromBigEndian(in.bytes(4));
      return new FrameHeader(magic, new String(name, 0, end, StandardCharsets.US_ASCII), (int) length, checksum);
    }

    private static byte[] bigEndian(int v) {
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int fromBigEndian(byte[] b) {
      return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
  }
}
