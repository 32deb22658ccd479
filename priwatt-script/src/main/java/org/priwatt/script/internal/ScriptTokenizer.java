package org.priwatt.script.internal;

/**
 * A zero-allocation cursor over a script's bytes that reads one opcode at a time exactly as
 * Bitcoin Core's {@code GetScriptOp}: a push whose length prefix or data runs past the end of
 * the script is a parse failure, after which the cursor stops. Every consumer of script bytes
 * (interpreter, disassembler, sigop counter, FindAndDelete) uses this one reader.
 */
public final class ScriptTokenizer {
  /** OP_PUSHDATA1. */
  public static final int OP_PUSHDATA1 = 0x4c;
  /** OP_PUSHDATA2. */
  public static final int OP_PUSHDATA2 = 0x4d;
  /** OP_PUSHDATA4. */
  public static final int OP_PUSHDATA4 = 0x4e;
  /** The value Core reports after a failed read (OP_INVALIDOPCODE). */
  public static final int INVALID = 0xff;

  private byte[] program;
  private int end;
  private int pos;
  private int opcode;
  private int dataOffset;
  private int dataLength;
  private boolean failed;

  /** Creates a tokenizer over the whole of {@code program} (not copied; must not change). */
  public ScriptTokenizer(byte[] program) {
    reset(program, 0);
  }

  /** Restarts the cursor on {@code program} at {@code offset}. */
  public void reset(byte[] program, int offset) {
    this.program = program;
    this.end = program.length;
    this.pos = offset;
    this.opcode = INVALID;
    this.dataOffset = offset;
    this.dataLength = 0;
    this.failed = false;
  }

  /**
   * Reads the next opcode.
   *
   * @return false at the end of the script or on a truncated push ({@link #failed()} tells which)
   */
  public boolean next() {
    opcode = INVALID;
    dataLength = 0;
    if (pos >= end) {
      return false;
    }
    int op = program[pos++] & 0xff;
    if (op <= OP_PUSHDATA4) {
      long size;
      if (op < OP_PUSHDATA1) {
        size = op;
      } else if (op == OP_PUSHDATA1) {
        if (end - pos < 1) {
          return fail();
        }
        size = program[pos++] & 0xff;
      } else if (op == OP_PUSHDATA2) {
        if (end - pos < 2) {
          return fail();
        }
        size = (program[pos] & 0xff) | (program[pos + 1] & 0xff) << 8;
        pos += 2;
      } else {
        if (end - pos < 4) {
          return fail();
        }
        size = (program[pos] & 0xffL) | (program[pos + 1] & 0xffL) << 8
            | (program[pos + 2] & 0xffL) << 16 | (program[pos + 3] & 0xffL) << 24;
        pos += 4;
      }
      if (end - pos < size) {
        return fail();
      }
      dataOffset = pos;
      dataLength = (int) size;
      pos += dataLength;
    } else {
      dataOffset = pos;
    }
    opcode = op;
    return true;
  }

  private boolean fail() {
    failed = true;
    return false;
  }

  /** True once a read failed on a truncated push (as opposed to reaching the end). */
  public boolean failed() {
    return failed;
  }

  /** The opcode just read, or {@link #INVALID} after a failed read. */
  public int opcode() {
    return opcode;
  }

  /** Offset of the pushed data in the program (valid for push opcodes). */
  public int dataOffset() {
    return dataOffset;
  }

  /** Length of the pushed data; 0 for non-push opcodes. */
  public int dataLength() {
    return dataLength;
  }

  /** Offset just after the opcode read (where Core's iterator stands). */
  public int position() {
    return pos;
  }

  /** True if the cursor is at the end of the script. */
  public boolean atEnd() {
    return pos >= end;
  }

  /** Copies the data of the push just read. */
  public byte[] data() {
    byte[] out = new byte[dataLength];
    System.arraycopy(program, dataOffset, out, 0, dataLength);
    return out;
  }
}
