package org.priwatt.script.internal;

import static org.priwatt.script.OpcodeKind.CONDITIONAL;
import static org.priwatt.script.OpcodeKind.DISABLED;
import static org.priwatt.script.OpcodeKind.INVALID;
import static org.priwatt.script.OpcodeKind.NOP;
import static org.priwatt.script.OpcodeKind.OPERATION;
import static org.priwatt.script.OpcodeKind.PUSH_DATA;
import static org.priwatt.script.OpcodeKind.PUSH_NUMBER;
import static org.priwatt.script.OpcodeKind.RESERVED;
import static org.priwatt.script.OpcodeKind.UPGRADABLE_NOP;

import org.priwatt.script.OpcodeKind;

/**
 * The single 256-entry opcode table: for every byte value its Bitcoin Core name, its
 * {@link OpcodeKind} and its execution handler. The interpreter dispatches through it, the
 * tokenizer-based tools (disassembler, assembler, sigop counter) name and classify through it,
 * and {@code org.priwatt.script.Opcode} is a public view of it.
 *
 * <p>The arrays are private and filled once by the static initializer; callers read them through
 * the accessors, which the JIT inlines into plain array loads in the interpreter loop, so no
 * code anywhere can rewrite the table that consensus depends on.
 */
public final class OpcodeTable {
  /** Core name of each opcode ("OP_DUP"); pushes 0x01..0x4b are named "OP_DATA_n" as in btcd. */
  private static final String[] NAMES = new String[256];
  /** Classification of each opcode. */
  private static final OpcodeKind[] KINDS = new OpcodeKind[256];
  /** True for OP_IF..OP_ENDIF (including OP_VERIF/OP_VERNOTIF): run even when not executing. */
  private static final boolean[] RUNS_UNEXECUTED = new boolean[256];
  /** Execution handler of each opcode (pushes are handled by the machine loop). */
  private static final OpHandler[] HANDLERS = new OpHandler[256];

  private static final String[] DISABLED_NAMES = {
    "OP_CAT", "OP_SUBSTR", "OP_LEFT", "OP_RIGHT", // 0x7e..0x81
  };

