package org.priwatt.energy.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.priwatt.energy.RegistryError;
import org.priwatt.energy.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retired version 1 log format, only to convert it into a new {@link WriteAheadLog}:
 * v1 frames ({@code length(4) ‖ crc32c(length ‖ payload)(4) ‖ payload}) carry no sequence number
 * and no chain, and the v1 reader cut the log at the first bad record wherever it was, so a v1 log
 * is never opened in place. The conversion applies the v2 torn-tail rules to the v1 frames.
 */
public final class WriteAheadLogV1 {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLogV1.class);
  private static final int OVERHEAD = 8;

  private WriteAheadLogV1() {}

  /** What {@link #upgrade} copied: the records, and the bytes of a torn v1 tail it left out. */
  public record Upgrade(int records, long droppedTailBytes) {}

  /**
   * Copies the version 1 log {@code from} into a new version 2 log {@code to}, leaving {@code from}
   * unchanged. A torn last append is left out (and reported); damage anywhere else refuses, with
   * the rules {@link WriteAheadLog#open} applies. The copy is written to a temporary file in the
   * target's directory, forced, and renamed to {@code to}, so {@code to} never holds a partial log.
   *
   * @throws RegistryException {@link RegistryError#UNSUPPORTED_VERSION} if {@code from} is not a v1
   *     log, {@link RegistryError#CORRUPT_LOG} if it is damaged before its last record
   * @throws FileAlreadyExistsException if {@code to} exists
   * @throws IOException if reading or writing fails
   */
  public static Upgrade upgrade(Path from, Path to) throws IOException, RegistryException {
    Path target = to.toAbsolutePath();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
      long length = in.size();
      byte[] head = WriteAheadLog.readFully(in, 0, (int) Math.min(length, WriteAheadLog.HEADER));
      if (!Arrays.equals(head, WriteAheadLog.MAGIC_V1)) {
        throw new RegistryException(RegistryError.UNSUPPORTED_VERSION, from + " is not a version 1 write-ahead log");
      }
      // Owner-only on POSIX systems, as createTempFile creates files.
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
      try {
        Upgrade result;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          result = copy(from, in, length, WriteAheadLog.startCopy(out));
          out.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        WriteAheadLog.forceDirectory(target);
        return result;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static Upgrade copy(Path from, FileChannel in, long length, WriteAheadLog out)
      throws IOException, RegistryException {
    long pos = WriteAheadLog.HEADER;
    while (pos < length) {
      long index = out.recordCount();
      long left = length - pos;
      String problem;
      long announcedEnd = -1;
      if (left < OVERHEAD) {
        problem = "only " + left + " bytes of a record header";
      } else {
        byte[] head = WriteAheadLog.readFully(in, pos, OVERHEAD);
        int len = WriteAheadLog.getInt(head, 0);
        if (len < 1 || len > WriteAheadLog.MAX_RECORD) {
          problem = "impossible record length " + len;
        } else {
          announcedEnd = pos + OVERHEAD + len;
          if (announcedEnd > length) {
            problem = "a record of " + len + " bytes runs past the end of the file";
          } else {
            byte[] frame = new byte[OVERHEAD + len];
            System.arraycopy(head, 0, frame, 0, OVERHEAD);
            System.arraycopy(WriteAheadLog.readFully(in, pos + OVERHEAD, len), 0, frame, OVERHEAD, len);
            if (intactFrameAt(frame, 0)) {
              out.appendUnforced(Arrays.copyOfRange(frame, OVERHEAD, frame.length));
              pos = announcedEnd;
              continue;
            }
            problem = "checksum mismatch";
          }
        }
      }
      WriteAheadLog.requireTornTail(in, from, pos, index, length, problem, announcedEnd,
          OVERHEAD + WriteAheadLog.MAX_RECORD, WriteAheadLogV1::intactFrameAt);
      LOG.warn("upgrading write-ahead log {}: left out a torn last append at offset {} (record {}, {} bytes: {})",
          from, pos, index, left, problem);
      break;
    }
    return new Upgrade((int) out.recordCount(), length - pos);
  }

  /** Whether an intact v1 frame starts at {@code buf[off]}. */
  private static boolean intactFrameAt(byte[] buf, int off) {
    if (buf.length - off < OVERHEAD) {
      return false;
    }
    int len = WriteAheadLog.getInt(buf, off);
    if (len < 1 || len > WriteAheadLog.MAX_RECORD || len > buf.length - off - OVERHEAD) {
      return false;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf, off, 4);
    crc.update(buf, off + OVERHEAD, len);
    return (int) crc.getValue() == WriteAheadLog.getInt(buf, off + 4);
  }
}
