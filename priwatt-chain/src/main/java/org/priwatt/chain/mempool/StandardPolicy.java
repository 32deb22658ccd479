package org.priwatt.chain.mempool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Coin;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.ScriptType;

/**
 * Bitcoin Core's standardness rules ({@code policy.cpp}): what a node relays and mines beyond
 * what consensus allows. Non-standard transactions may still be valid in a block; the rules keep
 * spam, oversized data and unusual scripts out of the pool. Stateless and thread-safe.
 */
public final class StandardPolicy {
  /** Core's TX_MAX_STANDARD_VERSION. */
  public static final int MAX_STANDARD_VERSION = 2;
  /** Smallest standard serialized size (Core MIN_STANDARD_TX_NONWITNESS_SIZE). */
  public static final int MIN_STANDARD_TX_SIZE = 65;
  /** Bytes an input spending a typical output adds: outpoint, scriptSig of 107, sequence. */
  public static final int SPEND_INPUT_SIZE = 32 + 4 + 1 + 107 + 4;
  /** Scripts longer than this can never be spent (Core MAX_SCRIPT_SIZE). */
  public static final int MAX_SCRIPT_SIZE = 10_000;

  private StandardPolicy() {}

  /**
   * Core's {@code IsStandardTx} plus the minimum-size rule: version, size, push-only scriptSigs
   * of bounded size, standard output types, no dust, at most one OP_RETURN.
   *
   * @return the first rule broken, or empty
   */
  public static Optional<AcceptResult> checkTransaction(Transaction tx, MempoolPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (tx.version() < 1 || tx.version() > MAX_STANDARD_VERSION) {
      return reject(tx, MempoolRejectReason.VERSION, "version " + tx.version());
    }
    if (tx.size() > policy.maxTxSize()) {
      return reject(tx, MempoolRejectReason.TX_SIZE, tx.size() + " bytes");
    }
    for (TxInput in : tx.inputs()) {
      if (in.scriptSig().length() > policy.maxScriptSigSize()) {
        return reject(tx, MempoolRejectReason.SCRIPTSIG_SIZE, in.scriptSig().length() + " bytes");
      }
      if (!in.scriptSig().isPushOnly()) {
        return reject(tx, MempoolRejectReason.SCRIPTSIG_NOT_PUSHONLY, in.outPoint().toString());
      }
    }
    int dataOutputs = 0;
    for (TxOutput out : tx.outputs()) {
      Optional<AcceptResult> r = checkOutput(tx, out, policy);
      if (r.isPresent()) {
        return r;
      }
      dataOutputs += ScriptTemplates.classify(out.scriptPubKey()) == ScriptType.NULL_DATA ? 1 : 0;
    }
    if (dataOutputs > 1) {
      return reject(tx, MempoolRejectReason.MULTI_OP_RETURN, dataOutputs + " outputs");
    }
    if (tx.size() < MIN_STANDARD_TX_SIZE) {
      return reject(tx, MempoolRejectReason.TX_SIZE_SMALL, tx.size() + " bytes");
    }
    return Optional.empty();
  }

  private static Optional<AcceptResult> checkOutput(Transaction tx, TxOutput out,
      MempoolPolicy policy) {
    Script spk = out.scriptPubKey();
    ScriptType type = ScriptTemplates.classify(spk);
    if (type == ScriptType.NONSTANDARD) {
      return reject(tx, MempoolRejectReason.SCRIPTPUBKEY, "non-standard script");
    }
    if (type == ScriptType.NULL_DATA && spk.length() > policy.maxDataCarrierSize()) {
      return reject(tx, MempoolRejectReason.SCRIPTPUBKEY, "OP_RETURN of " + spk.length());
    }
    if (type == ScriptType.MULTISIG) {
      int n = ScriptTemplates.parseMultisig(spk).orElseThrow().keyCount();
      if (n > policy.maxBareMultisigKeys()) {
        return reject(tx, MempoolRejectReason.SCRIPTPUBKEY, "bare multisig with " + n + " keys");
      }
      if (!policy.permitBareMultisig()) {
        return reject(tx, MempoolRejectReason.BARE_MULTISIG, "");
      }
    }
    if (isDust(out, policy.dustRelayFee())) {
      return reject(tx, MempoolRejectReason.DUST,
          out.value() + " < " + dustThreshold(out, policy.dustRelayFee()));
    }
    return Optional.empty();
  }

  /**
   * Core's {@code AreInputsStandard}: every spent script has a standard type, and a P2SH redeem
   * script (the last push of the scriptSig) has at most {@link MempoolPolicy#maxP2shSigOps()}
   * signature operations.
   *
   * @param spent the coins the inputs spend, in input order
   * @return the first offending input as a rejection, or empty
   * @throws IllegalArgumentException if {@code spent} does not match the inputs
   */
  public static Optional<AcceptResult> checkInputs(Transaction tx, List<Coin> spent,
      MempoolPolicy policy) {
    if (spent.size() != tx.inputs().size()) {
      throw new IllegalArgumentException("one coin per input required");
    }
    for (int i = 0; i < spent.size(); i++) {
      Script prev = spent.get(i).output().scriptPubKey();
      ScriptType type = ScriptTemplates.classify(prev);
      if (type == ScriptType.NONSTANDARD) {
        return reject(tx, MempoolRejectReason.NONSTANDARD_INPUTS, "input " + i + " spends "
            + "a non-standard script");
      }
      if (type == ScriptType.P2SH) {
        Script scriptSig = tx.input(i).scriptSig();
        if (scriptSig.length() == 0 || !scriptSig.isPushOnly()) {
          return reject(tx, MempoolRejectReason.NONSTANDARD_INPUTS, "input " + i
              + " has no redeem script");
        }
        int sigOps = prev.getSigOpCount(scriptSig);
        if (sigOps > policy.maxP2shSigOps()) {
          return reject(tx, MempoolRejectReason.NONSTANDARD_INPUTS, "input " + i + " redeem "
              + "script has " + sigOps + " sigops");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Core's {@code GetDustThreshold}: the fee, at {@code dustRelayFee}, of the output plus an
   * input spending it; zero for provably unspendable outputs.
   */
  public static long dustThreshold(TxOutput out, FeeRate dustRelayFee) {
    if (isUnspendable(out.scriptPubKey())) {
      return 0;
    }
    return dustRelayFee.feeFor((long) out.serializedSize() + SPEND_INPUT_SIZE);
  }

  /** Whether {@code out} is worth less than its {@link #dustThreshold}. */
  public static boolean isDust(TxOutput out, FeeRate dustRelayFee) {
    return out.value() < dustThreshold(out, dustRelayFee);
  }

  /** Core's {@code IsUnspendable}: starts with OP_RETURN or exceeds the script size limit. */
  public static boolean isUnspendable(Script scriptPubKey) {
    return (scriptPubKey.length() > 0 && scriptPubKey.byteAt(0) == 0x6a)
        || scriptPubKey.length() > MAX_SCRIPT_SIZE;
  }

  /** Core's {@code GetP2SHSigOpCount}: accurate sigops of each P2SH input's redeem script. */
  public static int p2shSigOps(Transaction tx, List<Coin> spent) {
    int n = 0;
    for (int i = 0; i < spent.size(); i++) {
      Script prev = spent.get(i).output().scriptPubKey();
      if (prev.isPayToScriptHash()) {
        n += prev.getSigOpCount(tx.input(i).scriptSig());
      }
    }
    return n;
  }

  private static Optional<AcceptResult> reject(Transaction tx, MempoolRejectReason reason,
      String detail) {
    return Optional.of(AcceptResult.rejected(tx.txId(), reason, detail));
  }
}
