package org.priwatt.energy.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed, length-prefixed records, forced to disk after every
 * append: the durable half of the DSO registry.
 *
 * <p>Layout: the 8-byte magic {@code "PWWAL\0\0\1"}, then records {@code length(4, big-endian) ‖
 * crc32c(4) ‖ payload}, where the CRC-32C covers the length bytes and the payload (so a damaged
 * length is caught too) and {@code 1 <= length <= MAX_RECORD}.
 *
 * <p>Recovery ({@link #open}): records are read in order until the end of the file or the first
 * record that is incomplete, too long or fails its checksum. That point is a torn tail, the
 * remains of an append interrupted by a crash; the file is truncated there (and forced) so the
 * next append starts on a clean boundary. A record is only acknowledged after {@link
 * FileChannel#force} returned, so everything acknowledged survives. Not thread-safe: the
 * registry serialises appends.
 */
public final class WriteAheadLog implements Closeable {
  /** Largest record payload accepted (bounds allocation during recovery). */
  public static final int MAX_RECORD = 1 << 20;
  private static final byte[] MAGIC = {'P', 'W', 'W', 'A', 'L', 0, 0, 1};
  private static final int HEADER = 8;

  private final FileChannel channel;
  private long size;
  private boolean broken;

  /** What {@link #open} found: the log, its intact records and how many tail bytes it dropped. */
  public record Recovery(WriteAheadLog log, List<byte[]> records, long truncatedBytes) {}

  private WriteAheadLog(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  /**
   * Opens or creates the log at {@code file} (owner read/write only where POSIX permissions
   * exist, since the registry's log holds ownership secrets), replays it and truncates a torn
   * tail.
   *
   * @throws IOException if the file cannot be read or written, or does not start with the magic
   */
  public static Recovery open(Path file) throws IOException {
    if (!Files.exists(file)) {
      createPrivate(file);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long length = ch.size();
      if (length < HEADER) {
        // A crash while writing the header: nothing was ever acknowledged.
        ch.truncate(0);
        writeFully(ch, ByteBuffer.wrap(MAGIC), 0);
        ch.force(true);
        return new Recovery(new WriteAheadLog(ch, HEADER), List.of(), length);
      }
      byte[] magic = readFully(ch, 0, HEADER);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a PriWatt write-ahead log: " + file);
      }
      List<byte[]> records = new ArrayList<>();
      long pos = HEADER;
      while (true) {
        byte[] rec = readRecord(ch, pos, length);
        if (rec == null) {
          break;
        }
        records.add(rec);
        pos += 8 + rec.length;
      }
      if (pos < length) {
        ch.truncate(pos);
        ch.force(true);
      }
      return new Recovery(new WriteAheadLog(ch, pos), List.copyOf(records), length - pos);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }

  /** The record at {@code pos}, or null if it is missing, torn or damaged. */
  private static byte[] readRecord(FileChannel ch, long pos, long fileLength) throws IOException {
    if (fileLength - pos < 8) {
      return null;
    }
    byte[] head = readFully(ch, pos, 8);
    int len = ByteBuffer.wrap(head).getInt(0);
    int crc = ByteBuffer.wrap(head).getInt(4);
    if (len < 1 || len > MAX_RECORD || fileLength - pos - 8 < len) {
      return null;
    }
    byte[] payload = readFully(ch, pos + 8, len);
    return checksum(head, payload) == crc ? payload : null;
  }

  private static int checksum(byte[] head, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(head, 0, 4);
    crc.update(payload);
    return (int) crc.getValue();
  }

  /**
   * Appends one record and forces it to disk; when this returns normally the record survives a
   * crash. If writing fails the file is cut back to its previous length; if even that fails the
   * log refuses further appends.
   *
   * @throws IOException on any write failure or after an unrecoverable one
   * @throws IllegalArgumentException if the payload is empty or longer than {@link #MAX_RECORD}
   */
  public void append(byte[] payload) throws IOException {
    if (payload.length < 1 || payload.length > MAX_RECORD) {
      throw new IllegalArgumentException("record length " + payload.length);
    }
    if (broken) {
      throw new IOException("write-ahead log is unusable after an earlier failure");
    }
    ByteBuffer buf = ByteBuffer.allocate(8 + payload.length);
    buf.putInt(payload.length).putInt(0).put(payload);
    byte[] all = buf.array();
    buf.putInt(4, checksum(all, payload));
    buf.flip();
    try {
      writeFully(channel, buf, size);
      channel.force(false);
      size += all.length;
    } catch (IOException e) {
      try {
        channel.truncate(size);
      } catch (IOException nested) {
        broken = true;
        e.addSuppressed(nested);
      }
      throw e;
    }
  }

  /** Current length of the log file in bytes. */
  public long size() {
    return size;
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      p += ch.write(buf, p);
    }
  }

  private static byte[] readFully(FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    long p = pos;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, p);
      if (r < 0) {
        throw new IOException("unexpected end of log");
      }
      p += r;
    }
    return buf.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
