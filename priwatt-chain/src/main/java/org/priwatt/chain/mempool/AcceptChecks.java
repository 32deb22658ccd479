package org.priwatt.chain.mempool;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Coin;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSignatureChecker;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.TxRejectReason;
import org.priwatt.chain.consensus.internal.BlockValidator;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptInterpreter;
import org.priwatt.script.VerifyFlag;

/**
 * One run of Bitcoin Core's accept-to-memory-pool checks ({@code PreChecks}, {@code
 * PolicyScriptChecks}, {@code ConsensusScriptChecks}) against the pool as it is, in Core's order
 * so the reason reported is the one Core would give. Runs under the {@link Mempool}'s lock.
 */
final class AcceptChecks {
  private final Transaction tx;
  private final PoolGraph graph;
  private final ChainTip tip;
  private final MempoolPolicy policy;
  private final int nextHeight;
  private final List<Coin> coins = new ArrayList<>();
  private Amount fee;
  private int sigOps;

  /** The result: a rejection, or the node ready to be added. */
  record Outcome(AcceptResult result, PoolGraph.Node node) {}

  private AcceptChecks(Transaction tx, PoolGraph graph, ChainTip tip, MempoolPolicy policy) {
    this.tx = tx;
    this.graph = graph;
    this.tip = tip;
    this.policy = policy;
    this.nextHeight = tip.height() + 1;
  }

  /**
   * Checks {@code tx} for entry.
   *
   * @param rollingMinFee the pool's minimum after evictions, {@link FeeRate#ZERO} if none
   * @param bypassFees skip fee checks (transactions re-added from disconnected blocks)
   */
  static Outcome run(Transaction tx, PoolGraph graph, ChainTip tip, MempoolPolicy policy,
      ScriptCheckCache cache, FeeRate rollingMinFee, boolean bypassFees, long nowMillis) {
    AcceptChecks c = new AcceptChecks(tx, graph, tip, policy);
    Optional<AcceptResult> r = c.preChecks();
    if (r.isEmpty()) {
      r = c.inputChecks();
    }
    if (r.isEmpty() && !bypassFees) {
      r = c.feeChecks(rollingMinFee);
    }
    if (r.isEmpty()) {
      r = c.chainLimits();
    }
    if (r.isEmpty()) {
      r = c.scriptChecks(cache);
    }
    if (r.isPresent()) {
      return new Outcome(r.get(), null);
    }
    PoolGraph.Node node = new PoolGraph.Node(tx, c.fee, c.sigOps, tip.height(), nowMillis);
    return new Outcome(AcceptResult.accepted(tx.txId(), c.fee), node);
  }

  private Optional<AcceptResult> preChecks() {
    Optional<TxRejectReason> bad = ConsensusApi.checkTransaction(tx);
    if (bad.isPresent()) {
      return Optional.of(AcceptResult.rejected(tx.txId(), MempoolRejectReason.CONSENSUS_INVALID,
          bad.get().reason(), ""));
    }
    if (tx.isCoinbase()) {
      return reject(MempoolRejectReason.COINBASE, "");
    }
    if (policy.requireStandard()) {
      Optional<AcceptResult> r = StandardPolicy.checkTransaction(tx, policy);
      if (r.isPresent()) {
        return r;
      }
    }
    if (!NextBlockLocks.isFinal(tx, tip)) {
      return reject(MempoolRejectReason.NON_FINAL, "lockTime " + tx.lockTime() + " at height "
          + nextHeight + ", median time " + tip.medianTimePast());
    }
    if (graph.get(tx.txId()).isPresent()) {
      return reject(MempoolRejectReason.ALREADY_IN_MEMPOOL, "");
    }
    for (TxInput in : tx.inputs()) {
      Optional<PoolGraph.Node> first = graph.spender(in.outPoint());
      if (first.isPresent()) {
        return reject(MempoolRejectReason.MEMPOOL_CONFLICT, in.outPoint() + " already spent by "
            + first.get().id());
      }
    }
    return Optional.empty();
  }

  private Optional<AcceptResult> inputChecks() {
    for (TxInput in : tx.inputs()) {
      Optional<Coin> coin = graph.poolCoin(in.outPoint()).or(() -> tip.coins().coin(in.outPoint()));
      if (coin.isEmpty()) {
        return missingInput(in.outPoint());
      }
      coins.add(coin.get());
    }
    if (policy.enforceSequenceLocks()
        && !NextBlockLocks.sequenceLocksSatisfied(tx, coins, tip)) {
      return reject(MempoolRejectReason.NON_BIP68_FINAL, "");
    }
    long valueIn = 0;
    for (Coin coin : coins) {
      if (coin.isImmatureAt(nextHeight, tip.coinbaseMaturity())) {
        return reject(MempoolRejectReason.PREMATURE_COINBASE_SPEND, "tried to spend coinbase at "
            + "depth " + (nextHeight - coin.height()));
      }
      valueIn += coin.output().value(); // each value is in range, so the sum cannot overflow
      if (!Amount.isValid(coin.output().value()) || !Amount.isValid(valueIn)) {
        return reject(MempoolRejectReason.INPUT_VALUES_OUT_OF_RANGE, "");
      }
    }
    long valueOut = 0;
    for (TxOutput out : tx.outputs()) {
      valueOut += out.value(); // CheckTransaction bounded every value and the total
    }
    if (valueIn < valueOut) {
      return reject(MempoolRejectReason.IN_BELOW_OUT, "value in (" + valueIn + ") < value out ("
          + valueOut + ")");
    }
    fee = Amount.ofSat(valueIn - valueOut);
    if (policy.requireStandard()) {
      Optional<AcceptResult> r = StandardPolicy.checkInputs(tx, coins, policy);
      if (r.isPresent()) {
        return r;
      }
    }
    sigOps = BlockValidator.legacySigOps(tx) + StandardPolicy.p2shSigOps(tx, coins);
    if (sigOps > policy.maxTxSigOps()) {
      return reject(MempoolRejectReason.TOO_MANY_SIGOPS, sigOps + " sigops");
    }
    return Optional.empty();
  }

