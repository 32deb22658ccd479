package org.priwatt.script;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.priwatt.script.internal.OpcodeTable;

/**
 * One of the 256 script opcodes, a public view of the interpreter's single opcode table (the same
 * table drives execution, tokenizing and disassembly). Instances are interned: one per byte
 * value, so {@code ==} works. Names are Bitcoin Core's ({@code OP_DUP}, {@code OP_CHECKSIG}, ...);
 * Core has no names for the direct pushes 0x01..0x4b, which are called {@code OP_DATA_n} here
 * as in btcd, nor for 0xbb..0xfe ({@code OP_UNKNOWNn}).
 */
public final class Opcode {
  private static final Opcode[] TABLE = new Opcode[256];
  private static final Map<String, Opcode> BY_NAME = new HashMap<>();

  static {
    for (int v = 0; v < 256; v++) {
      TABLE[v] = new Opcode(v);
      BY_NAME.put(TABLE[v].name, TABLE[v]);
    }
  }

  /** OP_0 (0x00). */
  public static final Opcode OP_0 = TABLE[0x00];

  /** OP_PUSHDATA1 (0x4c). */
  public static final Opcode OP_PUSHDATA1 = TABLE[0x4c];

  /** OP_PUSHDATA2 (0x4d). */
  public static final Opcode OP_PUSHDATA2 = TABLE[0x4d];

  /** OP_PUSHDATA4 (0x4e). */
  public static final Opcode OP_PUSHDATA4 = TABLE[0x4e];

  /** OP_1NEGATE (0x4f). */
  public static final Opcode OP_1NEGATE = TABLE[0x4f];

  /** OP_RESERVED (0x50). */
  public static final Opcode OP_RESERVED = TABLE[0x50];

  /** OP_1 (0x51). */
  public static final Opcode OP_1 = TABLE[0x51];

  /** OP_2 (0x52). */
  public static final Opcode OP_2 = TABLE[0x52];

  /** OP_3 (0x53). */
  public static final Opcode OP_3 = TABLE[0x53];

  /** OP_4 (0x54). */
  public static final Opcode OP_4 = TABLE[0x54];

  /** OP_5 (0x55). */
  public static final Opcode OP_5 = TABLE[0x55];

  /** OP_6 (0x56). */
  public static final Opcode OP_6 = TABLE[0x56];

  /** OP_7 (0x57). */
  public static final Opcode OP_7 = TABLE[0x57];

  /** OP_8 (0x58). */
  public static final Opcode OP_8 = TABLE[0x58];

  /** OP_9 (0x59). */
  public static final Opcode OP_9 = TABLE[0x59];

  /** OP_10 (0x5a). */
  public static final Opcode OP_10 = TABLE[0x5a];

  /** OP_11 (0x5b). */
  public static final Opcode OP_11 = TABLE[0x5b];

  /** OP_12 (0x5c). */
  public static final Opcode OP_12 = TABLE[0x5c];

  /** OP_13 (0x5d). */
  public static final Opcode OP_13 = TABLE[0x5d];

  /** OP_14 (0x5e). */
  public static final Opcode OP_14 = TABLE[0x5e];

  /** OP_15 (0x5f). */
  public static final Opcode OP_15 = TABLE[0x5f];

  /** OP_16 (0x60). */
  public static final Opcode OP_16 = TABLE[0x60];

  /** OP_NOP (0x61). */
  public static final Opcode OP_NOP = TABLE[0x61];

  /** OP_VER (0x62). */
  public static final Opcode OP_VER = TABLE[0x62];

  /** OP_IF (0x63). */
  public static final Opcode OP_IF = TABLE[0x63];

  /** OP_NOTIF (0x64). */
  public static final Opcode OP_NOTIF = TABLE[0x64];

  /** OP_VERIF (0x65). */
  public static final Opcode OP_VERIF = TABLE[0x65];

  /** OP_VERNOTIF (0x66). */
  public static final Opcode OP_VERNOTIF = TABLE[0x66];

  /** OP_ELSE (0x67). */
  public static final Opcode OP_ELSE = TABLE[0x67];

  /** OP_ENDIF (0x68). */
  public static final Opcode OP_ENDIF = TABLE[0x68];

  /** OP_VERIFY (0x69). */
  public static final Opcode OP_VERIFY = TABLE[0x69];

  /** OP_RETURN (0x6a). */
  public static final Opcode OP_RETURN = TABLE[0x6a];

  /** OP_TOALTSTACK (0x6b). */
  public static final Opcode OP_TOALTSTACK = TABLE[0x6b];

