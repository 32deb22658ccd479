package org.priwatt.script;

import java.util.Objects;
import org.priwatt.script.internal.Num;

/**
 * A script number: the little-endian sign-magnitude integers that script arithmetic works on, as
 * Bitcoin Core's {@code CScriptNum}. Operands are limited to 4 bytes ({@link #MAX_SIZE}), 5 for
 * CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY ({@link #LOCKTIME_MAX_SIZE}); results may be
 * larger. Under MINIMALDATA, operands must be minimally encoded (BIP 62 rule 4).
 */
public final class ScriptNum implements Comparable<ScriptNum> {
  /** Maximum operand size for arithmetic, in bytes. */
  public static final int MAX_SIZE = Num.DEFAULT_MAX_SIZE;
  /** Maximum operand size for CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY, in bytes. */
  public static final int LOCKTIME_MAX_SIZE = Num.LOCKTIME_MAX_SIZE;

  private final long value;

  private ScriptNum(long value) {
    this.value = value;
  }

  /** Returns the script number with {@code value}. */
  public static ScriptNum of(long value) {
    return new ScriptNum(value);
  }

  /**
   * Decodes an operand as the interpreter does.
   *
   * @param bytes the stack element
   * @param requireMinimal whether to reject non-minimal encodings (MINIMALDATA)
   * @param maxSize the operand size limit, 1..8 bytes
   * @throws ScriptException with {@link ScriptError#SCRIPTNUM} if {@code bytes} is longer than
   *     {@code maxSize} or, with {@code requireMinimal}, not minimally encoded
   * @throws IllegalArgumentException if {@code maxSize} is not in 1..8
   */
  public static ScriptNum decode(byte[] bytes, boolean requireMinimal, int maxSize)
      throws ScriptException {
    Objects.requireNonNull(bytes, "bytes");
    if (maxSize < 1 || maxSize > 8) {
      throw new IllegalArgumentException("maxSize must be 1..8: " + maxSize);
    }
    long v = Num.decode(bytes, requireMinimal, maxSize);
    if (v == Num.INVALID) {
      throw new ScriptException(ScriptError.SCRIPTNUM, bytes.length > maxSize
          ? bytes.length + "-byte number exceeds " + maxSize + " bytes" : "non-minimal number");
    }
    return new ScriptNum(v);
  }

  /** True if {@code bytes} has no superfluous most-significant 0x00/0x80 byte. */
  public static boolean isMinimallyEncoded(byte[] bytes) {
    return Num.isMinimal(bytes);
  }

  /** The value. */
  public long value() {
    return value;
  }

  /** The value clamped to the int range, as Core's {@code getint()}. */
  public int intValue() {
    return Num.toInt(value);
  }

  /** Returns the minimal encoding (empty for zero). */
  public byte[] encode() {
    return Num.encode(value).clone();
  }

  @Override
  public int compareTo(ScriptNum o) {
    return Long.compare(value, o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScriptNum && ((ScriptNum) o).value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