  /** Core tells a confirmed transaction apart from one with missing parents. */
  private Optional<AcceptResult> missingInput(OutPoint missing) {
    for (int i = 0; i < tx.outputs().size(); i++) {
      if (tip.coins().hasCoin(OutPoint.of(tx.txId(), i))) {
        return reject(MempoolRejectReason.ALREADY_KNOWN, "");
      }
    }
    return reject(MempoolRejectReason.MISSING_OR_SPENT_INPUTS, missing.toString());
  }

  private Optional<AcceptResult> feeChecks(FeeRate rollingMinFee) {
    long poolMin = rollingMinFee.feeFor(tx.size());
    if (poolMin > 0 && fee.sat() < poolMin) {
      return reject(MempoolRejectReason.MEMPOOL_MIN_FEE_NOT_MET, fee.sat() + " < " + poolMin);
    }
    long relayMin = policy.minRelayFee().feeFor(tx.size());
    if (fee.sat() < relayMin) {
      return reject(MempoolRejectReason.MIN_RELAY_FEE_NOT_MET, fee.sat() + " < " + relayMin);
    }
    return Optional.empty();
  }

  private Optional<AcceptResult> chainLimits() {
    Set<PoolGraph.Node> ancestors = PoolGraph.ancestorsOf(graph.parentsOf(tx));
    if (ancestors.size() + 1 > policy.maxAncestorCount()) {
      return reject(MempoolRejectReason.TOO_LONG_MEMPOOL_CHAIN, "too many unconfirmed ancestors ["
          + "limit: " + policy.maxAncestorCount() + "]");
    }
    long ancestorBytes = tx.size();
    for (PoolGraph.Node a : ancestors) {
      ancestorBytes += a.tx.size();
      if (PoolGraph.closure(a, true).size() + 1 > policy.maxDescendantCount()) {
        return reject(MempoolRejectReason.TOO_LONG_MEMPOOL_CHAIN, "too many descendants for tx "
            + a.id() + " [limit: " + policy.maxDescendantCount() + "]");
      }
    }
    if (ancestorBytes > policy.maxAncestorSize()) {
      return reject(MempoolRejectReason.TOO_LONG_MEMPOOL_CHAIN, "exceeds ancestor size limit");
    }
    return Optional.empty();
  }

  private Optional<AcceptResult> scriptChecks(ScriptCheckCache cache) {
    Set<VerifyFlag> consensus = tip.consensusFlagsForNextBlock();
    Set<VerifyFlag> checked = consensus;
    if (policy.requireStandard()) {
      EnumSet<VerifyFlag> standard = EnumSet.copyOf(ConsensusApi.STANDARD_FLAGS);
      standard.addAll(consensus);
      checked = standard;
    }
    SignatureHasher hasher = SignatureHasher.of(tx);
    for (int i = 0; i < coins.size(); i++) {
      ScriptError err = verify(hasher, i, checked);
      if (err != ScriptError.OK) {
        ScriptError mandatory = checked == consensus ? err : verify(hasher, i, consensus);
        MempoolRejectReason reason = mandatory == ScriptError.OK
            ? MempoolRejectReason.NON_MANDATORY_SCRIPT_VERIFY_FLAG
            : MempoolRejectReason.MANDATORY_SCRIPT_VERIFY_FLAG_FAILED;
        ScriptError shown = mandatory == ScriptError.OK ? err : mandatory;
        return Optional.of(AcceptResult.rejected(tx.txId(), reason,
            reason.reason() + " (" + shown + ")", "input " + i));
      }
    }
    cache.recordVerified(tx.txId(), consensus);
    return Optional.empty();
  }

  private ScriptError verify(SignatureHasher hasher, int input, Set<VerifyFlag> flags) {
    return ScriptInterpreter.verify(tx.input(input).scriptSig(),
        coins.get(input).output().scriptPubKey(), flags,
        TransactionSignatureChecker.of(hasher, input));
  }

  private Optional<AcceptResult> reject(MempoolRejectReason reason, String detail) {
    return Optional.of(AcceptResult.rejected(tx.txId(), reason, detail));
  }
}