  /** OP_FROMALTSTACK (0x6c). */
  public static final Opcode OP_FROMALTSTACK = TABLE[0x6c];

  /** OP_2DROP (0x6d). */
  public static final Opcode OP_2DROP = TABLE[0x6d];

  /** OP_2DUP (0x6e). */
  public static final Opcode OP_2DUP = TABLE[0x6e];

  /** OP_3DUP (0x6f). */
  public static final Opcode OP_3DUP = TABLE[0x6f];

  /** OP_2OVER (0x70). */
  public static final Opcode OP_2OVER = TABLE[0x70];

  /** OP_2ROT (0x71). */
  public static final Opcode OP_2ROT = TABLE[0x71];

  /** OP_2SWAP (0x72). */
  public static final Opcode OP_2SWAP = TABLE[0x72];

  /** OP_IFDUP (0x73). */
  public static final Opcode OP_IFDUP = TABLE[0x73];

  /** OP_DEPTH (0x74). */
  public static final Opcode OP_DEPTH = TABLE[0x74];

  /** OP_DROP (0x75). */
  public static final Opcode OP_DROP = TABLE[0x75];

  /** OP_DUP (0x76). */
  public static final Opcode OP_DUP = TABLE[0x76];

  /** OP_NIP (0x77). */
  public static final Opcode OP_NIP = TABLE[0x77];

  /** OP_OVER (0x78). */
  public static final Opcode OP_OVER = TABLE[0x78];

  /** OP_PICK (0x79). */
  public static final Opcode OP_PICK = TABLE[0x79];

  /** OP_ROLL (0x7a). */
  public static final Opcode OP_ROLL = TABLE[0x7a];

  /** OP_ROT (0x7b). */
  public static final Opcode OP_ROT = TABLE[0x7b];

  /** OP_SWAP (0x7c). */
  public static final Opcode OP_SWAP = TABLE[0x7c];

  /** OP_TUCK (0x7d). */
  public static final Opcode OP_TUCK = TABLE[0x7d];

  /** OP_CAT (0x7e). */
  public static final Opcode OP_CAT = TABLE[0x7e];

  /** OP_SUBSTR (0x7f). */
  public static final Opcode OP_SUBSTR = TABLE[0x7f];

  /** OP_LEFT (0x80). */
  public static final Opcode OP_LEFT = TABLE[0x80];

  /** OP_RIGHT (0x81). */
  public static final Opcode OP_RIGHT = TABLE[0x81];

  /** OP_SIZE (0x82). */
  public static final Opcode OP_SIZE = TABLE[0x82];

  /** OP_INVERT (0x83). */
  public static final Opcode OP_INVERT = TABLE[0x83];

  /** OP_AND (0x84). */
  public static final Opcode OP_AND = TABLE[0x84];

  /** OP_OR (0x85). */
  public static final Opcode OP_OR = TABLE[0x85];

  /** OP_XOR (0x86). */
  public static final Opcode OP_XOR = TABLE[0x86];

  /** OP_EQUAL (0x87). */
  public static final Opcode OP_EQUAL = TABLE[0x87];

  /** OP_EQUALVERIFY (0x88). */
  public static final Opcode OP_EQUALVERIFY = TABLE[0x88];

  /** OP_RESERVED1 (0x89). */
  public static final Opcode OP_RESERVED1 = TABLE[0x89];

  /** OP_RESERVED2 (0x8a). */
  public static final Opcode OP_RESERVED2 = TABLE[0x8a];

  /** OP_1ADD (0x8b). */
  public static final Opcode OP_1ADD = TABLE[0x8b];

  /** OP_1SUB (0x8c). */
  public static final Opcode OP_1SUB = TABLE[0x8c];

  /** OP_2MUL (0x8d). */
  public static final Opcode OP_2MUL = TABLE[0x8d];

  /** OP_2DIV (0x8e). */
  public static final Opcode OP_2DIV = TABLE[0x8e];

  /** OP_NEGATE (0x8f). */
  public static final Opcode OP_NEGATE = TABLE[0x8f];

  /** OP_ABS (0x90). */
  public static final Opcode OP_ABS = TABLE[0x90];

  /** OP_NOT (0x91). */
  public static final Opcode OP_NOT = TABLE[0x91];

  /** OP_0NOTEQUAL (0x92). */
  public static final Opcode OP_0NOTEQUAL = TABLE[0x92];

  /** OP_ADD (0x93). */
  public static final Opcode OP_ADD = TABLE[0x93];