  static {
    def(0x00, "OP_0", PUSH_DATA, FlowOps::badOpcode);
    for (int n = 1; n <= 0x4b; n++) {
      def(n, "OP_DATA_" + n, PUSH_DATA, FlowOps::badOpcode);
    }
    def(0x4c, "OP_PUSHDATA1", PUSH_DATA, FlowOps::badOpcode);
    def(0x4d, "OP_PUSHDATA2", PUSH_DATA, FlowOps::badOpcode);
    def(0x4e, "OP_PUSHDATA4", PUSH_DATA, FlowOps::badOpcode);
    def(0x4f, "OP_1NEGATE", PUSH_NUMBER, FlowOps::pushNumber);
    def(0x50, "OP_RESERVED", RESERVED, FlowOps::badOpcode);
    for (int n = 1; n <= 16; n++) {
      def(0x50 + n, "OP_" + n, PUSH_NUMBER, FlowOps::pushNumber);
    }
    // Flow control.
    def(0x61, "OP_NOP", NOP, FlowOps::nop);
    def(0x62, "OP_VER", RESERVED, FlowOps::badOpcode);
    def(0x63, "OP_IF", CONDITIONAL, FlowOps::ifOp);
    def(0x64, "OP_NOTIF", CONDITIONAL, FlowOps::ifOp);
    def(0x65, "OP_VERIF", RESERVED, FlowOps::badOpcode);
    def(0x66, "OP_VERNOTIF", RESERVED, FlowOps::badOpcode);
    def(0x67, "OP_ELSE", CONDITIONAL, FlowOps::elseOp);
    def(0x68, "OP_ENDIF", CONDITIONAL, FlowOps::endIf);
    def(0x69, "OP_VERIFY", OPERATION, FlowOps::verify);
    def(0x6a, "OP_RETURN", OPERATION, FlowOps::opReturn);
    // Stack.
    def(0x6b, "OP_TOALTSTACK", OPERATION, StackOps::toAltStack);
    def(0x6c, "OP_FROMALTSTACK", OPERATION, StackOps::fromAltStack);
    def(0x6d, "OP_2DROP", OPERATION, StackOps::drop2);
    def(0x6e, "OP_2DUP", OPERATION, StackOps::dup2);
    def(0x6f, "OP_3DUP", OPERATION, StackOps::dup3);
    def(0x70, "OP_2OVER", OPERATION, StackOps::over2);
    def(0x71, "OP_2ROT", OPERATION, StackOps::rot2);
    def(0x72, "OP_2SWAP", OPERATION, StackOps::swap2);
    def(0x73, "OP_IFDUP", OPERATION, StackOps::ifDup);
    def(0x74, "OP_DEPTH", OPERATION, StackOps::depth);
    def(0x75, "OP_DROP", OPERATION, StackOps::drop);
    def(0x76, "OP_DUP", OPERATION, StackOps::dup);
    def(0x77, "OP_NIP", OPERATION, StackOps::nip);
    def(0x78, "OP_OVER", OPERATION, StackOps::over);
    def(0x79, "OP_PICK", OPERATION, StackOps::pickOrRoll);
    def(0x7a, "OP_ROLL", OPERATION, StackOps::pickOrRoll);
    def(0x7b, "OP_ROT", OPERATION, StackOps::rot);
    def(0x7c, "OP_SWAP", OPERATION, StackOps::swap);
    def(0x7d, "OP_TUCK", OPERATION, StackOps::tuck);
    // Splice and bitwise logic.
    for (int k = 0; k < DISABLED_NAMES.length; k++) {
      def(0x7e + k, DISABLED_NAMES[k], DISABLED, FlowOps::badOpcode);
    }
    def(0x82, "OP_SIZE", OPERATION, StackOps::size);
    def(0x83, "OP_INVERT", DISABLED, FlowOps::badOpcode);
    def(0x84, "OP_AND", DISABLED, FlowOps::badOpcode);
    def(0x85, "OP_OR", DISABLED, FlowOps::badOpcode);
    def(0x86, "OP_XOR", DISABLED, FlowOps::badOpcode);
    def(0x87, "OP_EQUAL", OPERATION, StackOps::equal);
    def(0x88, "OP_EQUALVERIFY", OPERATION, StackOps::equal);
    def(0x89, "OP_RESERVED1", RESERVED, FlowOps::badOpcode);
    def(0x8a, "OP_RESERVED2", RESERVED, FlowOps::badOpcode);
    // Arithmetic.
    def(0x8b, "OP_1ADD", OPERATION, ArithmeticOps::unary);
    def(0x8c, "OP_1SUB", OPERATION, ArithmeticOps::unary);
    def(0x8d, "OP_2MUL", DISABLED, FlowOps::badOpcode);
    def(0x8e, "OP_2DIV", DISABLED, FlowOps::badOpcode);
    def(0x8f, "OP_NEGATE", OPERATION, ArithmeticOps::unary);
    def(0x90, "OP_ABS", OPERATION, ArithmeticOps::unary);
    def(0x91, "OP_NOT", OPERATION, ArithmeticOps::unary);
    def(0x92, "OP_0NOTEQUAL", OPERATION, ArithmeticOps::unary);
    def(0x93, "OP_ADD", OPERATION, ArithmeticOps::binary);
    def(0x94, "OP_SUB", OPERATION, ArithmeticOps::binary);
    def(0x95, "OP_MUL", DISABLED, FlowOps::badOpcode);
    def(0x96, "OP_DIV", DISABLED, FlowOps::badOpcode);
    def(0x97, "OP_MOD", DISABLED, FlowOps::badOpcode);
    def(0x98, "OP_LSHIFT", DISABLED, FlowOps::badOpcode);
    def(0x99, "OP_RSHIFT", DISABLED, FlowOps::badOpcode);
    def(0x9a, "OP_BOOLAND", OPERATION, ArithmeticOps::binary);
    def(0x9b, "OP_BOOLOR", OPERATION, ArithmeticOps::binary);
    def(0x9c, "OP_NUMEQUAL", OPERATION, ArithmeticOps::binary);
    def(0x9d, "OP_NUMEQUALVERIFY", OPERATION, ArithmeticOps::binary);
    def(0x9e, "OP_NUMNOTEQUAL", OPERATION, ArithmeticOps::binary);
    def(0x9f, "OP_LESSTHAN", OPERATION, ArithmeticOps::binary);
    def(0xa0, "OP_GREATERTHAN", OPERATION, ArithmeticOps::binary);
    def(0xa1, "OP_LESSTHANOREQUAL", OPERATION, ArithmeticOps::binary);
    def(0xa2, "OP_GREATERTHANOREQUAL", OPERATION, ArithmeticOps::binary);
    def(0xa3, "OP_MIN", OPERATION, ArithmeticOps::binary);
    def(0xa4, "OP_MAX", OPERATION, ArithmeticOps::binary);
    def(0xa5, "OP_WITHIN", OPERATION, ArithmeticOps::within);
    // Crypto.
    def(0xa6, "OP_RIPEMD160", OPERATION, CryptoOps::hash);
    def(0xa7, "OP_SHA1", OPERATION, CryptoOps::hash);
    def(0xa8, "OP_SHA256", OPERATION, CryptoOps::hash);
    def(0xa9, "OP_HASH160", OPERATION, CryptoOps::hash);
    def(0xaa, "OP_HASH256", OPERATION, CryptoOps::hash);
    def(0xab, "OP_CODESEPARATOR", OPERATION, FlowOps::codeSeparator);
    def(0xac, "OP_CHECKSIG", OPERATION, CryptoOps::checkSig);
    def(0xad, "OP_CHECKSIGVERIFY", OPERATION, CryptoOps::checkSig);
    def(0xae, "OP_CHECKMULTISIG", OPERATION, CryptoOps::checkMultiSig);
    def(0xaf, "OP_CHECKMULTISIGVERIFY", OPERATION, CryptoOps::checkMultiSig);
    // Expansion.
    def(0xb0, "OP_NOP1", UPGRADABLE_NOP, FlowOps::upgradableNop);
    def(0xb1, "OP_CHECKLOCKTIMEVERIFY", OPERATION, FlowOps::checkLockTimeVerify);
    def(0xb2, "OP_CHECKSEQUENCEVERIFY", OPERATION, FlowOps::checkSequenceVerify);
    for (int n = 4; n <= 10; n++) {
      def(0xb0 + n - 1, "OP_NOP" + n, UPGRADABLE_NOP, FlowOps::upgradableNop);
    }
    def(0xba, "OP_CHECKSIGADD", INVALID, FlowOps::badOpcode); // tapscript only
    for (int v = 0xbb; v <= 0xfe; v++) {
      def(v, "OP_UNKNOWN" + v, INVALID, FlowOps::badOpcode);
    }
    def(0xff, "OP_INVALIDOPCODE", INVALID, FlowOps::badOpcode);
    for (int v = 0x63; v <= 0x68; v++) {
      RUNS_UNEXECUTED[v] = true;
    }
  }

