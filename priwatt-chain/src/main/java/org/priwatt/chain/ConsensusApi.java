package org.priwatt.chain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptInterpreter;
import org.priwatt.script.VerifyFlag;

/**
 * The consensus entry points a test harness or tool needs, in one place and with plain types:
 * parse a transaction, compute a legacy signature hash, verify an input's scripts, and run the
 * context-free checks. Everything here delegates to the public classes named in each method;
 * nothing internal is exposed. Stateless and thread-safe.
 */
public final class ConsensusApi {
  /**
   * The script flags PriWatt nodes and the signer apply: Bitcoin Core's standard legacy policy
   * (P2SH, strict encodings, low S, NULLDUMMY, push-only scriptSigs, minimal data, clean stack,
   * BIP 65/112 lock times, MINIMALIF, NULLFAIL, CONST_SCRIPTCODE, discouraged upgradable NOPs).
   */
  public static final Set<VerifyFlag> STANDARD_FLAGS = Collections.unmodifiableSet(EnumSet.of(
      VerifyFlag.P2SH, VerifyFlag.STRICTENC, VerifyFlag.DERSIG, VerifyFlag.LOW_S,
      VerifyFlag.NULLDUMMY, VerifyFlag.SIGPUSHONLY, VerifyFlag.MINIMALDATA,
      VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS, VerifyFlag.CLEANSTACK,
      VerifyFlag.CHECKLOCKTIMEVERIFY, VerifyFlag.CHECKSEQUENCEVERIFY, VerifyFlag.MINIMALIF,
      VerifyFlag.NULLFAIL, VerifyFlag.CONST_SCRIPTCODE));

  private ConsensusApi() {}

  /**
   * Parses a legacy-serialized transaction from hex; see {@link Transaction#parseHex(String)}.
   *
   * @throws ChainException with the {@link ChainError} saying why the bytes were rejected
   */
  public static Transaction parseTransaction(String hex) throws ChainException {
    return Transaction.parseHex(hex);
  }

  /**
   * The legacy signature hash of Bitcoin Core's {@code SignatureHash}; see {@link
   * SignatureHasher#legacyHash(int, Script, int)}.
   *
   * @param hashType the full 32-bit hash type, serialized in all four bytes
   * @return 32 bytes in the order ECDSA signs; {@code 01 00..00} for SIGHASH_SINGLE without a
   *     matching output
   * @throws IndexOutOfBoundsException if {@code inputIndex} names no input
   */
  public static byte[] legacySignatureHash(Transaction tx, int inputIndex, Script scriptCode,
      int hashType) {
    return SignatureHasher.of(tx).legacyHash(inputIndex, scriptCode, hashType);
  }

  /**
   * Verifies input {@code inputIndex} of {@code tx} against the {@code scriptPubKey} it spends,
   * as Core's {@code VerifyScript} with a {@link TransactionSignatureChecker}.
   *
   * @return {@link ScriptError#OK} or the first error, exactly as Core names it
   * @throws IndexOutOfBoundsException if {@code inputIndex} names no input
   * @throws IllegalArgumentException for flags the legacy interpreter rejects (WITNESS, TAPROOT,
   *     CLEANSTACK without P2SH)
   */
  public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey,
      Set<VerifyFlag> flags) {
    Objects.requireNonNull(scriptPubKey, "scriptPubKey");
    return ScriptInterpreter.verify(tx.input(inputIndex).scriptSig(), scriptPubKey, flags,
        TransactionSignatureChecker.of(tx, inputIndex));
  }

  /**
   * As {@link #verifyInput(Transaction, int, Script, Set)} with flags named as in Core's test
   * vectors, comma-separated ({@code "P2SH,STRICTENC"}; empty or {@code "NONE"} for none).
   *
   * @throws IllegalArgumentException if a flag name is unknown
   */
  public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey,
      String flags) {
    return verifyInput(tx, inputIndex, scriptPubKey, VerifyFlag.parseList(flags));
  }

  /**
   * Bitcoin Core's context-free {@code CheckTransaction}, in Core's order, so the first failing
   * rule decides the reason: inputs and outputs present, size, output values and their sum in
   * the money range, no duplicate inputs, coinbase scriptSig length, no null prevout outside a
   * coinbase. Needs no chain state: inputs' existence, scripts, fees and lock-times are checked
   * where the chain state or the memory pool knows them. The one entry point to these rules, for
   * the chain state and the memory pool as for callers.
   *
   * @return empty if valid, else the reason ({@link TxRejectReason#reason()} gives Core's string)
   */
  public static Optional<TxRejectReason> checkTransaction(Transaction tx) {
    return TransactionChecks.check(tx);
  }
}
