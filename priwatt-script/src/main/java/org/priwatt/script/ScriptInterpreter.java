package org.priwatt.script;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.priwatt.script.internal.Machine;
import org.priwatt.script.internal.Num;
import org.priwatt.script.internal.ScriptStack;

/**
 * Bitcoin's legacy (pre-segwit) script interpreter, matching Bitcoin Core's {@code VerifyScript}
 * and {@code EvalScript} for base scripts, error for error: limits (10,000-byte scripts, 520-byte
 * elements, 201 opcodes, 1,000 stack elements, 20 multisig keys), all enabled opcodes, BIP 16
 * P2SH, BIP 65/112 lock times through the {@link SignatureChecker}, and the encoding policies
 * selected by {@link VerifyFlag}s.
 *
 * <p>Results are returned as {@link ScriptError} values; nothing is thrown for a failing script.
 * Methods are thread-safe (all state is per call). Signature validity is the checker's business;
 * signature and key encodings are checked here.
 */
public final class ScriptInterpreter {
  private ScriptInterpreter() {}

  /**
   * Verifies that {@code scriptSig} satisfies {@code scriptPubKey}.
   *
   * @param flags the rules to apply; {@link VerifyFlag#WITNESS} and {@link VerifyFlag#TAPROOT}
   *     are not supported, the other segwit/taproot flags have no effect on legacy scripts
   * @return {@link ScriptError#OK} if the spend is valid, else the first failure, as Core
   * @throws IllegalArgumentException if {@code flags} contains WITNESS or TAPROOT, or CLEANSTACK
   *     without P2SH (Core asserts against that combination)
   */
  public static ScriptError verify(Script scriptSig, Script scriptPubKey, Set<VerifyFlag> flags,
      SignatureChecker checker) {
    return verify(scriptSig, scriptPubKey, flags, checker, null);
  }

  /**
   * As {@link #verify(Script, Script, Set, SignatureChecker)}, reporting every executed opcode of
   * the scriptSig, the scriptPubKey and any P2SH redeem script to {@code listener}.
   *
   * @param listener may be null
   */
  public static ScriptError verify(Script scriptSig, Script scriptPubKey, Set<VerifyFlag> flags,
      SignatureChecker checker, ExecutionListener listener) {
    Objects.requireNonNull(scriptSig, "scriptSig");
    Objects.requireNonNull(scriptPubKey, "scriptPubKey");
    Objects.requireNonNull(checker, "checker");
    checkFlags(flags);
    if (flags.contains(VerifyFlag.CLEANSTACK) && !flags.contains(VerifyFlag.P2SH)) {
      throw new IllegalArgumentException("CLEANSTACK requires P2SH");
    }
    boolean p2sh = flags.contains(VerifyFlag.P2SH);
    if (flags.contains(VerifyFlag.SIGPUSHONLY) && !scriptSig.isPushOnly()) {
      return ScriptError.SIG_PUSHONLY;
    }
    Machine m = new Machine(flags, checker, listener);
    ScriptError err = m.eval(scriptSig, scriptSig.bytes());
    if (err != ScriptError.OK) {
      return err;
    }
    ScriptStack afterScriptSig = null;
    if (p2sh) {
      afterScriptSig = new ScriptStack();
      afterScriptSig.copyFrom(m.stack());
    }
    err = m.eval(scriptPubKey, scriptPubKey.bytes());
    if (err != ScriptError.OK) {
      return err;
    }
    if (!topIsTrue(m.stack())) {
      return ScriptError.EVAL_FALSE;
    }
    if (p2sh && scriptPubKey.isPayToScriptHash()) {
      // BIP 16: the scriptSig must be push-only and its last push is the redeem script.
      if (!scriptSig.isPushOnly()) {
        return ScriptError.SIG_PUSHONLY;
      }
      ScriptStack stack = m.stack();
      stack.copyFrom(afterScriptSig);
      if (stack.size() == 0) {
        // Unreachable (the scriptPubKey just hashed this stack's top), kept as a typed guard.
        return ScriptError.EVAL_FALSE;
      }
      Script redeem = Script.wrap(stack.pop());
      err = m.eval(redeem, redeem.bytes());
      if (err != ScriptError.OK) {
        return err;
      }
      if (!topIsTrue(stack)) {
        return ScriptError.EVAL_FALSE;
      }
    }
    if (flags.contains(VerifyFlag.CLEANSTACK) && m.stack().size() != 1) {
      return ScriptError.CLEANSTACK;
    }
    return ScriptError.OK;
  }

  /**
   * Runs one script on {@code stack} (bottom first), as Core's {@code EvalScript}; on return
   * {@code stack} holds the resulting stack (also after a failure, as far as execution got).
   *
   * @param stack a mutable list; its elements are copied in and out
   * @return {@link ScriptError#OK} or the first failure; the final stack's truth is not checked
   * @throws IllegalArgumentException if {@code flags} contains WITNESS or TAPROOT
   */
  public static ScriptError eval(Script script, List<byte[]> stack, Set<VerifyFlag> flags,
      SignatureChecker checker) {
    return eval(script, stack, flags, checker, null);
  }

  /** As {@link #eval(Script, List, Set, SignatureChecker)} with a listener (may be null). */
  public static ScriptError eval(Script script, List<byte[]> stack, Set<VerifyFlag> flags,
      SignatureChecker checker, ExecutionListener listener) {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(checker, "checker");
    checkFlags(flags);
    Machine m = new Machine(flags, checker, listener);
    for (byte[] item : stack) {
      m.stack().push(item.clone());
    }
    ScriptError err = m.eval(script, script.bytes());
    stack.clear();
    stack.addAll(m.stack().toList());
    return err;
  }

  /** Core's CastToBool: true unless all bytes are zero, allowing a final 0x80 (negative zero). */
  public static boolean castToBool(byte[] element) {
    return Num.toBool(element);
  }

  private static boolean topIsTrue(ScriptStack stack) {
    return stack.size() > 0 && Num.toBool(stack.peek(1));
  }

  private static void checkFlags(Set<VerifyFlag> flags) {
    Objects.requireNonNull(flags, "flags");
    if (flags.contains(VerifyFlag.WITNESS) || flags.contains(VerifyFlag.TAPROOT)) {
      throw new IllegalArgumentException("segwit/taproot verification is not supported: " + flags);
    }
  }
}