  /** OP_SUB (0x94). */
  public static final Opcode OP_SUB = TABLE[0x94];

  /** OP_MUL (0x95). */
  public static final Opcode OP_MUL = TABLE[0x95];

  /** OP_DIV (0x96). */
  public static final Opcode OP_DIV = TABLE[0x96];

  /** OP_MOD (0x97). */
  public static final Opcode OP_MOD = TABLE[0x97];

  /** OP_LSHIFT (0x98). */
  public static final Opcode OP_LSHIFT = TABLE[0x98];

  /** OP_RSHIFT (0x99). */
  public static final Opcode OP_RSHIFT = TABLE[0x99];

  /** OP_BOOLAND (0x9a). */
  public static final Opcode OP_BOOLAND = TABLE[0x9a];

  /** OP_BOOLOR (0x9b). */
  public static final Opcode OP_BOOLOR = TABLE[0x9b];

  /** OP_NUMEQUAL (0x9c). */
  public static final Opcode OP_NUMEQUAL = TABLE[0x9c];

  /** OP_NUMEQUALVERIFY (0x9d). */
  public static final Opcode OP_NUMEQUALVERIFY = TABLE[0x9d];

  /** OP_NUMNOTEQUAL (0x9e). */
  public static final Opcode OP_NUMNOTEQUAL = TABLE[0x9e];

  /** OP_LESSTHAN (0x9f). */
  public static final Opcode OP_LESSTHAN = TABLE[0x9f];

  /** OP_GREATERTHAN (0xa0). */
  public static final Opcode OP_GREATERTHAN = TABLE[0xa0];

  /** OP_LESSTHANOREQUAL (0xa1). */
  public static final Opcode OP_LESSTHANOREQUAL = TABLE[0xa1];

  /** OP_GREATERTHANOREQUAL (0xa2). */
  public static final Opcode OP_GREATERTHANOREQUAL = TABLE[0xa2];

  /** OP_MIN (0xa3). */
  public static final Opcode OP_MIN = TABLE[0xa3];

  /** OP_MAX (0xa4). */
  public static final Opcode OP_MAX = TABLE[0xa4];

  /** OP_WITHIN (0xa5). */
  public static final Opcode OP_WITHIN = TABLE[0xa5];

  /** OP_RIPEMD160 (0xa6). */
  public static final Opcode OP_RIPEMD160 = TABLE[0xa6];

  /** OP_SHA1 (0xa7). */
  public static final Opcode OP_SHA1 = TABLE[0xa7];

  /** OP_SHA256 (0xa8). */
  public static final Opcode OP_SHA256 = TABLE[0xa8];

  /** OP_HASH160 (0xa9). */
  public static final Opcode OP_HASH160 = TABLE[0xa9];

  /** OP_HASH256 (0xaa). */
  public static final Opcode OP_HASH256 = TABLE[0xaa];

  /** OP_CODESEPARATOR (0xab). */
  public static final Opcode OP_CODESEPARATOR = TABLE[0xab];

  /** OP_CHECKSIG (0xac). */
  public static final Opcode OP_CHECKSIG = TABLE[0xac];

  /** OP_CHECKSIGVERIFY (0xad). */
  public static final Opcode OP_CHECKSIGVERIFY = TABLE[0xad];

  /** OP_CHECKMULTISIG (0xae). */
  public static final Opcode OP_CHECKMULTISIG = TABLE[0xae];

  /** OP_CHECKMULTISIGVERIFY (0xaf). */
  public static final Opcode OP_CHECKMULTISIGVERIFY = TABLE[0xaf];

  /** OP_NOP1 (0xb0). */
  public static final Opcode OP_NOP1 = TABLE[0xb0];

  /** OP_CHECKLOCKTIMEVERIFY (0xb1). */
  public static final Opcode OP_CHECKLOCKTIMEVERIFY = TABLE[0xb1];

  /** OP_CHECKSEQUENCEVERIFY (0xb2). */
  public static final Opcode OP_CHECKSEQUENCEVERIFY = TABLE[0xb2];

  /** OP_NOP4 (0xb3). */
  public static final Opcode OP_NOP4 = TABLE[0xb3];

  /** OP_NOP5 (0xb4). */
  public static final Opcode OP_NOP5 = TABLE[0xb4];

  /** OP_NOP6 (0xb5). */
  public static final Opcode OP_NOP6 = TABLE[0xb5];

  /** OP_NOP7 (0xb6). */
  public static final Opcode OP_NOP7 = TABLE[0xb6];

