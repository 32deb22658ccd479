package org.priwatt.script.internal;

import org.priwatt.script.ScriptError;
import org.priwatt.script.VerifyFlag;

/** Handlers for small-number pushes, NOPs, conditionals, VERIFY, RETURN and the lock-time ops. */
final class FlowOps {
  /** BIP 112: if this bit of the CSV operand is set, the operand means "no relative lock". */
  private static final long SEQUENCE_LOCKTIME_DISABLE_FLAG = 1L << 31;

  private FlowOps() {}

  static ScriptError pushNumber(Machine m, int op) {
    m.stack.push(Num.encode(op - 0x50));
    return ScriptError.OK;
  }

  static ScriptError nop(Machine m, int op) {
    return ScriptError.OK;
  }

  static ScriptError upgradableNop(Machine m, int op) {
    return m.has(VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS)
        ? ScriptError.DISCOURAGE_UPGRADABLE_NOPS : ScriptError.OK;
  }

  static ScriptError badOpcode(Machine m, int op) {
    return ScriptError.BAD_OPCODE;
  }

  static ScriptError checkLockTimeVerify(Machine m, int op) {
    if (!m.has(VerifyFlag.CHECKLOCKTIMEVERIFY)) {
      // Not enabled: OP_NOP2, a plain NOP even under DISCOURAGE_UPGRADABLE_NOPS, as in Core, so
      // that removing a flag never turns a valid spend invalid.
      return ScriptError.OK;
    }
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    // Five bytes: lock times reach 2^32 - 1, beyond 4-byte script numbers (BIP 65).
    long lockTime = Num.decode(m.stack.peek(1), m.requireMinimal, Num.LOCKTIME_MAX_SIZE);
    if (lockTime == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    if (lockTime < 0) {
      return ScriptError.NEGATIVE_LOCKTIME;
    }
    return m.checker.checkLockTime(lockTime) ? ScriptError.OK : ScriptError.UNSATISFIED_LOCKTIME;
  }

  static ScriptError checkSequenceVerify(Machine m, int op) {
    if (!m.has(VerifyFlag.CHECKSEQUENCEVERIFY)) {
      return ScriptError.OK; // not enabled: OP_NOP3, a plain NOP as above
    }
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long sequence = Num.decode(m.stack.peek(1), m.requireMinimal, Num.LOCKTIME_MAX_SIZE);
    if (sequence == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    if (sequence < 0) {
      return ScriptError.NEGATIVE_LOCKTIME;
    }
    if ((sequence & SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
      return ScriptError.OK;
    }
    return m.checker.checkSequence(sequence) ? ScriptError.OK : ScriptError.UNSATISFIED_LOCKTIME;
  }

  /**
   * OP_IF and OP_NOTIF; MINIMALIF is a segwit-v0 rule in Core and does not apply here. An empty
   * stack gives INVALID_STACK_OPERATION as script_tests.json expects (current Core reports
   * UNBALANCED_CONDITIONAL; both reject the script).
   */
  static ScriptError ifOp(Machine m, int op) {
    boolean value = false;
    if (m.conditions.allTrue()) {
      if (m.stack.size() < 1) {
        return ScriptError.INVALID_STACK_OPERATION;
      }
      value = Num.toBool(m.stack.pop());
      if (op == 0x64) {
        value = !value;
      }
    }
    m.conditions.push(value);
    return ScriptError.OK;
  }

  static ScriptError elseOp(Machine m, int op) {
    if (m.conditions.isEmpty()) {
      return ScriptError.UNBALANCED_CONDITIONAL;
    }
    m.conditions.toggleTop();
    return ScriptError.OK;
  }

  static ScriptError endIf(Machine m, int op) {
    if (m.conditions.isEmpty()) {
      return ScriptError.UNBALANCED_CONDITIONAL;
    }
    m.conditions.pop();
    return ScriptError.OK;
  }

  static ScriptError verify(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    if (!Num.toBool(m.stack.peek(1))) {
      return ScriptError.VERIFY;
    }
    m.stack.pop();
    return ScriptError.OK;
  }

  static ScriptError opReturn(Machine m, int op) {
    return ScriptError.OP_RETURN;
  }

  static ScriptError codeSeparator(Machine m, int op) {
    m.markCodeSeparator();
    return ScriptError.OK;
  }
}
