package org.priwatt.script;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.script.internal.Num;
import org.priwatt.script.internal.ScriptEdits;

/**
 * Builds a {@link Script}, the only mutable path to one. Pushes follow Bitcoin Core's
 * {@code CScript} operators: {@link #data} is {@code << vector} (direct push, smallest length
 * prefix), {@link #number} is {@code << int64} (OP_0/OP_1NEGATE/OP_1..OP_16 when possible, else a
 * minimal script number). Not thread-safe.
 */
public final class ScriptBuilder {
  private byte[] buf = new byte[64];
  private int len;

  private ScriptBuilder() {}

  /** Returns an empty builder. */
  public static ScriptBuilder create() {
    return new ScriptBuilder();
  }

  /**
   * Appends an opcode byte. Appending a push opcode on its own (e.g. OP_PUSHDATA1) is allowed
   * and yields a malformed script unless raw length and data bytes follow.
   */
  public ScriptBuilder op(Opcode opcode) {
    Objects.requireNonNull(opcode, "opcode");
    ensure(1);
    buf[len++] = (byte) opcode.value();
    return this;
  }

  /**
   * Appends a push of {@code data} as Core's {@code CScript << vector}: OP_0 for empty data,
   * never OP_1..OP_16, so single bytes 1..16 and 0x81 are not MINIMALDATA-minimal; use
   * {@link #minimalData} for that.
   */
  public ScriptBuilder data(byte[] data) {
    return raw(ScriptEdits.pushOf(Objects.requireNonNull(data, "data")));
  }

  /** Appends the push MINIMALDATA requires: like {@link #data} but OP_1..OP_16 / OP_1NEGATE. */
  public ScriptBuilder minimalData(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (data.length == 1 && data[0] >= 1 && data[0] <= 16) {
      return op(Opcode.forSmallInteger(data[0]));
    }
    if (data.length == 1 && (data[0] & 0xff) == 0x81) {
      return op(Opcode.OP_1NEGATE);
    }
    return data(data);
  }

  /** Appends {@code n} as Core's {@code CScript << int64}. */
  public ScriptBuilder number(long n) {
    if (n >= -1 && n <= 16) {
      return op(Opcode.forSmallInteger((int) n));
    }
    return data(Num.encode(n));
  }

  /** Appends raw bytes unchanged (they may hold opcodes, push prefixes or garbage). */
  public ScriptBuilder raw(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** Appends the bytes of {@code script}. */
  public ScriptBuilder script(Script script) {
    return raw(script.bytes());
  }

  /** Number of bytes so far. */
  public int length() {
    return len;
  }

  /** Returns the script built so far; the builder stays usable. */
  public Script build() {
    return Script.wrap(Arrays.copyOf(buf, len));
  }

  private void ensure(int extra) {
    int need = Math.addExact(len, extra);
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }
}
