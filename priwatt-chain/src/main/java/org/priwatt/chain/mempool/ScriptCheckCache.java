package org.priwatt.chain.mempool;

import java.util.Set;
import org.priwatt.chain.TxId;
import org.priwatt.script.VerifyFlag;

/**
 * Remembers transactions whose scripts verified under a set of flags, so that block validation
 * can skip work the pool already did (Bitcoin Core's script execution cache). The pool fills it
 * after full verification under the consensus flags.
 *
 * <p>A legacy txid commits to every scriptSig and to the outpoints spent, which in turn fix the
 * scriptPubKeys and amounts, so {@code (txid, flags)} identifies one verification.
 * Implementations must be thread-safe.
 */
public interface ScriptCheckCache {
  /** Whether {@code txId} is recorded as valid under exactly {@code flags}. */
  boolean isVerified(TxId txId, Set<VerifyFlag> flags);

  /** Records that every input of {@code txId} verified under {@code flags}. */
  void recordVerified(TxId txId, Set<VerifyFlag> flags);

  /** A cache that remembers nothing. */
  static ScriptCheckCache none() {
    return new ScriptCheckCache() {
      @Override
      public boolean isVerified(TxId txId, Set<VerifyFlag> flags) {
        return false;
      }

      @Override
      public void recordVerified(TxId txId, Set<VerifyFlag> flags) {
        // Nothing is remembered.
      }
    };
  }
}
