package org.priwatt.script.internal;

import java.util.Set;
import org.priwatt.script.ExecutionListener;
import org.priwatt.script.Opcode;
import org.priwatt.script.OpcodeKind;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.SignatureChecker;
import org.priwatt.script.VerifyFlag;

/**
 * The state of one script evaluation, and the fetch-dispatch loop of Bitcoin Core's
 * {@code EvalScript} for legacy (pre-segwit) scripts. Opcode semantics live in the handlers of
 * {@link OpcodeTable}; this class does what is common to every opcode: parsing, the size and
 * opcode-count limits, disabled opcodes and skipping unexecuted branches.
 *
 * <p>Not thread-safe; one instance per verification. Nothing is allocated per opcode except
 * stack elements.
 */
public final class Machine {
  /** Maximum script length in bytes. */
  public static final int MAX_SCRIPT_SIZE = 10_000;
  /** Maximum size of a stack element in bytes. */
  public static final int MAX_ELEMENT_SIZE = 520;
  /** Maximum number of non-push opcodes per script. */
  public static final int MAX_OPS = 201;
  /** Maximum combined main and alt stack depth. */
  public static final int MAX_STACK_SIZE = 1000;
  /** Maximum number of keys in CHECKMULTISIG. */
  public static final int MAX_PUBKEYS_PER_MULTISIG = 20;

  private static final int OP_16 = 0x60;
  private static final int OP_CODESEPARATOR = 0xab;

  final ScriptStack stack = new ScriptStack();
  final ScriptStack altStack = new ScriptStack();
  final ConditionStack conditions = new ConditionStack();
  final SignatureChecker checker;
  final int flags;
  final boolean requireMinimal;
  private final ExecutionListener listener;
  private final ScriptTokenizer tokenizer = new ScriptTokenizer(new byte[0]);

  /** The script being run and where its scriptCode starts (after the last OP_CODESEPARATOR). */
  byte[] program;
  int codeStart;
  int opCount;

  /**
   * Creates a machine with an empty stack.
   *
   * @param listener may be null (no tracing)
   */
  public Machine(Set<VerifyFlag> flags, SignatureChecker checker, ExecutionListener listener) {
    int bits = 0;
    for (VerifyFlag f : flags) {
      bits |= 1 << f.ordinal();
    }
    this.flags = bits;
    this.requireMinimal = has(VerifyFlag.MINIMALDATA);
    this.checker = checker;
    this.listener = listener;
  }

  boolean has(VerifyFlag flag) {
    return (flags & (1 << flag.ordinal())) != 0;
  }

  /** The main stack; callers may fill it before and read it after {@link #eval}. */
  public ScriptStack stack() {
    return stack;
  }

  /**
   * Runs {@code program} (the bytes of {@code script}, not copied) on the current stack.
   *
   * @return {@link ScriptError#OK} or the first failure
   */
  public ScriptError eval(Script script, byte[] program) {
    if (program.length > MAX_SCRIPT_SIZE) {
      return ScriptError.SCRIPT_SIZE;
    }
    this.program = program;
    this.codeStart = 0;
    this.opCount = 0;
    conditions.clear();
    altStack.clear();
    ScriptTokenizer tok = tokenizer;
    tok.reset(program, 0);
    boolean constScriptCode = has(VerifyFlag.CONST_SCRIPTCODE);
    while (!tok.atEnd()) {
      boolean executing = conditions.allTrue();
      int offset = tok.position();
      if (!tok.next()) {
        return ScriptError.BAD_OPCODE;
      }
      int op = tok.opcode();
      if (tok.dataLength() > MAX_ELEMENT_SIZE) {
        return ScriptError.PUSH_SIZE;
      }
      OpcodeKind kind = OpcodeTable.kind(op);
      if (kind == OpcodeKind.PUSH_DATA) {
        if (executing) {
          if (requireMinimal && !isMinimalPush(program, tok)) {
            return ScriptError.MINIMALDATA;
          }
          stack.push(tok.data());
          notifyListener(script, offset, op);
        }
      } else {
        if (op > OP_16 && ++opCount > MAX_OPS) {
          return ScriptError.OP_COUNT;
        }
        if (kind == OpcodeKind.DISABLED) {
          return ScriptError.DISABLED_OPCODE;
        }
        if (op == OP_CODESEPARATOR && constScriptCode) {
          return ScriptError.OP_CODESEPARATOR;
        }
        if (executing || OpcodeTable.runsUnexecuted(op)) {
          ScriptError err = OpcodeTable.handler(op).execute(this, op);
          if (err != ScriptError.OK) {
            return err;
          }
          notifyListener(script, offset, op);
        }
      }
      if (stack.size() + altStack.size() > MAX_STACK_SIZE) {
        return ScriptError.STACK_SIZE;
      }
    }
    if (!conditions.isEmpty()) {
      return ScriptError.UNBALANCED_CONDITIONAL;
    }
    return ScriptError.OK;
  }

  /** Called by OP_CODESEPARATOR: the scriptCode now starts after it. */
  void markCodeSeparator() {
    codeStart = tokenizer.position();
  }

  private void notifyListener(Script script, int offset, int op) {
    if (listener != null) {
      listener.onOpcode(script, offset, Opcode.of(op), stack, altStack);
    }
  }

  /** Core's CheckMinimalPush: the push uses the shortest opcode for its data. */
  static boolean isMinimalPush(byte[] program, ScriptTokenizer tok) {
    int op = tok.opcode();
    int len = tok.dataLength();
    if (len == 0) {
      return op == 0x00;
    }
    if (len == 1) {
      int b = program[tok.dataOffset()] & 0xff;
      if (b >= 1 && b <= 16) {
        return false; // should have been OP_1..OP_16, which is not a data push
      }
      if (b == 0x81) {
        return false; // should have been OP_1NEGATE
      }
    }
    if (len <= 75) {
      return op == len;
    }
    if (len <= 255) {
      return op == ScriptTokenizer.OP_PUSHDATA1;
    }
    if (len <= 65535) {
      return op == ScriptTokenizer.OP_PUSHDATA2;
    }
    return true;
  }
}
