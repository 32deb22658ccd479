package org.priwatt.channels.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.WirePacket;

/**
 * The child-process bridge's framing: each frame is a 4-byte big-endian length then one {@link
 * WirePacket} (the Bitmessage packet format: magic, command, length, checksum, payload), bounded
 * before allocation. Loopback and tests only.
 */
final class Frames {
  static final int MAX_FRAME = WirePacket.HEADER_LENGTH + (1 << 20);

  private Frames() {}

  static void write(DataOutputStream out, String command, byte[] payload) throws IOException {
    byte[] packet = WirePacket.of(command, payload).encode();
    synchronized (out) {
      out.writeInt(packet.length);
      out.write(packet);
      out.flush();
    }
  }

  /** The next frame; throws {@link EOFException} when the peer closed. */
  static WirePacket read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < WirePacket.HEADER_LENGTH || n > MAX_FRAME) {
      throw new IOException("frame of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    try {
      return WirePacket.decode(b);
    } catch (MessageException e) {
      throw new IOException("bad frame: " + e.getMessage(), e);
    }
  }
}
