package org.priwatt.chain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.internal.StandardScripts;
import org.priwatt.chain.internal.StandardScripts.Multisig;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.Script;

/**
 * The signer's final check of a freshly signed input against the output it spends, for the two
 * templates the signer produces.
 */
final class InputVerification {
  private InputVerification() {}

  static void requireValid(Transaction tx, int inputIndex, Script scriptPubKey)
      throws ChainException {
    if (!isValid(tx, inputIndex, scriptPubKey)) {
      throw new ChainException(ChainError.VERIFICATION_FAILED,
          "input " + inputIndex + " does not satisfy " + scriptPubKey);
    }
  }

  private static boolean isValid(Transaction tx, int inputIndex, Script scriptPubKey) {
    Optional<List<byte[]>> items = StandardScripts.pushes(tx.input(inputIndex).scriptSig());
    if (items.isEmpty()) {
      return false;
    }
    List<byte[]> stack = items.get();
    TransactionSignatureChecker checker = TransactionSignatureChecker.of(tx, inputIndex);
    Optional<byte[]> p2pkh = StandardScripts.matchP2pkh(scriptPubKey);
    if (p2pkh.isPresent()) {
      return stack.size() == 2
          && Arrays.equals(Hashes.hash160(stack.get(1)), p2pkh.get())
          && checker.checkEcdsaSignature(stack.get(0), stack.get(1), scriptPubKey);
    }
    Optional<byte[]> p2sh = StandardScripts.matchP2sh(scriptPubKey);
    if (p2sh.isEmpty() || stack.size() < 2) {
      return false;
    }
    byte[] redeem = stack.get(stack.size() - 1);
    Optional<Multisig> ms = StandardScripts.matchMultisig(Script.of(redeem));
    if (!Arrays.equals(Hashes.hash160(redeem), p2sh.get()) || ms.isEmpty()
        || stack.get(0).length != 0 || stack.size() - 2 != ms.get().required()) {
      return false;
    }
    // CHECKMULTISIG semantics: signatures match keys in order, each key used at most once.
    List<byte[]> keys = ms.get().keys();
    int k = 0;
    for (byte[] sig : stack.subList(1, stack.size() - 1)) {
      while (k < keys.size() && !checker.checkEcdsaSignature(sig, keys.get(k), Script.of(redeem))) {
        k++;
      }
      if (k++ >= keys.size()) {
        return false;
      }
    }
    return true;
  }
}
