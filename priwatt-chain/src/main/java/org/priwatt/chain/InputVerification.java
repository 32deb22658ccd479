package org.priwatt.chain;

import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptInterpreter;

/** The signer's final check of a freshly signed input against the output it spends. */
final class InputVerification {
  private InputVerification() {}

  /**
   * Runs the interpreter under {@link ConsensusApi#STANDARD_FLAGS}.
   *
   * @throws ChainException {@link ChainError#VERIFICATION_FAILED} naming the script error
   */
  static void requireValid(Transaction tx, int inputIndex, Script scriptPubKey)
      throws ChainException {
    ScriptError err = ScriptInterpreter.verify(tx.input(inputIndex).scriptSig(), scriptPubKey,
        ConsensusApi.STANDARD_FLAGS, TransactionSignatureChecker.of(tx, inputIndex));
    if (err != ScriptError.OK) {
      throw new ChainException(ChainError.VERIFICATION_FAILED,
          "input " + inputIndex + " fails with " + err);
    }
  }
}
