package org.priwatt.energy.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.priwatt.energy.RegistryError;
import org.priwatt.energy.RegistryException;

/**
 * Big-endian cursor over untrusted bytes, the reading side of {@link BytesOut}. Every read checks
 * the remaining length first and fails with {@link RegistryError#TRUNCATED}; lengths are checked
 * against the remaining input before anything is allocated.
 */
public final class BytesIn {
  /** Largest variable-length field (2-byte length prefix). */
  public static final int MAX_FIELD = 0xffff;

  private final byte[] data;
  private int pos;

  /** Reads {@code data}, which must not change while in use. */
  public BytesIn(byte[] data) {
    this.data = data;
  }

  private void need(int n) throws RegistryException {
    if (n > data.length - pos) {
      throw new RegistryException(RegistryError.TRUNCATED, "need " + n + " bytes at offset " + pos);
    }
  }

  /** Reads one unsigned byte. */
  public int u8() throws RegistryException {
    need(1);
    return data[pos++] & 0xff;
  }

  /** Reads 4 bytes big-endian. */
  public int i32() throws RegistryException {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (data[pos++] & 0xff);
    }
    return v;
  }

  /** Reads 8 bytes big-endian. */
  public long i64() throws RegistryException {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos++] & 0xff);
    }
    return v;
  }

  /** Reads exactly {@code n} raw bytes. */
  public byte[] raw(int n) throws RegistryException {
    need(n);
    byte[] b = new byte[n];
    System.arraycopy(data, pos, b, 0, n);
    pos += n;
    return b;
  }

  /** Reads a 2-byte length and that many bytes, at most {@code max}. */
  public byte[] var(int max) throws RegistryException {
    need(2);
    int len = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    if (len > max) {
      throw new RegistryException(RegistryError.MALFORMED, "field of " + len + " bytes exceeds " + max);
    }
    pos += 2;
    return raw(len);
  }

  /** Reads a strict UTF-8 string field of at most {@code max} bytes. */
  public String text(int max) throws RegistryException {
    byte[] b = var(max);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new RegistryException(RegistryError.MALFORMED, "text is not UTF-8");
    }
  }

  /** Reads a boolean byte (0 or 1 only). */
  public boolean bool() throws RegistryException {
    int v = u8();
    if (v > 1) {
      throw new RegistryException(RegistryError.MALFORMED, "boolean byte " + v);
    }
    return v == 1;
  }

  /** Number of unread bytes. */
  public int remaining() {
    return data.length - pos;
  }

  /** Fails with {@link RegistryError#MALFORMED} if bytes are left. */
  public void end() throws RegistryException {
    if (pos != data.length) {
      throw new RegistryException(RegistryError.MALFORMED, (data.length - pos) + " trailing bytes");
    }
  }
}
