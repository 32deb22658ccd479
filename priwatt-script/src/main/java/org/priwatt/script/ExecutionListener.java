package org.priwatt.script;

/**
 * Observes script execution one opcode at a time, for debuggers and tracing tools. The
 * interpreter calls it after each executed opcode with the stacks as they are after that opcode.
 * Opcodes inside a skipped IF branch are not reported, except IF/NOTIF/ELSE/ENDIF themselves,
 * which still update the branch state. Without a listener the interpreter does no extra work.
 *
 * <p>Implementations must not keep the views beyond the callback.
 */
@FunctionalInterface
public interface ExecutionListener {
  /**
   * Called after {@code opcode}, found at byte {@code offset} of {@code script}, executed
   * successfully.
   *
   * @param script the script being run (scriptSig, scriptPubKey or P2SH redeem script)
   * @param offset offset of the opcode byte in {@code script}
   * @param opcode the opcode
   * @param stack the main stack after execution
   * @param altStack the alt stack after execution
   */
  void onOpcode(Script script, int offset, Opcode opcode, StackView stack, StackView altStack);
}
