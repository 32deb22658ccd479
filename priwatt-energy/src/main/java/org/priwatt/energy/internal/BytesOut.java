package org.priwatt.energy.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian writer for the energy module's own formats (requests, replies, events, offers,
 * session snapshots). Variable fields carry a 2-byte length, which bounds every field to 65535
 * bytes and keeps hostile prefixes cheap to reject.
 */
public final class BytesOut {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

  /** Writes one unsigned byte. */
  public BytesOut u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("not a byte: " + v);
    }
    out.write(v);
    return this;
  }

  /** Writes 4 bytes big-endian. */
  public BytesOut i32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  /** Writes 8 bytes big-endian. */
  public BytesOut i64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  /** Writes raw bytes without a length. */
  public BytesOut raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  /** Writes a 2-byte length then the bytes. */
  public BytesOut var(byte[] b) {
    if (b.length > BytesIn.MAX_FIELD) {
      throw new IllegalArgumentException("field too long: " + b.length);
    }
    out.write(b.length >>> 8);
    out.write(b.length);
    return raw(b);
  }

  /** Writes a UTF-8 string as a variable field. */
  public BytesOut text(String s) {
    return var(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a boolean as one byte. */
  public BytesOut bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
