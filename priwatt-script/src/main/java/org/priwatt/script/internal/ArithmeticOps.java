package org.priwatt.script.internal;

import org.priwatt.script.ScriptError;

/**
 * Handlers for numeric opcodes. Operands are script numbers of at most 4 bytes (so results fit a
 * long without overflow); results may be 5 bytes and then fail when used as operands.
 */
final class ArithmeticOps {
  private ArithmeticOps() {}

  /** OP_1ADD, OP_1SUB, OP_NEGATE, OP_ABS, OP_NOT, OP_0NOTEQUAL. */
  static ScriptError unary(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long a = Num.decode(s.peek(1), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (a == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    long r;
    switch (op) {
      case 0x8b: r = a + 1; break;
      case 0x8c: r = a - 1; break;
      case 0x8f: r = -a; break;
      case 0x90: r = Math.abs(a); break;
      case 0x91: r = a == 0 ? 1 : 0; break;
      case 0x92: r = a != 0 ? 1 : 0; break;
      default: return ScriptError.BAD_OPCODE;
    }
    s.pop();
    s.push(Num.encode(r));
    return ScriptError.OK;
  }

  /** OP_ADD through OP_MAX, including OP_NUMEQUALVERIFY. */
  static ScriptError binary(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long a = Num.decode(s.peek(2), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (a == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    long b = Num.decode(s.peek(1), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (b == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    long r;
    switch (op) {
      case 0x93: r = a + b; break;
      case 0x94: r = a - b; break;
      case 0x9a: r = a != 0 && b != 0 ? 1 : 0; break;
      case 0x9b: r = a != 0 || b != 0 ? 1 : 0; break;
      case 0x9c: case 0x9d: r = a == b ? 1 : 0; break;
      case 0x9e: r = a != b ? 1 : 0; break;
      case 0x9f: r = a < b ? 1 : 0; break;
      case 0xa0: r = a > b ? 1 : 0; break;
      case 0xa1: r = a <= b ? 1 : 0; break;
      case 0xa2: r = a >= b ? 1 : 0; break;
      case 0xa3: r = Math.min(a, b); break;
      case 0xa4: r = Math.max(a, b); break;
      default: return ScriptError.BAD_OPCODE;
    }
    s.drop(2);
    s.push(Num.encode(r));
    if (op == 0x9d) {
      if (r == 0) {
        return ScriptError.NUMEQUALVERIFY;
      }
      s.pop();
    }
    return ScriptError.OK;
  }

  /** OP_WITHIN: x min max -> min <= x < max. */
  static ScriptError within(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 3) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long x = Num.decode(s.peek(3), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    long min = Num.decode(s.peek(2), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    long max = Num.decode(s.peek(1), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (x == Num.INVALID || min == Num.INVALID || max == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    s.drop(3);
    s.push(StackOps.bool(min <= x && x < max));
    return ScriptError.OK;
  }
}
