package org.priwatt.energy.trade;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoError;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * A {@link SessionStore} for sessions that save often (a payment channel saves before every
 * increment): each snapshot is sealed like {@link SealedFileSessionStore}'s (the crypto module's
 * {@link EncryptedKeyFile}) and appended to a journal file whose space was written in advance, then
 * the data is forced to disk ({@code fdatasync}). Overwriting space a file already owns changes no
 * metadata, so one save costs one small write and one data flush, where an atomic file
 * replacement costs a new file, a rename and two flushes (about 10× more on common disks). When
 * the journal is full it is rewritten, with the latest snapshot first, by one atomic replacement
 * ({@link AtomicFiles}).
 *
 * <p>Format: {@code "PWSJ" 0 0 0 1}, then frames {@code length(4, big-endian) ‖ sealed(length)}
 * where the sealed plaintext is {@code sequence(8) ‖ snapshot}, sequence 0, 1, 2, ... from the
 * journal's start; a zero length ends the journal (the preallocated space is zeros). {@link
 * #load} returns the snapshot of the last frame that opens with the next sequence number: a frame
 * torn by a crash during its write fails its authentication tag and ends the journal, so a crash
 * leaves the previous or the new snapshot, never a mix. A first frame that does not open (wrong
 * key, altered file) is {@link EnergyError#SNAPSHOT_UNREADABLE}.
 *
 * <p>Each save seals afresh, scrypt included: use a random 32-byte key with the smallest cost
 * ({@code ScryptParameters.of(1, 1, 1)}), since there is nothing to guess; a passphrase-grade
 * cost would take a tenth of a second per save. Security: the key is copied and held until
 * {@link #close()}; the file is created owner-only where POSIX permissions exist. Limits: someone
 * who can write the file can cut it back to an older frame (as they can replace a sealed file
 * with an older copy). Thread-safe (one monitor); one writer per file.
 */
public final class SealedJournalSessionStore implements SessionStore, AutoCloseable {
  /** Bytes a journal holds before it is rewritten: 1 MiB. */
  public static final int DEFAULT_CAPACITY = 1 << 20;
  /** Largest snapshot (the sealed format's limit less the sequence number). */
  public static final int MAX_SNAPSHOT = EncryptedKeyFile.MAX_SECRET_LENGTH - 8;
  private static final byte[] MAGIC = {'P', 'W', 'S', 'J', 0, 0, 0, 1};
  private static final int MAX_FRAME = EncryptedKeyFile.MAX_FILE_SIZE;

  private final Path file;
  private final SecretBytes key;
  private final ScryptParameters params;
  private final int capacity;
  private final SecureRandom random = new SecureRandom();
  private FileChannel channel;
  private long position;
  private long nextSequence;
  private byte[] last;

  private SealedJournalSessionStore(Path file, SecretBytes key, ScryptParameters params, int capacity) {
    this.file = file;
    this.key = key;
    this.params = params;
    this.capacity = capacity;
  }

  /**
   * Opens the journal at {@code file} (created empty if missing), sealed under {@code key}
   * (copied) with scrypt cost {@code params}, {@link #DEFAULT_CAPACITY} bytes per journal.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if it cannot be read or created, {@link
   *     EnergyError#SNAPSHOT_UNREADABLE} if it is not a journal or its first frame does not open
   */
  public static SealedJournalSessionStore open(Path file, SecretBytes key, ScryptParameters params)
      throws EnergyException {
    return open(file, key, params, DEFAULT_CAPACITY);
  }

  /**
   * As {@link #open(Path, SecretBytes, ScryptParameters)} with {@code capacity} bytes per journal.
   *
   * @throws IllegalArgumentException if the capacity cannot hold one largest frame
   */
  public static SealedJournalSessionStore open(Path file, SecretBytes key, ScryptParameters params, int capacity)
      throws EnergyException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(params, "params");
    if (capacity < MAGIC.length + 4 + MAX_FRAME + 4) {
      throw new IllegalArgumentException("capacity below one largest frame: " + capacity);
    }
    byte[] k = Objects.requireNonNull(key, "key").copyBytes();
    SealedJournalSessionStore s;
    try {
      s = new SealedJournalSessionStore(file, SecretBytes.copyOf(k), params, capacity);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
    try {
      s.recover();
    } catch (EnergyException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  private void recover() throws EnergyException {
    AtomicFiles.removeStaleTemporaries(file);
    try {
      if (!Files.exists(file)) {
        rewrite(null);
        return;
      }
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      readFully(magic, 0);
      if (size < MAGIC.length + 4 || !Arrays.equals(magic.array(), MAGIC)) {
        throw new EnergyException(EnergyError.SNAPSHOT_UNREADABLE, file + " is not a session journal");
      }
      long pos = MAGIC.length;
      while (pos + 4 <= size) {
        ByteBuffer len = ByteBuffer.allocate(4);
        readFully(len, pos);
        int n = len.getInt(0);
        if (n <= 0 || n > MAX_FRAME || pos + 4 + n > size) {
          break;
        }
        ByteBuffer sealed = ByteBuffer.allocate(n);
        readFully(sealed, pos + 4);
        Optional<byte[]> snapshot = openFrame(sealed.array(), pos == MAGIC.length);
        if (snapshot.isEmpty()) {
          break;
        }
        replaceLast(snapshot.get());
        pos += 4 + n;
      }
      position = pos;
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot read session journal " + file, e);
    }
  }

  /** The frame's snapshot if it opens with the next sequence number; a first frame that does not open is unreadable. */
  private Optional<byte[]> openFrame(byte[] sealed, boolean first) throws EnergyException {
    try (SecretBytes plain = EncryptedKeyFile.open(sealed, key)) {
      byte[] p = plain.copyBytes();
      try {
        if (p.length < 8 || ByteBuffer.wrap(p).getLong() != nextSequence) {
          return Optional.empty();
        }
        nextSequence++;
        return Optional.of(Arrays.copyOfRange(p, 8, p.length));
      } finally {
        Arrays.fill(p, (byte) 0);
      }
    } catch (CryptoException e) {
      if (first) {
        throw new EnergyException(EnergyError.SNAPSHOT_UNREADABLE, "cannot open session journal " + file + ": "
            + e.error(), e);
      }
      // A frame torn by a crash, or garbage after the journal's end: the journal ends before it.
      return Optional.empty();
    }
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of " + file);
      }
    }
  }

  @Override
  public synchronized void save(byte[] snapshot) throws EnergyException {
    if (snapshot.length > MAX_SNAPSHOT) {
      throw new EnergyException(EnergyError.STORAGE, "snapshot of " + snapshot.length + " bytes exceeds " + MAX_SNAPSHOT);
    }
    byte[] frame = frame(snapshot, nextSequence);
    try {
      if (position + frame.length + 4 > capacity) {
        nextSequence = 0;
        rewrite(frame(snapshot, 0));
      } else {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
          channel.write(b, position + b.position());
        }
        channel.force(false);
        position += frame.length;
      }
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot write session journal " + file, e);
    } finally {
      Arrays.fill(frame, (byte) 0);
    }
    nextSequence++;
    replaceLast(snapshot.clone());
  }

  private byte[] frame(byte[] snapshot, long sequence) {
    byte[] plain = ByteBuffer.allocate(8 + snapshot.length).putLong(sequence).put(snapshot).array();
    try (SecretBytes p = SecretBytes.copyOf(plain)) {
      byte[] sealed = EncryptedKeyFile.seal(p, key, params, random);
      return ByteBuffer.allocate(4 + sealed.length).putInt(sealed.length).put(sealed).array();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Replaces the file by a journal holding {@code firstFrame} (or nothing) and zeros up to the capacity. */
  private void rewrite(byte[] firstFrame) throws IOException {
    byte[] content = new byte[capacity];
    System.arraycopy(MAGIC, 0, content, 0, MAGIC.length);
    int used = MAGIC.length;
    if (firstFrame != null) {
      System.arraycopy(firstFrame, 0, content, used, firstFrame.length);
      used += firstFrame.length;
    }
    if (channel != null) {
      channel.close();
    }
    try {
      AtomicFiles.write(file, content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    position = used;
  }

  private void replaceLast(byte[] snapshot) {
    if (last != null) {
      Arrays.fill(last, (byte) 0);
    }
    last = snapshot;
  }

  @Override
  public synchronized Optional<byte[]> load() {
    return Optional.ofNullable(last).map(byte[]::clone);
  }

  /** Closes the file and destroys the held key; a later save throws {@link IllegalStateException}. */
  @Override
  public synchronized void close() {
    key.destroy();
    if (last != null) {
      Arrays.fill(last, (byte) 0);
      last = null;
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway; nothing was pending (every save forced its data)
      }
    }
  }

  @Override
  public String toString() {
    return "SealedJournalSessionStore{" + file + "}";
  }
}
