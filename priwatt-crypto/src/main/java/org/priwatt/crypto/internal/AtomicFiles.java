package org.priwatt.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: after a crash the target holds either the complete old content or
 * the complete new content, never a mix or a truncated file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code data} to a temporary file in the target's directory (owner-only permissions on
   * POSIX systems, as {@link Files#createTempFile} creates them), forces it to disk, renames it
   * over {@code target} atomically and then forces the directory entry to disk where the platform
   * allows opening directories (Linux, macOS).
   *
   * @throws IOException if any step fails; the temporary file is then removed
   */
  public static void write(Path target, byte[] data) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
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
      Files.deleteIfExists(tmp);
    }
    forceDirectory(dir);
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
