package org.priwatt.script;

import java.util.Arrays;
import org.priwatt.crypto.Hex;

/**
 * One parsed element of a script: an opcode with, for pushes, the pushed bytes. A chunk can also
 * be malformed: a push whose length prefix or data runs past the end of the script, which Core's
 * {@code GetOp} rejects; such a chunk is always the last one.
 */
public final class ScriptChunk {
  private final Opcode opcode;
  private final byte[] data;
  private final int offset;
  private final boolean malformed;

  private ScriptChunk(Opcode opcode, byte[] data, int offset, boolean malformed) {
    this.opcode = opcode;
    this.data = data;
    this.offset = offset;
    this.malformed = malformed;
  }

  static ScriptChunk of(Opcode opcode, byte[] data, int offset) {
    return new ScriptChunk(opcode, data, offset, false);
  }

  static ScriptChunk malformed(Opcode opcode, int offset) {
    return new ScriptChunk(opcode, null, offset, true);
  }

  /** The opcode (for a malformed chunk, the byte at which parsing failed). */
  public Opcode opcode() {
    return opcode;
  }

  /** Offset of the opcode byte in the script. */
  public int offset() {
    return offset;
  }

  /** True for a push whose declared length runs past the end of the script. */
  public boolean isMalformed() {
    return malformed;
  }

  /** True for a well-formed data push (OP_0, 0x01..0x4b, OP_PUSHDATA1/2/4). */
  public boolean isPushData() {
    return !malformed && opcode.isPushData();
  }

  /** Returns a copy of the pushed bytes; empty for non-push and malformed chunks. */
  public byte[] data() {
    return data == null ? new byte[0] : data.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ScriptChunk)) {
      return false;
    }
    ScriptChunk c = (ScriptChunk) o;
    return opcode == c.opcode && offset == c.offset && malformed == c.malformed
        && Arrays.equals(data, c.data);
  }

  @Override
  public int hashCode() {
    return (opcode.value() * 31 + offset) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    if (malformed) {
      return "[error]";
    }
    return isPushData() ? opcode.name() + " " + Hex.encode(data) : opcode.name();
  }
}
