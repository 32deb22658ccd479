package org.priwatt.script;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.priwatt.crypto.Hex;
import org.priwatt.script.internal.OpcodeTable;
import org.priwatt.script.internal.ScriptTokenizer;

/**
 * Bitcoin Core's test assembler syntax (core_read.cpp {@code ParseScript}), as used by
 * script_tests.json: whitespace-separated words, each one of
 * <ul>
 *   <li>a decimal number in {@code [-0xffffffff, 0xffffffff]}, pushed as Core's
 *       {@code CScript << int64} (OP_1NEGATE, OP_0, OP_1..OP_16, else a minimal script number);
 *   <li>{@code 0x} followed by an even number of hex digits, copied raw into the script (may
 *       hold opcodes, push prefixes or garbage);
 *   <li>{@code 'text'} (no spaces inside), a push of the text's bytes;
 *   <li>an opcode name from OP_NOP onwards, or OP_RESERVED, with or without {@code OP_} (plus
 *       the historic NOP2/NOP3 names).
 * </ul>
 * {@link #format} writes this syntax so that {@code parse(format(s))} equals {@code s} byte for
 * byte. For Core's human-readable disassembly use {@link Script#toString()}.
 */
public final class ScriptAsm {
  private static final long MAX_NUMBER = 0xffffffffL;
  private static final Map<String, Opcode> NAMES = new HashMap<>();

  static {
    for (int v = 0x61; v <= 0xba; v++) {
      register(Opcode.of(v), OpcodeTable.name(v));
    }
    register(Opcode.OP_RESERVED, "OP_RESERVED");
    register(Opcode.OP_NOP2, "OP_NOP2");
    register(Opcode.OP_NOP3, "OP_NOP3");
  }

  private ScriptAsm() {}

  private static void register(Opcode op, String name) {
    NAMES.put(name, op);
    NAMES.put(name.substring(3), op);
  }

  /**
   * Parses test-assembler text.
   *
   * @throws IllegalArgumentException on an unknown word, bad hex or a number out of range
   */
  public static Script parse(String text) {
    Objects.requireNonNull(text, "text");
    ScriptBuilder b = ScriptBuilder.create();
    for (String word : text.split("[ \\t\\n\\r\\f\\u000b]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (isDecimal(word)) {
        long n;
        try {
          n = Long.parseLong(word);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("number out of range: " + word, e);
        }
        if (n > MAX_NUMBER || n < -MAX_NUMBER) {
          throw new IllegalArgumentException("number out of range: " + word);
        }
        b.number(n);
      } else if (word.startsWith("0x") && word.length() > 2 && isHex(word.substring(2))) {
        b.raw(Hex.decode(word.substring(2)));
      } else if (word.length() >= 2 && word.startsWith("'") && word.endsWith("'")) {
        b.data(word.substring(1, word.length() - 1).getBytes(StandardCharsets.UTF_8));
      } else {
        Opcode op = NAMES.get(word);
        if (op == null) {
          throw new IllegalArgumentException("script parse error: unknown word '" + word + "'");
        }
        b.op(op);
      }
    }
    return b.build();
  }

  /**
   * Writes {@code script} in test-assembler syntax: small-number opcodes as decimals, data
   * pushes as {@code 0x<prefix> 0x<data>}, other named opcodes by name without {@code OP_},
   * everything else (unknown opcodes, a truncated tail) as raw {@code 0x} hex.
   */
  public static String format(Script script) {
    StringBuilder sb = new StringBuilder();
    byte[] p = script.bytes();
    ScriptTokenizer tok = new ScriptTokenizer(p);
    while (!tok.atEnd()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      int start = tok.position();
      if (!tok.next()) {
        sb.append("0x").append(Hex.encode(Arrays.copyOfRange(p, start, p.length)));
        break;
      }
      int op = tok.opcode();
      Opcode opcode = Opcode.of(op);
      if (op == 0 || opcode.kind() == OpcodeKind.PUSH_NUMBER) {
        sb.append(opcode.smallIntegerValue().orElseThrow());
      } else if (op <= ScriptTokenizer.OP_PUSHDATA4) {
        sb.append("0x").append(Hex.encode(Arrays.copyOfRange(p, start, tok.dataOffset())));
        if (tok.dataLength() > 0) {
          sb.append(" 0x").append(Hex.encode(tok.data()));
        }
      } else if (op >= 0x61 && op <= 0xba) {
        sb.append(OpcodeTable.name(op).substring(3));
      } else if (op == 0x50) {
        sb.append("RESERVED");
      } else {
        sb.append(String.format("0x%02x", op));
      }
    }
    return sb.toString();
  }

  private static boolean isDecimal(String w) {
    int start = w.charAt(0) == '-' && w.length() > 1 ? 1 : 0;
    for (int i = start; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s) {
    if (s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
