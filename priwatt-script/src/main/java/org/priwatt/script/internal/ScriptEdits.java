package org.priwatt.script.internal;

import java.io.ByteArrayOutputStream;

/**
 * Byte-level script rewriting used by legacy signature hashing: Core's {@code FindAndDelete} and
 * the removal of OP_CODESEPARATOR when the scriptCode is serialised. Both walk the script with
 * {@link ScriptTokenizer}, so they agree with the interpreter on where opcodes begin.
 */
public final class ScriptEdits {
  private static final int OP_CODESEPARATOR = 0xab;

  private ScriptEdits() {}

  /**
   * Serialises a push of {@code data} as Core's {@code CScript() << data}: a direct push below
   * 76 bytes (an empty push is OP_0), else the smallest OP_PUSHDATA form. Never OP_1..OP_16.
   */
  public static byte[] pushOf(byte[] data) {
    int n = data.length;
    int header = n < ScriptTokenizer.OP_PUSHDATA1 ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 5;
    byte[] out = new byte[header + n];
    if (header == 1) {
      out[0] = (byte) n;
    } else if (header == 2) {
      out[0] = (byte) ScriptTokenizer.OP_PUSHDATA1;
      out[1] = (byte) n;
    } else if (header == 3) {
      out[0] = (byte) ScriptTokenizer.OP_PUSHDATA2;
      out[1] = (byte) n;
      out[2] = (byte) (n >>> 8);
    } else {
      out[0] = (byte) ScriptTokenizer.OP_PUSHDATA4;
      for (int i = 0; i < 4; i++) {
        out[1 + i] = (byte) (n >>> (8 * i));
      }
    }
    System.arraycopy(data, 0, out, header, n);
    return out;
  }

  /**
   * Core's FindAndDelete: removes every occurrence of {@code pattern} that starts on an opcode
   * boundary, including occurrences that follow each other directly. Bytes after a truncated
   * push are kept as they are.
   *
   * @return {@code script} itself (same instance) if nothing matched, else a new array
   */
  public static byte[] findAndDelete(byte[] script, byte[] pattern) {
    if (pattern.length == 0) {
      return script;
    }
    ByteArrayOutputStream out = null;
    ScriptTokenizer tok = new ScriptTokenizer(script);
    int pc = 0;
    int kept = 0; // start of bytes not yet copied
    do {
      int matchStart = pc;
      while (script.length - pc >= pattern.length && regionEquals(script, pc, pattern)) {
        pc += pattern.length;
      }
      if (pc != matchStart) {
        if (out == null) {
          out = new ByteArrayOutputStream(script.length);
        }
        out.write(script, kept, matchStart - kept);
        kept = pc;
        tok.reset(script, pc);
      }
      if (!tok.next()) {
        break;
      }
      pc = tok.position();
    } while (true);
    if (out == null) {
      return script;
    }
    out.write(script, kept, script.length - kept);
    return out.toByteArray();
  }

  private static boolean regionEquals(byte[] script, int offset, byte[] pattern) {
    for (int i = 0; i < pattern.length; i++) {
      if (script[offset + i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The scriptCode bytes that Core's legacy SignatureHash serialises: every OP_CODESEPARATOR
   * removed, parsing as far as the script parses. As in Core, bytes from a trailing truncated
   * push onwards are partly dropped: output stops where the failed read stopped.
   *
   * @return {@code script} itself if there is nothing to remove, else a new array
   */
  public static byte[] withoutCodeSeparators(byte[] script) {
    ScriptTokenizer tok = new ScriptTokenizer(script);
    ByteArrayOutputStream out = null;
    int segmentStart = 0;
    while (tok.next()) {
      if (tok.opcode() == OP_CODESEPARATOR) {
        if (out == null) {
          out = new ByteArrayOutputStream(script.length);
        }
        out.write(script, segmentStart, tok.position() - 1 - segmentStart);
        segmentStart = tok.position();
      }
    }
    int stop = tok.position();
    if (out == null && stop == script.length) {
      return script;
    }
    if (out == null) {
      out = new ByteArrayOutputStream(script.length);
    }
    out.write(script, segmentStart, stop - segmentStart);
    return out.toByteArray();
  }
}
