package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * Redeem scripts whose P2SH outputs the wallet watches: PriWatt's 2-of-3 escrows between buyer,
 * seller and the DSO. Their outputs count in {@link Balance#watched()} and can be co-signed, but
 * are never spent by coin selection since one key cannot spend them. Thread-safe.
 */
public final class ScriptWatchList {
  private final Map<String, Script> byScriptHash = new LinkedHashMap<>();

  /**
   * Watches the P2SH output of {@code redeemScript}.
   *
   * @return the P2SH scriptPubKey now watched
   * @throws IllegalArgumentException if the script is longer than a P2SH spend can push
   */
  public synchronized Script watch(Script redeemScript) {
    Objects.requireNonNull(redeemScript, "redeemScript");
    if (redeemScript.length() > Address.MAX_REDEEM_SCRIPT_LENGTH) {
      throw new IllegalArgumentException("redeem script longer than 520 bytes");
    }
    byte[] hash = Hashes.hash160(redeemScript.program());
    byScriptHash.put(Hex.encode(hash), redeemScript);
    return ScriptTemplates.p2sh(hash);
  }

  /** The redeem script behind {@code scriptPubKey} if it is a watched P2SH script. */
  public synchronized Optional<Script> redeemScriptFor(Script scriptPubKey) {
    return ScriptTemplates.p2shHash(scriptPubKey)
        .map(h -> byScriptHash.get(Hex.encode(h)));
  }

  /** Whether {@code scriptPubKey} is a watched P2SH script. */
  public boolean isWatched(Script scriptPubKey) {
    return redeemScriptFor(scriptPubKey).isPresent();
  }

  /** The watched redeem scripts in the order added. */
  public synchronized List<Script> redeemScripts() {
    return new ArrayList<>(byScriptHash.values());
  }
}
