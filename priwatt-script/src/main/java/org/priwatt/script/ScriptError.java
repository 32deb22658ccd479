package org.priwatt.script;

import java.util.Objects;

/**
 * Why a script failed, one constant per failure, named as Bitcoin Core's {@code ScriptError}
 * (script/script_error.h) without the {@code SCRIPT_ERR_} prefix, so that results compare
 * directly with Core's test vectors ({@link #forName(String)} also accepts the vector file's
 * spellings).
 *
 * <p>The legacy interpreter ({@link ScriptInterpreter}) never returns the segwit and taproot
 * constants; they exist so that every Core error name resolves.
 */
public enum ScriptError {
  // ---- Success and generic failure -------------------------------------------------------

  /** The script verified. */
  OK,
  /** A failure without a more specific code. Core also uses it for number-decoding errors. */
  UNKNOWN_ERROR,
  /** Execution finished with an empty stack or a false top element. */
  EVAL_FALSE,
  /** OP_RETURN was executed. */
  OP_RETURN,

  // ---- Limits -----------------------------------------------------------------------------

  /** The script is longer than 10,000 bytes. */
  SCRIPT_SIZE,
  /** A push is larger than 520 bytes (checked even in unexecuted branches). */
  PUSH_SIZE,
  /** More than 201 non-push opcodes, counting CHECKMULTISIG's keys. */
  OP_COUNT,
  /** Main plus alt stack hold more than 1,000 elements. */
  STACK_SIZE,
  /** CHECKMULTISIG's signature count is negative or greater than its key count. */
  SIG_COUNT,
  /** CHECKMULTISIG's key count is negative or greater than 20. */
  PUBKEY_COUNT,

  // ---- Failed VERIFY operations --------------------------------------------------------------

  /** OP_VERIFY found a false top element. */
  VERIFY,
  /** OP_EQUALVERIFY found two different elements. */
  EQUALVERIFY,
  /** OP_CHECKMULTISIGVERIFY's signatures did not verify. */
  CHECKMULTISIGVERIFY,
  /** OP_CHECKSIGVERIFY's signature did not verify. */
  CHECKSIGVERIFY,
  /** OP_NUMEQUALVERIFY found two different numbers. */
  NUMEQUALVERIFY,

  // ---- Logical, format and canonical errors --------------------------------------------------

  /** A reserved, unknown or truncated opcode (a push running past the end of the script). */
  BAD_OPCODE,
  /** A disabled opcode (OP_CAT, OP_MUL, ...) appears, even in an unexecuted branch. */
  DISABLED_OPCODE,
  /**
   * An operation needs more main-stack elements than there are (including IF/NOTIF, as the
   * vector file expects; current Core says UNBALANCED_CONDITIONAL there), or PICK/ROLL out of
   * range.
   */
  INVALID_STACK_OPERATION,
  /** OP_FROMALTSTACK on an empty alt stack. */
  INVALID_ALTSTACK_OPERATION,
  /** ELSE/ENDIF without IF, or IF without ENDIF. */
  UNBALANCED_CONDITIONAL,
  /**
   * A numeric operand is longer than 4 bytes (5 for CLTV/CSV) or, under MINIMALDATA, not
   * minimally encoded. Core raises this as {@link #UNKNOWN_ERROR} (its scriptnum_error); the
   * vector file names it SCRIPTNUM, and so does this interpreter to keep the cause visible.
   */
  SCRIPTNUM,

  // ---- CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY ----------------------------------------

  /** CLTV or CSV found a negative operand (BIP 65, BIP 112). */
  NEGATIVE_LOCKTIME,
  /** CLTV or CSV found a lock the transaction does not satisfy. */
  UNSATISFIED_LOCKTIME,

  // ---- Malleability (policy flags) -----------------------------------------------------------

