package org.priwatt.script;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.priwatt.crypto.Hex;
import org.priwatt.script.internal.Num;
import org.priwatt.script.internal.OpcodeTable;
import org.priwatt.script.internal.ScriptEdits;
import org.priwatt.script.internal.ScriptTokenizer;

/**
 * An immutable Bitcoin script: the exact original bytes, including non-minimal pushes and
 * trailing garbage, which the interpreter must see as they are. Parsing is lazy: {@link #chunks()}
 * and the analysis methods tokenize on demand exactly as Bitcoin Core's {@code GetOp}.
 */
public final class Script {
  /** The empty script. */
  public static final Script EMPTY = new Script(new byte[0]);

  private static final int OP_16 = 0x60;
  private static final int OP_1 = 0x51;
  private static final int OP_CHECKSIG = 0xac;
  private static final int OP_CHECKSIGVERIFY = 0xad;
  private static final int OP_CHECKMULTISIG = 0xae;
  private static final int OP_CHECKMULTISIGVERIFY = 0xaf;
  /** Sigops charged for a CHECKMULTISIG whose key count is not known statically. */
  private static final int MAX_PUBKEYS_PER_MULTISIG = 20;

  private final byte[] program;
  private final int hash;

  private Script(byte[] program) {
    this.program = program;
    this.hash = Arrays.hashCode(program);
  }

  /** Wraps a copy of {@code program}. Any byte string is a script; parsing happens on use. */
  public static Script fromBytes(byte[] program) {
    Objects.requireNonNull(program, "program");
    return program.length == 0 ? EMPTY : new Script(program.clone());
  }

  /** Wraps {@code program} without copying; the caller must never modify it afterwards. */
  static Script wrap(byte[] program) {
    return program.length == 0 ? EMPTY : new Script(program);
  }

  /**
   * Parses a hex string.
   *
   * @throws IllegalArgumentException if {@code hex} is not valid hex
   */
  public static Script fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  /** Returns a copy of the raw script bytes. */
  public byte[] program() {
    return program.clone();
  }

  /** The raw bytes, shared; for this package only. */
  byte[] bytes() {
    return program;
  }

  /** Returns the script length in bytes. */
  public int length() {
    return program.length;
  }

  /** Returns the raw byte at {@code index}. */
  public int byteAt(int index) {
    return program[index] & 0xff;
  }

  /** Copies the script bytes into {@code dest} at {@code offset} without allocating. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(program, 0, dest, offset, program.length);
  }

  /** Returns the script as lowercase hex. */
  public String toHex() {
    return Hex.encode(program);
  }

