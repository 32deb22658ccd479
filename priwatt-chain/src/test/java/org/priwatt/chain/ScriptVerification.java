package org.priwatt.chain;

import org.priwatt.script.Script;

/** Test helper: does input {@code i} of {@code tx} satisfy {@code scriptPubKey}? */
final class ScriptVerification {
  private ScriptVerification() {}

  static boolean verifies(Transaction tx, int i, Script scriptPubKey) {
    try {
      InputVerification.requireValid(tx, i, scriptPubKey);
      return true;
    } catch (ChainException e) {
      return false;
    }
  }
}
