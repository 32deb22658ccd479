package org.priwatt.energy.registry.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Logs as the first registry protocol wrote them (header versions 1 and 2), which today's
 * registry must refuse untouched: their events cannot be carried over.
 */
public final class LegacyLogs {
  private LegacyLogs() {}

  /** A log of the first protocol, version 1: {@code length(4) ‖ crc32c(length ‖ payload)(4) ‖ payload} per record. */
  public static byte[] version1(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'P', 'W', 'W', 'A', 'L', 0, 0, 1});
    for (byte[] r : records) {
      byte[] length = ByteBuffer.allocate(4).putInt(r.length).array();
      CRC32C crc = new CRC32C();
      crc.update(length);
      crc.update(r);
      out.writeBytes(length);
      out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  /** A log of the first protocol, version 2: today's frames (chained from its own header) under header version 2. */
  public static byte[] version2(List<byte[]> records) {
    byte[] header = {'P', 'W', 'W', 'A', 'L', 0, 0, 2};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    int previous = ByteBuffer.wrap(header).getInt(4);
    long sequence = 0;
    for (byte[] r : records) {
      ByteBuffer frame = ByteBuffer.allocate(WriteAheadLog.OVERHEAD + r.length).putInt(r.length).putLong(sequence++)
          .put(r);
      CRC32C crc = new CRC32C();
      crc.update(ByteBuffer.allocate(4).putInt(0, previous));
      crc.update(frame.array(), 0, 12 + r.length);
      previous = (int) crc.getValue();
      frame.putInt(previous);
      out.writeBytes(frame.array());
    }
    return out.toByteArray();
  }
}
