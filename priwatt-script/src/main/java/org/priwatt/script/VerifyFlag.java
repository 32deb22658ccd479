package org.priwatt.script;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Script verification flags, named as Bitcoin Core's {@code SCRIPT_VERIFY_*} (script/interpreter.h).
 * The caller passes an immutable set of them to {@link ScriptInterpreter}; there are no global
 * flags. Consensus-critical flags are soft forks (P2SH, DERSIG, CHECKLOCKTIMEVERIFY,
 * CHECKSEQUENCEVERIFY, NULLDUMMY); the rest are relay policy.
 *
 * <p>The segwit and taproot flags exist so that Core's vector rows can be recognised; the legacy
 * interpreter rejects {@link #WITNESS} and {@link #TAPROOT} and ignores the others, which only
 * affect witness execution.
 */
public enum VerifyFlag {
  /** BIP 16: evaluate pay-to-script-hash redeem scripts. */
  P2SH,
  /** Signatures need a defined hash type and DER encoding; public keys must be 33 or 65 bytes. */
  STRICTENC,
  /** BIP 66: signatures must be strict DER. */
  DERSIG,
  /** BIP 62 rule 5: signatures must be strict DER with S at most half the curve order. */
  LOW_S,
  /** BIP 147: CHECKMULTISIG's dummy element must be empty. */
  NULLDUMMY,
  /** The scriptSig must contain pushes only (BIP 62 rule 2). */
  SIGPUSHONLY,
  /** Pushes and numeric operands must be minimally encoded (BIP 62 rules 3 and 4). */
  MINIMALDATA,
  /**
   * Executing OP_NOP1 or OP_NOP4..OP_NOP10 fails, keeping them free for soft forks. OP_NOP2 and
   * OP_NOP3 are not affected: with {@link #CHECKLOCKTIMEVERIFY} or {@link #CHECKSEQUENCEVERIFY}
   * off they are plain NOPs, as in Bitcoin Core, so flag sets stay monotonic (removing a flag
   * never invalidates a valid spend).
   */
  DISCOURAGE_UPGRADABLE_NOPS,
  /** Exactly one stack element must remain after evaluation (BIP 62 rule 6); needs {@link #P2SH}. */
  CLEANSTACK,
  /** BIP 65: OP_CHECKLOCKTIMEVERIFY replaces OP_NOP2 (a plain NOP while this flag is off). */
  CHECKLOCKTIMEVERIFY,
  /** BIP 112: OP_CHECKSEQUENCEVERIFY replaces OP_NOP3 (a plain NOP while this flag is off). */
  CHECKSEQUENCEVERIFY,
  /** BIP 141 segregated witness. Not supported by the legacy interpreter. */
  WITNESS,
  /** Segwit: unknown witness versions fail. No effect on legacy scripts. */
  DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM,
  /** IF/NOTIF arguments must be empty or 0x01. Core applies it to segwit v0 scripts only. */
  MINIMALIF,
  /** BIP 146: a failed signature check requires an empty signature. */
  NULLFAIL,
  /** Segwit v0: public keys must be compressed. No effect on legacy scripts. */
  WITNESS_PUBKEYTYPE,
  /** OP_CODESEPARATOR and FindAndDelete hits fail in legacy scripts. */
  CONST_SCRIPTCODE,
  /** BIP 341/342 taproot. Not supported by the legacy interpreter. */
  TAPROOT,
  /** Taproot: unknown leaf versions fail. No effect on legacy scripts. */
  DISCOURAGE_UPGRADABLE_TAPROOT_VERSION,
  /** Taproot: OP_SUCCESSx opcodes fail. No effect on legacy scripts. */
  DISCOURAGE_OP_SUCCESS,
  /** Taproot: unknown public-key types fail. No effect on legacy scripts. */
  DISCOURAGE_UPGRADABLE_PUBKEYTYPE;

  /**
   * Parses Core's comma-separated flag list ({@code "P2SH,STRICTENC"}); empty or {@code "NONE"}
   * gives the empty set.
   *
   * @return a new mutable set
   * @throws IllegalArgumentException if a name is unknown
   */
  public static EnumSet<VerifyFlag> parseList(String names) {
    Objects.requireNonNull(names, "names");
    EnumSet<VerifyFlag> result = EnumSet.noneOf(VerifyFlag.class);
    for (String raw : names.split(",")) {
      String name = raw.trim();
      if (!name.isEmpty() && !name.equals("NONE")) {
        result.add(valueOf(name));
      }
    }
    return result;
  }

  /** Returns Core's comma-separated spelling of {@code flags}, in declaration order. */
  public static String toList(Set<VerifyFlag> flags) {
    StringBuilder sb = new StringBuilder();
    for (VerifyFlag f : EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(VerifyFlag.class) : flags)) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(f.name());
    }
    return sb.toString();
  }
}