  private OpcodeTable() {}

  /**
   * Core's name of opcode {@code value} ("OP_DUP"); pushes 0x01..0x4b are "OP_DATA_n".
   *
   * @throws ArrayIndexOutOfBoundsException if {@code value} is not in 0..255
   */
  public static String name(int value) {
    return NAMES[value];
  }

  /**
   * How the interpreter treats opcode {@code value}.
   *
   * @throws ArrayIndexOutOfBoundsException if {@code value} is not in 0..255
   */
  public static OpcodeKind kind(int value) {
    return KINDS[value];
  }

  /** True for OP_IF..OP_ENDIF (and OP_VERIF/OP_VERNOTIF): run even in an unexecuted branch. */
  static boolean runsUnexecuted(int value) {
    return RUNS_UNEXECUTED[value];
  }

  /** The execution handler of opcode {@code value} (pushes are handled by the machine loop). */
  static OpHandler handler(int value) {
    return HANDLERS[value];
  }

  private static void def(int value, String name, OpcodeKind kind, OpHandler handler) {
    if (NAMES[value] != null) {
      throw new IllegalStateException("opcode defined twice: " + value);
    }
    NAMES[value] = name;
    KINDS[value] = kind;
    HANDLERS[value] = handler;
  }

  /**
   * The name Core's ScriptToAsmStr prints for a non-push opcode: "0", "-1" and "1".."16" for
   * the number opcodes, "OP_UNKNOWN" for 0xbb..0xfe, else {@link #name}.
   */
  public static String asmName(int value) {
    if (value == 0x00) {
      return "0";
    }
    if (value == 0x4f) {
      return "-1";
    }
    if (value >= 0x51 && value <= 0x60) {
      return Integer.toString(value - 0x50);
    }
    if (value >= 0xbb && value <= 0xfe || value >= 0x01 && value <= 0x4b) {
      return "OP_UNKNOWN";
    }
    return NAMES[value];
  }
}
