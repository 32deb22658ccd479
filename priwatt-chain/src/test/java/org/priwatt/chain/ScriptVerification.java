package org.priwatt.chain;

import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;

/** Test helper: does input {@code i} of {@code tx} satisfy {@code scriptPubKey}? */
final class ScriptVerification {
  private ScriptVerification() {}

  static boolean verifies(Transaction tx, int i, Script scriptPubKey) {
    return ConsensusApi.verifyInput(tx, i, scriptPubKey, ConsensusApi.STANDARD_FLAGS)
        == ScriptError.OK;
  }
}
