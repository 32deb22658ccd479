package org.priwatt.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe replacement of a small file holding secrets (a key file, a wallet, a session
 * snapshot): after a crash the target holds either the complete old content or the complete new
 * content, never a mix or a truncated file. Shared by every writer of such files so that there is
 * one temporary-file naming and one clean-up rule.
 *
 * <p>The new content goes to a temporary file beside the target named {@code .<target
 * name>.<16 hex digits>.tmp}, which is forced to disk and renamed over the target. A crash
 * between creating and renaming it (kill -9, power loss) leaves that file behind, and with it a
 * copy of the sealed content; {@link #removeStaleTemporaries} deletes such leftovers, and {@link
 * #write} and the readers of sealed files ({@link EncryptedKeyFile#read}, the wallet and session
 * stores built on it) call it when they next open the target.
 *
 * <p>Thread-safe. Temporary files this process is still writing are never taken for stale ones;
 * concurrent writers of one target in different processes are not supported.
 */
public final class AtomicFiles {
  private static final String SUFFIX = ".tmp";
  private static final int RANDOM_HEX_DIGITS = 16;
  /** Older releases named temporaries with up to 20 decimal digits; they are cleaned too. */
  private static final int MAX_RANDOM_DIGITS = 20;
  private static final int CREATE_ATTEMPTS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  /** Absolute paths of the temporary files being written now. */
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

  private AtomicFiles() {}

  /**
   * Removes stale temporaries of {@code target} left by an earlier crash, then writes {@code
   * data} to a new temporary file in the target's directory (owner-only permissions on POSIX
   * systems), forces it to disk, renames it over {@code target} atomically and forces the
   * directory entry to disk where the platform allows opening directories (Linux, macOS).
   *
   * @throws NullPointerException if an argument is null
   * @throws IOException if any step fails; the temporary file is then removed
   */
  public static void write(Path target, byte[] data) throws IOException {
    Objects.requireNonNull(data, "data");
    Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath();
    Path dir = absolute.getParent();
    removeStaleTemporaries(absolute);
    Path tmp = createTemporary(absolute);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } finally {
        IN_FLIGHT.remove(tmp);
      }
    }
    forceDirectory(dir);
  }

  /**
   * Deletes the temporary files of {@code target} that a crashed write left in its directory:
   * those named as {@link #write} names them and not being written by this process now. This is
   * housekeeping beside an intact target, so a failure (a directory that cannot be listed, a
   * leftover that cannot be deleted) is logged as a warning and never thrown; a missing directory
   * has nothing to clean.
   *
   * @return how many were deleted
   * @throws NullPointerException if {@code target} is null
   */
  public static int removeStaleTemporaries(Path target) {
    Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String name = absolute.getFileName().toString();
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> isTemporaryName(name, p.getFileName().toString()) && !IN_FLIGHT.contains(p))) {
      for (Path stale : entries) {
        if (Files.deleteIfExists(stale)) {
          removed++;
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      LOG.warn("cannot remove temporary files of {} left by an interrupted write", absolute, e);
    }
    if (removed > 0) {
      LOG.info("removed {} temporary file(s) of {} left by an interrupted write", removed,
          absolute);
    }
    return removed;
  }

  /**
   * Whether {@code candidate} is the name of a temporary file of the target named {@code
   * target}: a dot, the target's name, a dot, 1 to 20 hexadecimal digits, {@code .tmp}.
   */
  static boolean isTemporaryName(String target, String candidate) {
    String prefix = "." + target + ".";
    if (!candidate.startsWith(prefix) || !candidate.endsWith(SUFFIX)) {
      return false;
    }
    int from = prefix.length();
    int to = candidate.length() - SUFFIX.length();
    if (to - from < 1 || to - from > MAX_RANDOM_DIGITS) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (Character.digit(candidate.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Creates an empty, owner-only temporary file for {@code target} and marks it in flight. */
  private static Path createTemporary(Path target) throws IOException {
    Path dir = target.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      byte[] random = new byte[RANDOM_HEX_DIGITS / 2];
      RANDOM.nextBytes(random);
      Path tmp = dir.resolve("." + target.getFileName() + "." + Hex.encode(random) + SUFFIX);
      IN_FLIGHT.add(tmp);
      try {
        if (posix) {
          Files.createFile(tmp,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(tmp);
        }
        return tmp;
      } catch (FileAlreadyExistsException e) {
        IN_FLIGHT.remove(tmp); // 2^-64 per attempt; another name is drawn
        if (attempt + 1 == CREATE_ATTEMPTS) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        IN_FLIGHT.remove(tmp);
        throw e;
      }
    }
  }

  /** Makes the rename durable; a no-op where directories cannot be opened (Windows). */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The rename itself succeeded; only its durability across power loss is not guaranteed.
    }
  }
}
