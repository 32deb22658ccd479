package org.priwatt.chain.state;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.priwatt.chain.TxId;
import org.priwatt.script.VerifyFlag;

/**
 * Remembers transactions whose every input script has already been verified, so a block full
 * of transactions the mempool has checked connects without running their scripts again (Core's
 * script-execution cache). The mempool {@linkplain #add adds} a transaction after verifying all
 * its inputs; block connection {@linkplain #contains consults} it.
 *
 * <p>Why the txid is a sufficient key: it commits to every scriptSig and every outpoint spent,
 * and an outpoint names exactly one output (BIP 30), so the scripts run are the same. Why a
 * superset of flags suffices: every verification flag only restricts what scripts may do (soft
 * forks and policy alike), so a transaction valid under flags {@code S} is valid under any
 * subset of {@code S}; the mempool's standard flags thus cover the consensus flags.
 *
 * <p>For the mempool: after all inputs of a transaction verify, call {@link #add} with the flags
 * actually used (its standard flags, a superset of {@code ChainParameters.scriptFlagsAt} for the
 * next height), so the block that later confirms it skips its scripts.
 *
 * <p>Bounded: at most {@code maxEntries} transactions, the least recently used evicted first.
 * Thread-safe; lookups from the parallel verifier's threads do not block each other.
 */
public final class ScriptExecutionCache {
  /** A default bound: about 40 full blocks' worth of transactions. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Cache<TxId, Set<VerifyFlag>> entries;
  private final int maxEntries;

  private ScriptExecutionCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = CacheBuilder.newBuilder().maximumSize(maxEntries).build();
  }

  /**
   * Returns an empty cache holding at most {@code maxEntries} transactions.
   *
   * @throws IllegalArgumentException if {@code maxEntries} is not positive
   */
  public static ScriptExecutionCache create(int maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    return new ScriptExecutionCache(maxEntries);
  }

  /** The bound given at creation. */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * Records that every input of {@code txId} verified under {@code flags}. Replaces an earlier
   * record for the same transaction.
   */
  public void add(TxId txId, Set<VerifyFlag> flags) {
    Objects.requireNonNull(txId, "txId");
    EnumSet<VerifyFlag> copy = flags.isEmpty()
        ? EnumSet.noneOf(VerifyFlag.class) : EnumSet.copyOf(flags);
    entries.put(txId, Collections.unmodifiableSet(copy));
  }

  /**
   * Whether every input of {@code txId} is known to verify under {@code requiredFlags}: it was
   * recorded with a superset of them.
   */
  public boolean contains(TxId txId, Set<VerifyFlag> requiredFlags) {
    Set<VerifyFlag> verified = entries.getIfPresent(Objects.requireNonNull(txId, "txId"));
    return verified != null && verified.containsAll(requiredFlags);
  }

  /** Forgets {@code txId} (after a reorganisation changed what it spends, for example). */
  public void remove(TxId txId) {
    entries.invalidate(txId);
  }

  /** The approximate number of entries. */
  public long size() {
    return entries.size();
  }
}