  /**
   * Iterates the script's chunks lazily. A truncated push ends the iteration with one
   * {@linkplain ScriptChunk#isMalformed() malformed} chunk.
   */
  public Iterable<ScriptChunk> chunks() {
    return () -> new Iterator<>() {
      private final ScriptTokenizer tok = new ScriptTokenizer(program);
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done && !tok.atEnd();
      }

      @Override
      public ScriptChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int offset = tok.position();
        if (!tok.next()) {
          done = true;
          return ScriptChunk.malformed(Opcode.of(program[offset] & 0xff), offset);
        }
        Opcode op = Opcode.of(tok.opcode());
        return ScriptChunk.of(op, op.isPushData() ? tok.data() : null, offset);
      }
    };
  }

  /** True if the script parses completely (no truncated push). */
  public boolean isWellFormed() {
    ScriptTokenizer tok = new ScriptTokenizer(program);
    while (tok.next()) {
      // Reading to the end is the check.
    }
    return !tok.failed();
  }

  /**
   * Core's {@code IsPushOnly}: the script parses and contains only opcodes up to OP_16 (which
   * includes OP_RESERVED, as in Core).
   */
  public boolean isPushOnly() {
    ScriptTokenizer tok = new ScriptTokenizer(program);
    while (tok.next()) {
      if (tok.opcode() > OP_16) {
        return false;
      }
    }
    return !tok.failed();
  }

  /** True for the BIP 16 pattern {@code OP_HASH160 <20 bytes> OP_EQUAL}, exactly 23 bytes. */
  public boolean isPayToScriptHash() {
    return program.length == 23 && (program[0] & 0xff) == 0xa9 && program[1] == 0x14
        && (program[22] & 0xff) == 0x87;
  }

  /**
   * Counts signature operations as Core's {@code GetSigOpCount(fAccurate)}: CHECKSIG(VERIFY)
   * counts 1; CHECKMULTISIG(VERIFY) counts 20, or with {@code accurate} the key count when an
   * OP_1..OP_16 directly precedes it. Counting stops at a truncated push.
   */
  public int getSigOpCount(boolean accurate) {
    ScriptTokenizer tok = new ScriptTokenizer(program);
    int count = 0;
    int last = ScriptTokenizer.INVALID;
    while (tok.next()) {
      int op = tok.opcode();
      if (op == OP_CHECKSIG || op == OP_CHECKSIGVERIFY) {
        count++;
      } else if (op == OP_CHECKMULTISIG || op == OP_CHECKMULTISIGVERIFY) {
        count += accurate && last >= OP_1 && last <= OP_16
            ? last - (OP_1 - 1) : MAX_PUBKEYS_PER_MULTISIG;
      }
      last = op;
    }
    return count;
  }

  /**
   * Counts the signature operations of a P2SH spend, as Core's
   * {@code GetSigOpCount(scriptSig)} called on this script (the scriptPubKey): for a P2SH script
   * the accurate count of the redeem script (the last push of a push-only {@code scriptSig}),
   * 0 if {@code scriptSig} is not push-only or does not parse; for other scripts
   * {@code getSigOpCount(true)}.
   */
  public int getSigOpCount(Script scriptSig) {
    Objects.requireNonNull(scriptSig, "scriptSig");
    if (!isPayToScriptHash()) {
      return getSigOpCount(true);
    }
    ScriptTokenizer tok = new ScriptTokenizer(scriptSig.program);
    byte[] last = new byte[0];
    while (!tok.atEnd()) {
      if (!tok.next() || tok.opcode() > OP_16) {
        return 0;
      }
      last = tok.data();
    }
    return wrap(last).getSigOpCount(true);
  }

  /**
   * Returns the scriptCode bytes that legacy signature hashing serialises: this script with
   * every OP_CODESEPARATOR removed. If the script ends in a truncated push, output stops where
   * Core's parser stopped (Core still prefixes {@code length()} minus the separator count).
   *
   * @return this instance if there is nothing to remove
   */
  public Script withoutCodeSeparators() {
    byte[] out = ScriptEdits.withoutCodeSeparators(program);
    return out == program ? this : wrap(out);
  }

  /**
   * Core's {@code FindAndDelete}: removes every occurrence of the serialised push
   * {@code pushOfSig} (e.g. {@code 0x47 <71-byte sig>}) that starts at an opcode boundary, as
   * legacy CHECKSIG does to its scriptCode.
   *
   * @return this instance if nothing matched, else the cleaned script
   */
  public Script findAndDelete(byte[] pushOfSig) {
    Objects.requireNonNull(pushOfSig, "pushOfSig");
    byte[] out = ScriptEdits.findAndDelete(program, pushOfSig);
    return out == program ? this : wrap(out);
  }

  /** Returns the part of this script from byte {@code offset} to the end. */
  public Script subscript(int offset) {
    Objects.checkFromToIndex(offset, program.length, program.length);
    return wrap(Arrays.copyOfRange(program, offset, program.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Script && Arrays.equals(program, ((Script) o).program);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * Returns the script in Bitcoin Core's assembly (ScriptToAsmStr without sighash decoding):
   * pushes of up to 4 bytes as decimal numbers, longer pushes as hex, opcodes by Core name,
   * {@code [error]} at a truncated push.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    ScriptTokenizer tok = new ScriptTokenizer(program);
    while (!tok.atEnd()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (!tok.next()) {
        return sb.append("[error]").toString();
      }
      int op = tok.opcode();
      if (op <= ScriptTokenizer.OP_PUSHDATA4) {
        byte[] data = tok.data();
        if (data.length <= 4) {
          sb.append(Num.toInt(Num.decode(data, false, 4)));
        } else {
          sb.append(Hex.encode(data));
        }
      } else {
        sb.append(OpcodeTable.asmName(op));
      }
    }
    return sb.toString();
  }
}
