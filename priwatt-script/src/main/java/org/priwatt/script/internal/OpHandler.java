package org.priwatt.script.internal;

import org.priwatt.script.ScriptError;

/** The execution semantics of one opcode table entry. */
@FunctionalInterface
interface OpHandler {
  /** Executes {@code opcode} on {@code m}; returns {@link ScriptError#OK} or the failure. */
  ScriptError execute(Machine m, int opcode);
}
