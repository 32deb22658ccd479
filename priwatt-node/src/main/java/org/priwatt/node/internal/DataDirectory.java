package org.priwatt.node.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;

/**
 * A node's data directory and the lock that keeps a second node (in this process or another)
 * out of it: an exclusive lock on {@code .lock}, which the operating system releases when the
 * process dies, so a node killed with kill -9 can be restarted at once. Layout:
 *
 * <pre>
 * .lock          held while the node runs
 * chainstate/    RocksDB: blocks, headers, coins, undo data, the tip
 * wallet.dat     the wallet, encrypted (WalletFile)
 * banlist.dat    banned addresses with their expiry
 * status.json    height, peers, mempool... rewritten every few seconds for scripts and testnets
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {
  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and takes its lock.
   *
   * @throws NodeException {@link NodeError#DATA_DIR_LOCKED} if another node holds it, {@link
   *     NodeError#DATA_DIR_FAILURE} if it cannot be created or locked
   */
  public static DataDirectory open(Path root) throws NodeException {
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new NodeException(NodeError.DATA_DIR_LOCKED, root + " is used by another node");
      }
      return new DataDirectory(root, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new NodeException(NodeError.DATA_DIR_LOCKED, root + " is used by another node in this process", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new NodeException(NodeError.DATA_DIR_FAILURE, "cannot open " + root + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // The lock was never taken; nothing to release.
      }
    }
  }

  public Path root() {
    return root;
  }

  public Path chainState() {
    return root.resolve("chainstate");
  }

  public Path wallet() {
    return root.resolve("wallet.dat");
  }

  public Path banList() {
    return root.resolve("banlist.dat");
  }

  public Path status() {
    return root.resolve("status.json");
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing else to do.
      closeQuietly(lockChannel);
    }
  }
}
