package org.priwatt.node.rpc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.priwatt.crypto.Hex;

/**
 * bitcoind's cookie authentication: a file {@code .cookie} in the data directory holding
 * {@code __cookie__:<64 random hex digits>}, readable by the owner only, written when the server
 * starts (through a temporary file renamed over it) and deleted when it stops, so a local
 * client reads the password instead of being configured with one.
 */
public final class CookieFile {
  /** The user name in the cookie (only for recognising it in logs, as bitcoind). */
  public static final String USER = "__cookie__";
  /** The file name in the data directory. */
  public static final String NAME = ".cookie";

  private final Path file;

  private CookieFile(Path file) {
    this.file = file;
  }

  /**
   * Writes a fresh cookie in {@code dir}.
   *
   * @return the cookie file and, through {@code password}, its password (the caller keeps it
   *     only as long as needed)
   * @throws IOException if the file cannot be written
   */
  public static CookieFile create(Path dir, SecureRandom random, char[][] password) throws IOException {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String hex = Hex.encode(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    Path file = dir.resolve(NAME);
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.deleteIfExists(tmp);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    if (posix) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
    } else {
      Files.createFile(tmp);
    }
    Files.write(tmp, (USER + ":" + hex).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    password[0] = hex.toCharArray();
    return new CookieFile(file);
  }

  /** The file's path. */
  public Path path() {
    return file;
  }

  /**
   * Deletes the file.
   *
   * @throws IOException if it exists and cannot be deleted
   */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public String toString() {
    return "CookieFile[" + file + "]";
  }
}
