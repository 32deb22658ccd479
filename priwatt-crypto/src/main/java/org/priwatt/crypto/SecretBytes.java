package org.priwatt.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A holder for secret bytes: private keys, BIP 32 seeds, passphrases.
 *
 * <p>It never reveals its content in {@link #toString()}, compares in constant time, and {@link
 * #destroy()} (or {@link #close()}, for try-with-resources) overwrites the content with zeros;
 * afterwards every accessor throws {@link IllegalStateException}. Zeroing is best effort: the JVM
 * may have copied the array (garbage collection), but it shortens the time secrets linger.
 * Thread-safe.
 */
public final class SecretBytes implements Destroyable, AutoCloseable {
  private final byte[] bytes;
  private boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A holder with a copy of {@code bytes}; the caller remains responsible for clearing its array.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * A holder with {@code length} random bytes from {@code random}.
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public static SecretBytes random(int length, SecureRandom random) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return new SecretBytes(bytes);
  }

  /**
   * The UTF-8 encoding of {@code passphrase}, without going through an (unclearable) {@link
   * String}. The characters are taken as typed; no Unicode normalization is applied. The caller
   * should clear {@code passphrase} afterwards.
   *
   * @throws NullPointerException if {@code passphrase} is null
   * @throws IllegalArgumentException if {@code passphrase} contains an unpaired surrogate
   */
  public static SecretBytes fromPassphrase(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = null;
    try {
      buffer = encoder.encode(CharBuffer.wrap(passphrase));
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return new SecretBytes(out);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid UTF-16 text", e);
    } finally {
      if (buffer != null && buffer.hasArray()) {
        Arrays.fill(buffer.array(), (byte) 0);
      }
    }
  }

  /**
   * Length of the secret in bytes (still available after {@link #destroy()}; the length is not
   * considered secret).
   */
  public int length() {
    return bytes.length;
  }

  /**
   * A copy of the secret; the caller should clear it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public synchronized byte[] copyBytes() {
    checkAlive();
    return bytes.clone();
  }

  /** Overwrites the secret with zeros. Idempotent. */
  @Override
  public synchronized void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  /** Same as {@link #destroy()}. */
  @Override
  public void close() {
    destroy();
  }

  /** True once {@link #destroy()} has run. */
  @Override
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  /**
   * Constant-time comparison of the contents (time depends only on the lengths).
   *
   * @throws IllegalStateException if either holder is destroyed
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SecretBytes)) {
      return false;
    }
    byte[] mine = copyBytes();
    byte[] theirs = ((SecretBytes) o).copyBytes();
    try {
      return MessageDigest.isEqual(mine, theirs);
    } finally {
      Arrays.fill(mine, (byte) 0);
      Arrays.fill(theirs, (byte) 0);
    }
  }

  /** Depends only on the length, so hash tables learn nothing about the content. */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  /** Shows the length only, never the content. */
  @Override
  public synchronized String toString() {
    return destroyed ? "SecretBytes[destroyed]" : "SecretBytes[" + bytes.length + " bytes]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
  }
}
