/**
 * Bitcoin's stack-based script language: parsed scripts, the opcode table, the interpreter and
 * standard templates, including PriWatt's 2-of-3 escrow with the DSO as arbiter. The interpreter
 * knows nothing of transactions; it checks signatures through a {@code SignatureChecker}.
 */
package org.priwatt.script;