  /** STRICTENC: the signature's hash type is not ALL, NONE or SINGLE (optionally ANYONECANPAY). */
  SIG_HASHTYPE,
  /** DERSIG/STRICTENC/LOW_S: the signature is not strict DER (BIP 66). */
  SIG_DER,
  /** MINIMALDATA: a push does not use the smallest possible opcode (BIP 62 rule 3). */
  MINIMALDATA,
  /** SIGPUSHONLY or P2SH: the scriptSig contains a non-push opcode. */
  SIG_PUSHONLY,
  /** LOW_S: the signature's S value is above half the curve order (BIP 62 rule 5). */
  SIG_HIGH_S,
  /** NULLDUMMY: CHECKMULTISIG's extra stack element is not empty (BIP 147). */
  SIG_NULLDUMMY,
  /** STRICTENC: a public key is neither 33-byte compressed nor 65-byte uncompressed. */
  PUBKEYTYPE,
  /** CLEANSTACK: more than one element remains after evaluation. */
  CLEANSTACK,
  /** MINIMALIF: an IF/NOTIF argument is not empty or exactly 0x01 (segwit v0 scripts only). */
  MINIMALIF,
  /** NULLFAIL: a failing signature check had a non-empty signature (BIP 146). */
  SIG_NULLFAIL,

  // ---- Soft-fork safeness -------------------------------------------------------------------

  /** DISCOURAGE_UPGRADABLE_NOPS: OP_NOP1 or OP_NOP4..OP_NOP10 was executed. */
  DISCOURAGE_UPGRADABLE_NOPS,
  /** Segwit only: an unknown witness program version. Never returned here. */
  DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM,
  /** Taproot only: an unknown leaf version. Never returned here. */
  DISCOURAGE_UPGRADABLE_TAPROOT_VERSION,
  /** Taproot only: an OP_SUCCESSx opcode. Never returned here. */
  DISCOURAGE_OP_SUCCESS,
  /** Taproot only: an unknown public-key type. Never returned here. */
  DISCOURAGE_UPGRADABLE_PUBKEYTYPE,

  // ---- Segregated witness (never returned by the legacy interpreter) ------------------------

  /** Segwit only: witness program of the wrong length. */
  WITNESS_PROGRAM_WRONG_LENGTH,
  /** Segwit only: empty witness for a witness program. */
  WITNESS_PROGRAM_WITNESS_EMPTY,
  /** Segwit only: witness program hash mismatch. */
  WITNESS_PROGRAM_MISMATCH,
  /** Segwit only: non-empty scriptSig spending a native witness program. */
  WITNESS_MALLEATED,
  /** Segwit only: P2SH-wrapped witness program with a non-canonical scriptSig. */
  WITNESS_MALLEATED_P2SH,
  /** Segwit only: witness data where none is allowed. */
  WITNESS_UNEXPECTED,
  /** Segwit only: uncompressed public key in a witness script. */
  WITNESS_PUBKEYTYPE,

  // ---- Taproot (never returned by the legacy interpreter) -----------------------------------

  /** Taproot only: Schnorr signature of invalid size. */
  SCHNORR_SIG_SIZE,
  /** Taproot only: invalid Schnorr hash type. */
  SCHNORR_SIG_HASHTYPE,
  /** Taproot only: invalid Schnorr signature. */
  SCHNORR_SIG,
  /** Taproot only: invalid control block size. */
  TAPROOT_WRONG_CONTROL_SIZE,
  /** Taproot only: validation weight exhausted. */
  TAPSCRIPT_VALIDATION_WEIGHT,
  /** Taproot only: CHECKMULTISIG is not allowed in tapscript. */
  TAPSCRIPT_CHECKMULTISIG,
  /** Taproot only: IF argument not minimal in tapscript. */
  TAPSCRIPT_MINIMALIF,
  /** Taproot only: empty public key in tapscript. */
  TAPSCRIPT_EMPTY_PUBKEY,

  // ---- Constant scriptCode -------------------------------------------------------------------

  /** CONST_SCRIPTCODE: OP_CODESEPARATOR in a legacy script, even in an unexecuted branch. */
  OP_CODESEPARATOR,
  /** CONST_SCRIPTCODE: FindAndDelete would have removed a signature from the scriptCode. */
  SIG_FINDANDDELETE;

  /**
   * Resolves a name as used by Bitcoin Core: the enum name, with or without the
   * {@code SCRIPT_ERR_} prefix, or the short spellings of Core's script_tests.json
   * ({@code NULLFAIL} for {@link #SIG_NULLFAIL}).
   *
   * @throws IllegalArgumentException if the name is unknown
   * @throws NullPointerException if {@code name} is null
   */
  public static ScriptError forName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.startsWith("SCRIPT_ERR_") ? name.substring("SCRIPT_ERR_".length()) : name;
    if (n.equals("NULLFAIL")) {
      return SIG_NULLFAIL;
    }
    return valueOf(n);
  }
}
