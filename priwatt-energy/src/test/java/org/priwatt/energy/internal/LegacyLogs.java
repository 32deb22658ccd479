package org.priwatt.energy.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/** Writes logs in the retired version 1 format, as the previous release did, for upgrade tests. */
public final class LegacyLogs {
  private LegacyLogs() {}

  /** {@code "PWWAL\0\0\1"}, then {@code length(4) ‖ crc32c(length ‖ payload)(4) ‖ payload} per record. */
  public static byte[] v1(List<byte[]> records) {
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
}
