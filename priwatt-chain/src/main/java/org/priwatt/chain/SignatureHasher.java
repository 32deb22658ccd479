package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;

/**
 * The legacy (pre-segwit) signature hash of Bitcoin Core's {@code SignatureHash}, bit for bit,
 * for one transaction and any input, scriptCode and 32-bit hash type.
 *
 * <p>Rules reproduced from Core: the mode comes from {@code hashType & 0x1f} (2 = NONE, 3 =
 * SINGLE, anything else behaves as ALL) and {@code hashType & 0x80} (ANYONECANPAY); the full
 * 32-bit hash type is appended little-endian; the scriptCode is serialized with OP_CODESEPARATORs
 * removed; other inputs get empty scripts (and nSequence 0 under NONE and SINGLE); under SINGLE,
 * outputs before the signed one become value -1 with an empty script; and under SINGLE with no
 * matching output the result is the constant {@code 0x01 00...00} (Core's "one" bug), not a
 * digest.
 *
 * <p>Speed: the hasher locates every input and output inside the transaction's serialization
 * once, so each hash only copies byte ranges and the scriptCode into one buffer and hashes it;
 * nothing is re-encoded. Instances are immutable and thread-safe; share one per transaction
 * across all its inputs.
 */
public final class SignatureHasher {
  /** Sign all inputs' outpoints and all outputs. */
  public static final int SIGHASH_ALL = 1;
  /** Sign no outputs; other inputs' sequences are not committed. */
  public static final int SIGHASH_NONE = 2;
  /** Sign only the output with the same index as the input. */
  public static final int SIGHASH_SINGLE = 3;
  /** Flag: sign only this input, letting others be added. */
  public static final int SIGHASH_ANYONECANPAY = 0x80;

  private static final byte[] ONE = new byte[32];

  static {
    ONE[0] = 1;
  }

  private static final int BLANK_OUTPUT_SIZE = 9;

  private final Transaction tx;
  private final byte[] raw;
  /** Offset of each input's outpoint; one extra entry marks where the output count begins. */
  private final int[] inputStart;
  /** Offset of each output; one extra entry marks where nLockTime begins. */
  private final int[] outputStart;
  private final int outputCountStart;

  private SignatureHasher(Transaction tx) {
    this.tx = tx;
    this.raw = tx.serializedNoCopy();
    int nIn = tx.inputs().size();
    inputStart = new int[nIn + 1];
    int off = 4 + ByteWriter.compactSizeLength(nIn);
    for (int i = 0; i < nIn; i++) {
      inputStart[i] = off;
      off += tx.inputs().get(i).serializedSize();
    }
    inputStart[nIn] = off;
    outputCountStart = off;
    int nOut = tx.outputs().size();
    outputStart = new int[nOut + 1];
    off += ByteWriter.compactSizeLength(nOut);
    for (int i = 0; i < nOut; i++) {
      outputStart[i] = off;
      off += tx.outputs().get(i).serializedSize();
    }
    outputStart[nOut] = off;
  }

  /** Returns a hasher for {@code tx}. */
  public static SignatureHasher of(Transaction tx) {
    return new SignatureHasher(Objects.requireNonNull(tx, "tx"));
  }

  /** The transaction this hasher signs. */
  public Transaction transaction() {
    return tx;
  }

  /**
   * Returns the 32-byte legacy signature hash (in the byte order ECDSA signs) of input {@code
   * inputIndex} under {@code scriptCode} and {@code hashType}.
   *
   * @param scriptCode the script being executed, already cut at its last executed
   *     OP_CODESEPARATOR; remaining separators are removed here
   * @param hashType the full 32-bit hash type (from a signature only its last byte, 0..255)
   * @throws IndexOutOfBoundsException if {@code inputIndex} names no input
   */
  public byte[] legacyHash(int inputIndex, Script scriptCode, int hashType) {
    Objects.checkIndex(inputIndex, tx.inputs().size());
    Objects.requireNonNull(scriptCode, "scriptCode");
    int mode = hashType & 0x1f;
    boolean single = mode == SIGHASH_SINGLE;
    boolean none = mode == SIGHASH_NONE;
    boolean anyoneCanPay = (hashType & SIGHASH_ANYONECANPAY) != 0;
    int nOut = tx.outputs().size();
    if (single && inputIndex >= nOut) {
      return ONE.clone();
    }
    byte[] code = serializeScriptCode(scriptCode);
    int nIn = anyoneCanPay ? 1 : tx.inputs().size();
    ByteWriter w = ByteWriter.of(ByteOrder.LITTLE_ENDIAN,
        preimageSize(inputIndex, code.length, nIn, single, none));
    w.bytes(raw, 0, 4).compactSize(nIn);
    for (int k = 0; k < nIn; k++) {
      int i = anyoneCanPay ? inputIndex : k;
      w.bytes(raw, inputStart[i], OutPoint.SIZE);
      if (i == inputIndex) {
        w.bytes(code);
      } else {
        w.u8(0);
      }
      if (i != inputIndex && (single || none)) {
        w.i32(0);
      } else {
        w.bytes(raw, inputStart[i + 1] - 4, 4);
      }
    }
    if (none) {
      w.u8(0);
    } else if (single) {
      w.compactSize(inputIndex + 1);
      for (int j = 0; j < inputIndex; j++) {
        w.i64(-1).u8(0);
      }
      w.bytes(raw, outputStart[inputIndex], outputStart[inputIndex + 1] - outputStart[inputIndex]);
    } else {
      w.bytes(raw, outputCountStart, outputStart[nOut] - outputCountStart);
    }
    w.bytes(raw, outputStart[nOut], 4).i32(hashType);
    return Hashes.sha256d(w.toByteArray());
  }

  private int preimageSize(int inputIndex, int codeLength, int nIn, boolean single,
      boolean none) {
    int size = 4 + ByteWriter.compactSizeLength(nIn) + nIn * (OutPoint.SIZE + 1 + 4)
        + codeLength - 1;
    if (none) {
      size += 1;
    } else if (single) {
      size += ByteWriter.compactSizeLength(inputIndex + 1L) + inputIndex * BLANK_OUTPUT_SIZE
          + outputStart[inputIndex + 1] - outputStart[inputIndex];
    } else {
      size += outputStart[outputStart.length - 1] - outputCountStart;
    }
    return size + 4 + 4;
  }

  /**
   * Core's {@code SerializeScriptCode}: the length prefix counts every byte but the
   * OP_CODESEPARATORs its parser saw, while the body ({@link Script#withoutCodeSeparators()})
   * stops where that parser stopped. The two differ only for a script ending in a truncated
   * push, and Core's hash commits to exactly that mismatch.
   */
  static byte[] serializeScriptCode(Script scriptCode) {
    int separators = 0;
    for (ScriptChunk chunk : scriptCode.chunks()) {
      if (!chunk.isMalformed() && chunk.opcode().equals(Opcode.OP_CODESEPARATOR)) {
        separators++;
      }
    }
    Script body = scriptCode.withoutCodeSeparators();
    long prefix = scriptCode.length() - separators;
    return ByteWriter.of(ByteOrder.LITTLE_ENDIAN, ByteWriter.compactSizeLength(prefix) + body.length())
        .compactSize(prefix).bytes(body.program()).toByteArray();
  }
}
