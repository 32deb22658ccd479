package org.priwatt.script;

/**
 * How the interpreter treats an opcode, as classified in the opcode table ({@link Opcode#kind()}).
 */
public enum OpcodeKind {
  /** OP_0, the direct pushes 0x01..0x4b and OP_PUSHDATA1/2/4: push bytes from the script. */
  PUSH_DATA,
  /** OP_1NEGATE and OP_1..OP_16: push a small number. */
  PUSH_NUMBER,
  /** OP_IF, OP_NOTIF, OP_ELSE, OP_ENDIF: processed even inside unexecuted branches. */
  CONDITIONAL,
  /** An ordinary operation (stack, arithmetic, crypto, VERIFY, RETURN, CLTV, CSV). */
  OPERATION,
  /** OP_NOP: does nothing. */
  NOP,
  /** OP_NOP1 and OP_NOP4..OP_NOP10: do nothing, reserved for soft forks. */
  UPGRADABLE_NOP,
  /** Disabled since 2010 (OP_CAT, OP_MUL, ...): fail wherever they appear, even unexecuted. */
  DISABLED,
  /**
   * OP_RESERVED, OP_VER, OP_RESERVED1, OP_RESERVED2 fail when executed; OP_VERIF and
   * OP_VERNOTIF lie in the IF range and fail even in unexecuted branches.
   */
  RESERVED,
  /** 0xba..0xff: no meaning in legacy script; fail when executed. */
  INVALID
}
