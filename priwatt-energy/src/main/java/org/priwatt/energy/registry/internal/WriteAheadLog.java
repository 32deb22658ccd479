package org.priwatt.energy.registry.internal;

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
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO registry's durable memory: an append-only file of records, each forced to disk before
 * the change it carries is acknowledged. The format lets recovery tell the one kind of damage a
 * crash leaves, a torn last append (repaired by truncation), from every other kind (refused, with
 * the file left byte for byte as found, for an operator).
 *
 * <p>Format v2: the header {@code "PWWAL\0\0\2"}, then frames {@code length(4) ‖ sequence(8) ‖
 * payload ‖ checksum(4)}, big-endian, with {@code 1 <= length <= MAX_RECORD} and sequence numbers
 * 0, 1, 2, ... The checksum is the CRC-32C of the four bytes before the frame (the previous
 * frame's checksum; header bytes 4–7 for the first frame) followed by length, sequence and
 * payload. This chain makes a removed, duplicated or reordered record fail although its own bytes
 * are intact, and any single damaged byte fail (CRC-32C catches every burst up to 32 bits).
 *
 * <p>Why a torn append is recognisable: {@link #append} writes one frame at the end of the file in
 * one write and forces it, and the next append starts only after that force returned, so a crash
 * can only damage the last frame and leaves nothing after it. Recovery ({@link #open}) replays the
 * frames in order. The first frame that is incomplete, has an impossible length or fails its
 * checksum is a torn tail only if all of these hold:
 *
 * <ol>
 *   <li>at most {@link #MAX_FRAME} bytes remain from it to the end of the file (one append);
 *   <li>if its length field is possible, the frame it announces does not end before the end of the
 *       file (a damaged length that shortens a record mid-log fails here);
 *   <li>no intact frame with a later sequence number starts anywhere after it (a damaged length
 *       that lengthens a record mid-log, or makes it impossible, leaves the next frame intact).
 * </ol>
 *
 * A torn tail is cut off and the truncation forced. Anything else, and an intact frame with the
 * wrong sequence number, throws {@link EnergyError#CORRUPT_LOG} naming the record and its byte
 * offset, and nothing is written.
 *
 * <p>Limits (the module README tells operators): damage confined to the last record looks exactly
 * like a torn append and is repaired, losing that record; a file cut exactly between two frames is
 * a shorter valid log; CRC-32C catches accidents, not an editor who recomputes it (the file is
 * created owner-only).
 *
 * <p>The header's version is 3: these frames holding the registry's second event format (locks
 * with ids and expiry, transfers with their release). Versions 1 and 2 hold events of the first
 * protocol, which cannot be carried over (their locks have no ids, their secrets no DSO
 * randomness), and are refused with {@link EnergyError#UNSUPPORTED_VERSION}. Not thread-safe: the
 * registry serialises appends.
 */
public final class WriteAheadLog implements Closeable {
  /** Largest record payload accepted (bounds allocation during recovery). */
  public static final int MAX_RECORD = 1 << 20;
  /** Bytes a frame adds to its payload: length, sequence number and checksum. */
  public static final int OVERHEAD = 16;
  /** Largest frame, hence the most bytes one interrupted append can leave. */
  public static final int MAX_FRAME = OVERHEAD + MAX_RECORD;

  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final byte[] MAGIC = {'P', 'W', 'W', 'A', 'L', 0, 0, 3};
  static final int HEADER = 8;
  /** The name part of the header: the rest is the version. */
  private static final int NAME = 5;
  /** Length and sequence number. */
  private static final int FRAME_HEAD = 12;
  private static final int CHAIN_SEED = getInt(MAGIC, HEADER - 4);

  private final FileChannel channel;
  private long size;
  private long nextSequence;
  private int lastChecksum;
  private boolean broken;

  /**
   * What {@link #open} found: the log, its intact records with the byte offset of each, and how
   * many bytes of a torn tail it cut off.
   */
  public record Recovery(WriteAheadLog log, List<byte[]> records, List<Long> offsets, long truncatedBytes) {}

  /** Tests whether an intact later frame starts at {@code buf[off]}. */
  @FunctionalInterface
  interface FrameProbe {
    boolean laterFrameAt(byte[] buf, int off);
  }

  private WriteAheadLog(FileChannel channel, long size, long nextSequence, int lastChecksum) {
    this.channel = channel;
    this.size = size;
    this.nextSequence = nextSequence;
    this.lastChecksum = lastChecksum;
  }

  /**
   * Opens or creates the log at {@code file} (owner read/write only where POSIX permissions
   * exist, since the registry's log holds ownership secrets), replays it and cuts off a torn tail.
   *
   * @throws EnergyException {@link EnergyError#CORRUPT_LOG} if the log is damaged anywhere but
   *     in a torn last append, {@link EnergyError#UNSUPPORTED_VERSION} for a v1 or unknown version;
   *     the file is then left unchanged
   * @throws IOException if the file cannot be read or written
   */
  public static Recovery open(Path file) throws IOException, EnergyException {
    if (!Files.exists(file)) {
      createPrivate(file);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long length = ch.size();
      byte[] head = readFully(ch, 0, (int) Math.min(length, HEADER));
      if (length <= HEADER && unfinishedHeader(head)) {
        // A crash while the log was being created (its header is forced before the first append
        // can start): nothing was ever acknowledged. Longer files are never reinitialised.
        ch.truncate(0);
        writeFully(ch, ByteBuffer.wrap(MAGIC), 0);
        ch.force(true);
        forceDirectory(file);
        return new Recovery(new WriteAheadLog(ch, HEADER, 0, CHAIN_SEED), List.of(), List.of(), length);
      }
      checkHeader(file, head);
      return replay(file, ch, length);
    } catch (IOException | EnergyException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static Recovery replay(Path file, FileChannel ch, long length) throws IOException, EnergyException {
    List<byte[]> records = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    long pos = HEADER;
    int previous = CHAIN_SEED;
    while (pos < length) {
      long index = records.size();
      long left = length - pos;
      String problem;
      long announcedEnd = -1;
      if (left < FRAME_HEAD) {
        problem = "only " + left + " bytes of a record header";
      } else {
        byte[] head = readFully(ch, pos, FRAME_HEAD);
        int len = getInt(head, 0);
        if (len < 1 || len > MAX_RECORD) {
          problem = "impossible record length " + len;
        } else if (pos + OVERHEAD + len > length) {
          announcedEnd = pos + OVERHEAD + len;
          problem = "a record of " + len + " bytes runs past the end of the file";
        } else {
          announcedEnd = pos + OVERHEAD + len;
          // The frame with the four bytes the chain covers before it: the previous checksum.
          byte[] frame = new byte[4 + OVERHEAD + len];
          putInt(frame, 0, previous);
          System.arraycopy(head, 0, frame, 4, FRAME_HEAD);
          System.arraycopy(readFully(ch, pos + FRAME_HEAD, len + 4), 0, frame, 4 + FRAME_HEAD, len + 4);
          if (intactFrameAt(frame, 4) < 0) {
            problem = "checksum mismatch";
          } else {
            long sequence = getLong(frame, 8);
            if (sequence != index) {
              throw corrupt(file, pos, index, "sequence number " + sequence + " where " + index
                  + " was expected: records were removed, duplicated or reordered");
            }
            records.add(Arrays.copyOfRange(frame, 4 + FRAME_HEAD, 4 + FRAME_HEAD + len));
            offsets.add(pos);
            previous = getInt(frame, frame.length - 4);
            pos = announcedEnd;
            continue;
          }
        }
      }
      requireTornTail(ch, file, pos, index, length, problem, announcedEnd, MAX_FRAME,
          (buf, off) -> laterFrameAt(buf, off, index));
      LOG.warn("write-ahead log {}: cut off a torn last append at offset {} (record {}, {} bytes: {})",
          file, pos, index, left, problem);
      ch.truncate(pos);
      ch.force(true);
      break;
    }
    return new Recovery(new WriteAheadLog(ch, pos, records.size(), previous), List.copyOf(records),
        List.copyOf(offsets), length - pos);
  }

  /**
   * Returns normally if the bad frame at {@code pos} can be what an interrupted append left (see
   * the class comment), and throws {@link EnergyError#CORRUPT_LOG} otherwise. Reads at most one
   * frame's worth of bytes, and only after checking that bound.
   */
  static void requireTornTail(FileChannel ch, Path file, long pos, long index, long length, String problem,
      long announcedEnd, int maxFrame, FrameProbe probe) throws IOException, EnergyException {
    long left = length - pos;
    if (left > maxFrame) {
      throw corrupt(file, pos, index, problem + ", and " + left + " bytes follow it, more than one append writes");
    }
    if (announcedEnd >= 0 && announcedEnd < length) {
      throw corrupt(file, pos, index, problem + ", and " + (length - announcedEnd)
          + " bytes follow the record, which an interrupted append never leaves");
    }
    // The tail with the four bytes before it, which the chain of a following frame may cover.
    byte[] tail = readFully(ch, pos - 4, (int) left + 4);
    for (int off = 5; off < tail.length; off++) {
      if (probe.laterFrameAt(tail, off)) {
        throw corrupt(file, pos, index, problem + ", and an intact later record starts at offset " + (pos - 4 + off));
      }
    }
  }

  /**
   * The length of the intact v2 frame at {@code buf[off]}, whose chain covers {@code buf[off - 4,
   * off)}, or -1.
   */
  private static int intactFrameAt(byte[] buf, int off) {
    if (buf.length - off < OVERHEAD) {
      return -1;
    }
    int len = getInt(buf, off);
    if (len < 1 || len > MAX_RECORD || len > buf.length - off - OVERHEAD) {
      return -1;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf, off - 4, 4 + FRAME_HEAD + len);
    return (int) crc.getValue() == getInt(buf, off + FRAME_HEAD + len) ? OVERHEAD + len : -1;
  }

  /** Whether an intact frame numbered after {@code index} starts at {@code buf[off]}. */
  private static boolean laterFrameAt(byte[] buf, int off, long index) {
    if (buf.length - off < OVERHEAD) {
      return false;
    }
    // Cheap filter before the checksum: a later number that the remaining bytes could reach.
    long sequence = getLong(buf, off + 4);
    return sequence > index && sequence - index <= buf.length / OVERHEAD && intactFrameAt(buf, off) > 0;
  }

  private static boolean unfinishedHeader(byte[] head) {
    boolean prefix = head.length < HEADER && Arrays.equals(head, 0, head.length, MAGIC, 0, head.length);
    boolean zeros = true;
    for (byte b : head) {
      zeros &= b == 0;
    }
    return prefix || zeros;
  }

  private static void checkHeader(Path file, byte[] head) throws EnergyException {
    if (Arrays.equals(head, MAGIC)) {
      return;
    }
    // Versions 1 and 2 only: the version byte is unsigned, so 0x80..0xff are unknown, not old.
    if (head.length == HEADER && Arrays.equals(head, 0, HEADER - 1, MAGIC, 0, HEADER - 1)
        && (head[HEADER - 1] == 1 || head[HEADER - 1] == 2)) {
      throw new EnergyException(EnergyError.UNSUPPORTED_VERSION, file + " is a version " + head[HEADER - 1]
          + " write-ahead log of the first registry protocol, whose locks and secrets cannot be carried over; "
          + "the file was left unchanged (priwatt-energy README, \"Durability\")");
    }
    if (head.length == HEADER && Arrays.equals(head, 0, NAME, MAGIC, 0, NAME)) {
      throw new EnergyException(EnergyError.UNSUPPORTED_VERSION, file + ": unknown write-ahead log version "
          + Arrays.toString(Arrays.copyOfRange(head, NAME, HEADER)) + " at offset " + NAME
          + "; the file was left unchanged");
    }
    throw new EnergyException(EnergyError.CORRUPT_LOG, file + ": header at offset 0 is not a PriWatt "
        + "write-ahead log header; the file was left unchanged");
  }

  private static EnergyException corrupt(Path file, long offset, long index, String detail) {
    return new EnergyException(EnergyError.CORRUPT_LOG, file + ": record " + index + " at offset " + offset
        + ": " + detail + "; the file was left unchanged (recovery: priwatt-energy README, \"Damaged log\")");
  }

  private static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
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
    byte[] frame = frame(lastChecksum, nextSequence, payload);
    try {
      // One write of the whole frame, then force: only this frame can be torn by a crash.
      writeFully(channel, ByteBuffer.wrap(frame), size);
      channel.force(false);
    } catch (IOException e) {
      try {
        channel.truncate(size);
      } catch (IOException nested) {
        broken = true;
        e.addSuppressed(nested);
      }
      throw e;
    }
    size += frame.length;
    nextSequence++;
    lastChecksum = getInt(frame, frame.length - 4);
  }

  private static byte[] frame(int previous, long sequence, byte[] payload) {
    byte[] frame = new byte[OVERHEAD + payload.length];
    ByteBuffer buf = ByteBuffer.wrap(frame).putInt(payload.length).putLong(sequence).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, previous));
    crc.update(frame, 0, FRAME_HEAD + payload.length);
    buf.putInt((int) crc.getValue());
    return frame;
  }

  /** Current length of the log file in bytes. */
  public long size() {
    return size;
  }

  /**
   * Makes a created or renamed file's directory entry durable; where directories cannot be opened
   * (Windows) the entry is durable only once the file system flushes it.
   */
  static void forceDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot force directory {}: {}", dir, e.toString());
    }
  }

  static void writeFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      p += ch.write(buf, p);
    }
  }

  static byte[] readFully(FileChannel ch, long pos, int n) throws IOException {
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

  static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  private static long getLong(byte[] b, int off) {
    return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xffffffffL);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
