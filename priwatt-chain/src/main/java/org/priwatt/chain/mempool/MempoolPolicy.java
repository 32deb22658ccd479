package org.priwatt.chain.mempool;

import java.util.Objects;

/**
 * The node's relay policy: what a standard transaction looks like, the fees it must pay, and how
 * large the pool and its unconfirmed chains may grow. Defaults are Bitcoin Core's ({@link
 * #DEFAULT}); consensus rules are not configurable here.
 *
 * @param requireStandard whether standardness rules apply (false only for test networks that
 *     relay anything valid)
 * @param minRelayFee fee rate every transaction must pay (Core {@code -minrelaytxfee}, 1000
 *     sat/kB)
 * @param incrementalRelayFee added to the rate of an evicted package to form the rolling minimum
 *     fee (Core {@code -incrementalrelayfee}, 1000 sat/kB)
 * @param dustRelayFee rate at which an output costing more to spend than it is worth is dust
 *     (Core {@code -dustrelayfee}, 3000 sat/kB: 546 sat for a P2PKH output)
 * @param maxTxSize largest standard transaction, bytes (Core's 400000 weight units / 4)
 * @param maxScriptSigSize largest standard scriptSig, bytes (Core 1650: a 15-of-15 P2SH spend)
 * @param maxDataCarrierSize largest standard OP_RETURN script, bytes (Core {@code
 *     -datacarriersize} 83: OP_RETURN, a push opcode and 80 data bytes)
 * @param maxBareMultisigKeys largest n of a relayed bare multisig output; the paper and Core
 *     relay bare m-of-n only for n at most 3
 * @param permitBareMultisig whether bare multisig outputs are relayed at all (Core {@code
 *     -permitbaremultisig}, true)
 * @param maxTxSigOps most legacy plus P2SH signature operations per standard transaction (Core's
 *     MAX_STANDARD_TX_SIGOPS_COST 16000 / 4)
 * @param maxP2shSigOps most signature operations in one standard P2SH redeem script (15)
 * @param maxAncestorCount most in-pool ancestors of an entry, itself included (25)
 * @param maxAncestorSize largest total size of an entry and its in-pool ancestors (101000 bytes)
 * @param maxDescendantCount most in-pool descendants of an entry, itself included (25)
 * @param maxPoolBytes cap on the summed size of all pooled transactions; above it the lowest fee
 *     rate packages are evicted (Core's 300 MB counts memory, here serialized bytes)
 * @param enforceSequenceLocks whether BIP 68 relative lock times are checked for the next block
 */
public record MempoolPolicy(
    boolean requireStandard,
    FeeRate minRelayFee,
    FeeRate incrementalRelayFee,
    FeeRate dustRelayFee,
    int maxTxSize,
    int maxScriptSigSize,
    int maxDataCarrierSize,
    int maxBareMultisigKeys,
    boolean permitBareMultisig,
    int maxTxSigOps,
    int maxP2shSigOps,
    int maxAncestorCount,
    long maxAncestorSize,
    int maxDescendantCount,
    long maxPoolBytes,
    boolean enforceSequenceLocks) {

  /** Bitcoin Core's default relay policy with a 300 MB pool. */
  public static final MempoolPolicy DEFAULT = new MempoolPolicy(true,
      FeeRate.ofSatPerKb(1000), FeeRate.ofSatPerKb(1000), FeeRate.ofSatPerKb(3000),
      100_000, 1650, 83, 3, true, 4000, 15, 25, 101_000, 25, 300_000_000L, true);

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a size or count is not positive
   */
  public MempoolPolicy {
    Objects.requireNonNull(minRelayFee, "minRelayFee");
    Objects.requireNonNull(incrementalRelayFee, "incrementalRelayFee");
    Objects.requireNonNull(dustRelayFee, "dustRelayFee");
    if (maxTxSize <= 0 || maxScriptSigSize <= 0 || maxDataCarrierSize <= 0
        || maxBareMultisigKeys <= 0 || maxTxSigOps <= 0 || maxP2shSigOps <= 0
        || maxAncestorCount <= 0 || maxAncestorSize <= 0 || maxDescendantCount <= 0
        || maxPoolBytes <= 0) {
      throw new IllegalArgumentException("policy limits must be positive: " + this);
    }
  }

  /** A copy with another pool size cap, in bytes. */
  public MempoolPolicy withMaxPoolBytes(long bytes) {
    return new MempoolPolicy(requireStandard, minRelayFee, incrementalRelayFee, dustRelayFee,
        maxTxSize, maxScriptSigSize, maxDataCarrierSize, maxBareMultisigKeys, permitBareMultisig,
        maxTxSigOps, maxP2shSigOps, maxAncestorCount, maxAncestorSize, maxDescendantCount, bytes,
        enforceSequenceLocks);
  }

  /** A copy with another minimum relay fee. */
  public MempoolPolicy withMinRelayFee(FeeRate rate) {
    return new MempoolPolicy(requireStandard, rate, incrementalRelayFee, dustRelayFee,
        maxTxSize, maxScriptSigSize, maxDataCarrierSize, maxBareMultisigKeys, permitBareMultisig,
        maxTxSigOps, maxP2shSigOps, maxAncestorCount, maxAncestorSize, maxDescendantCount,
        maxPoolBytes, enforceSequenceLocks);
  }

  /** A copy with other unconfirmed-chain limits (ancestor and descendant counts). */
  public MempoolPolicy withChainLimits(int ancestors, int descendants) {
    return new MempoolPolicy(requireStandard, minRelayFee, incrementalRelayFee, dustRelayFee,
        maxTxSize, maxScriptSigSize, maxDataCarrierSize, maxBareMultisigKeys, permitBareMultisig,
        maxTxSigOps, maxP2shSigOps, ancestors, maxAncestorSize, descendants, maxPoolBytes,
        enforceSequenceLocks);
  }
}
