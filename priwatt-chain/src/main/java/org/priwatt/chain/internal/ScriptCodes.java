package org.priwatt.chain.internal;

import org.priwatt.chain.codec.ByteWriter;
import org.priwatt.script.Script;

/**
 * Serializes a scriptCode for the legacy signature hash exactly as Bitcoin Core's
 * {@code CTransactionSignatureSerializer::SerializeScriptCode} does: OP_CODESEPARATORs removed,
 * the length prefix counting every other byte.
 *
 * <p>This is not a general code-separator stripper: Core stops scanning at the first push that
 * runs past the end of the script and writes only the bytes up to the point where its parser
 * gave up, while the length prefix still counts the whole script minus the separators seen. A
 * {@link Script} cannot express that mismatch, so the hasher keeps this byte-exact routine.
 */
public final class ScriptCodes {
  private static final int OP_PUSHDATA1 = 0x4c;
  private static final int OP_PUSHDATA2 = 0x4d;
  private static final int OP_PUSHDATA4 = 0x4e;
  private static final int OP_CODESEPARATOR = 0xab;

  private ScriptCodes() {}

  /** Returns the CompactSize-prefixed scriptCode bytes the signature hash commits to. */
  public static byte[] serialize(Script scriptCode) {
    byte[] s = scriptCode.program();
    int separators = 0;
    int pos = 0;
    int next;
    while ((next = nextOp(s, pos)) > 0) {
      if ((s[pos] & 0xff) == OP_CODESEPARATOR) {
        separators++;
      }
      pos = next;
    }
    ByteWriter w = new ByteWriter(s.length + 9);
    w.writeCompactSize(s.length - separators);
    int segmentStart = 0;
    pos = 0;
    while ((next = nextOp(s, pos)) > 0) {
      if ((s[pos] & 0xff) == OP_CODESEPARATOR) {
        w.writeBytes(s, segmentStart, pos - segmentStart);
        segmentStart = next;
      }
      pos = next;
    }
    // Core writes up to its iterator, which stops where the parse failed (see class comment).
    int stop = next == 0 ? s.length : -next;
    if (segmentStart != s.length) {
      w.writeBytes(s, segmentStart, Math.max(0, stop - segmentStart));
    }
    return w.toByteArray();
  }

  /**
   * Returns the offset after the operation at {@code pos}; 0 at the end of the script; or minus
   * the offset where Core's {@code GetScriptOp} leaves its iterator when the push is truncated.
   */
  static int nextOp(byte[] s, int pos) {
    if (pos >= s.length) {
      return 0;
    }
    int op = s[pos++] & 0xff;
    if (op > OP_PUSHDATA4) {
      return pos;
    }
    long size;
    if (op < OP_PUSHDATA1) {
      size = op;
    } else {
      int width = op == OP_PUSHDATA1 ? 1 : op == OP_PUSHDATA2 ? 2 : 4;
      if (s.length - pos < width) {
        return -pos;
      }
      size = 0;
      for (int i = width - 1; i >= 0; i--) {
        size = size << 8 | (s[pos + i] & 0xff);
      }
      pos += width;
    }
    if (s.length - pos < size) {
      return -pos;
    }
    return pos + (int) size;
  }
}