  /** OP_NOP8 (0xb7). */
  public static final Opcode OP_NOP8 = TABLE[0xb7];

  /** OP_NOP9 (0xb8). */
  public static final Opcode OP_NOP9 = TABLE[0xb8];

  /** OP_NOP10 (0xb9). */
  public static final Opcode OP_NOP10 = TABLE[0xb9];

  /** OP_CHECKSIGADD (0xba). */
  public static final Opcode OP_CHECKSIGADD = TABLE[0xba];

  /** OP_INVALIDOPCODE (0xff). */
  public static final Opcode OP_INVALIDOPCODE = TABLE[0xff];

  /** Alias of {@link #OP_0}. */
  public static final Opcode OP_FALSE = OP_0;

  /** Alias of {@link #OP_1}. */
  public static final Opcode OP_TRUE = OP_1;

  /** OP_NOP2, the opcode that BIP 65 turned into {@link #OP_CHECKLOCKTIMEVERIFY}. */
  public static final Opcode OP_NOP2 = OP_CHECKLOCKTIMEVERIFY;

  /** OP_NOP3, the opcode that BIP 112 turned into {@link #OP_CHECKSEQUENCEVERIFY}. */
  public static final Opcode OP_NOP3 = OP_CHECKSEQUENCEVERIFY;

  static {
    BY_NAME.put("OP_FALSE", OP_FALSE);
    BY_NAME.put("OP_TRUE", OP_TRUE);
    BY_NAME.put("OP_NOP2", OP_NOP2);
    BY_NAME.put("OP_NOP3", OP_NOP3);
  }

  private final int value;
  private final String name;
  private final OpcodeKind kind;

  private Opcode(int value) {
    this.value = value;
    this.name = OpcodeTable.name(value);
    this.kind = OpcodeTable.kind(value);
  }

  /**
   * Returns the opcode for byte {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is not in 0..255
   */
  public static Opcode of(int value) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("opcode out of range: " + value);
    }
    return TABLE[value];
  }

  /**
   * Looks an opcode up by name, with or without the {@code OP_} prefix, ignoring case; accepts
   * the aliases OP_FALSE, OP_TRUE, OP_NOP2 and OP_NOP3.
   */
  public static Optional<Opcode> forName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    Opcode op = BY_NAME.get(upper);
    if (op == null) {
      op = BY_NAME.get("OP_" + upper);
    }
    return Optional.ofNullable(op);
  }

  /** The byte value, 0..255. */
  public int value() {
    return value;
  }

  /** The opcode's name, e.g. {@code OP_CHECKSIG}. */
  public String name() {
    return name;
  }

  /** How the interpreter treats the opcode. */
  public OpcodeKind kind() {
    return kind;
  }

  /** The name Bitcoin Core's disassembler prints ("0", "-1", "1".."16", "OP_UNKNOWN", ...). */
  public String asmName() {
    return OpcodeTable.asmName(value);
  }

  /** True for the data pushes OP_0, 0x01..0x4b and OP_PUSHDATA1/2/4. */
  public boolean isPushData() {
    return kind == OpcodeKind.PUSH_DATA;
  }

  /** True for opcodes allowed in a push-only script: every value up to OP_16 (incl. OP_RESERVED). */
  public boolean isPushOnly() {
    return value <= 0x60;
  }

  /** True if the opcode counts toward the 201-opcode limit (every value above OP_16). */
  public boolean isCounted() {
    return value > 0x60;
  }

  /** True for OP_1..OP_16. */
  public boolean isSmallInteger() {
    return value >= 0x51 && value <= 0x60;
  }

  /** For OP_0, OP_1NEGATE and OP_1..OP_16 the number pushed; else empty. */
  public Optional<Integer> smallIntegerValue() {
    if (value == 0) {
      return Optional.of(0);
    }
    if (value == 0x4f) {
      return Optional.of(-1);
    }
    return isSmallInteger() ? Optional.of(value - 0x50) : Optional.empty();
  }

  /**
   * Returns OP_0 for 0, OP_1NEGATE for -1 and OP_1..OP_16 for 1..16.
   *
   * @throws IllegalArgumentException for any other {@code n}
   */
  public static Opcode forSmallInteger(int n) {
    if (n == 0) {
      return OP_0;
    }
    if (n == -1) {
      return OP_1NEGATE;
    }
    if (n < 1 || n > 16) {
      throw new IllegalArgumentException("not a small integer: " + n);
    }
    return TABLE[0x50 + n];
  }

  @Override
  public String toString() {
    return name;
  }
}
