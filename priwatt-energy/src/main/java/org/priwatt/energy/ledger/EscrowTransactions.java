package org.priwatt.energy.ledger;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.script.ScriptTemplates;

/**
 * The transactions that spend a Case 1 escrow, each a pure function of the {@link EscrowTerms}
 * and the funding output: the <em>release</em> (everything but the fee to the seller) and the
 * <em>settlement</em> of a dispute (the DSO's share to the buyer, the rest to the seller). Because
 * every party builds them the same way, nobody has to sign a transaction someone else built: a
 * counterpart sends only its signature ({@link #signature}), which the receiver checks against
 * its own rebuild ({@link #verifies}) before adding its own ({@link #complete}). That is the rule
 * the trade sessions and the DSO follow: the DSO decides a split, never a destination. Stateless.
 */
public final class EscrowTransactions {
  /** Basis points in 100 %. */
  public static final int FULL_SHARE = 10_000;

  private EscrowTransactions() {}

  /**
   * The release: input the funding output, one output of its value minus the fee to the
   * seller's P2PKH (the seller's escrow key).
   *
   * @throws EnergyException {@link EnergyError#OUT_OF_RANGE} if the funding cannot pay the fee
   */
  public static Transaction release(EscrowTerms terms, Payment funding) throws EnergyException {
    return settlement(terms, funding, 0);
  }

  /**
   * A dispute settlement: the buyer gets {@code buyerShareBasisPoints / 10000} of the funding
   * output's value minus the fee (rounded down), the seller the rest; each to the P2PKH of its
   * escrow key. A share worth less than the dust limit is left to the fee (the output would not
   * relay), so a share of 0 or 10,000 gives one output. If both shares are dust (an escrow of less
   * than two payouts split near the middle), the larger one, the seller's on a tie, takes the whole
   * value less the fee: a transaction needs an output.
   *
   * @throws EnergyException {@link EnergyError#OUT_OF_RANGE} if the funding cannot pay the fee
   * @throws IllegalArgumentException if the share is outside 0..10000
   */
  public static Transaction settlement(EscrowTerms terms, Payment funding, int buyerShareBasisPoints)
      throws EnergyException {
    Objects.requireNonNull(terms, "terms");
    if (buyerShareBasisPoints < 0 || buyerShareBasisPoints > FULL_SHARE) {
      throw new IllegalArgumentException("share outside 0..10000: " + buyerShareBasisPoints);
    }
    long net = funding.output().value() - terms.fee().sat();
    if (net < EscrowTerms.MIN_PAYOUT.sat()) {
      throw new EnergyException(EnergyError.OUT_OF_RANGE,
          "escrow of " + funding.output().value() + " sat cannot pay the fee " + terms.fee());
    }
    long toBuyer = Math.multiplyExact(net, (long) buyerShareBasisPoints) / FULL_SHARE;
    long toSeller = net - toBuyer;
    TransactionBuilder b = Transaction.builder().addInput(funding.outPoint());
    boolean buyerPaid = addIfNotDust(b, toBuyer, terms.escrow().buyer());
    boolean sellerPaid = addIfNotDust(b, toSeller, terms.escrow().seller());
    if (!buyerPaid && !sellerPaid) {
      // net is at least EscrowTerms.MIN_PAYOUT, the P2PKH dust limit: one output relays.
      EcPublicKey larger = toBuyer > toSeller ? terms.escrow().buyer() : terms.escrow().seller();
      b.addOutput(Amount.ofSat(net), ScriptTemplates.p2pkhOf(larger));
    }
    return b.build();
  }

  /** Adds an output of {@code sat} to {@code key}'s P2PKH unless it is dust; returns whether it did. */
  private static boolean addIfNotDust(TransactionBuilder b, long sat, EcPublicKey key) {
    TxOutput out = TxOutput.ofRawValue(sat, ScriptTemplates.p2pkhOf(key));
    if (sat > 0 && !StandardPolicy.isDust(out, MempoolPolicy.DEFAULT.dustRelayFee())) {
      b.addOutput(Amount.ofSat(sat), out.scriptPubKey());
      return true;
    }
    return false;
  }

  /**
   * {@code key}'s SIGHASH_ALL signature for input 0 of {@code tx} under the escrow's redeem
   * script: what a party sends its counterpart instead of a transaction.
   *
   * @throws EnergyException {@link EnergyError#CHAIN} if {@code key} is not one of the escrow's keys
   */
  public static byte[] signature(Transaction tx, EscrowTerms terms, EcKey key) throws EnergyException {
    try {
      return TransactionSigner.multisigSignature(tx, 0, terms.redeemScript(), key);
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "cannot sign the escrow spend", e);
    }
  }

  /**
   * Whether {@code signature} is {@code key}'s SIGHASH_ALL signature for input 0 of {@code tx}
   * (the receiver's own rebuild) under the escrow. Never throws on hostile bytes.
   */
  public static boolean verifies(Transaction tx, EscrowTerms terms, EcPublicKey key, byte[] signature) {
    return terms.escrow().names(key) && TransactionSigner.verifiesMultisigSignature(tx, 0, terms.redeemScript(),
        key.withCompression(true).encoded(), signature);
  }

  /**
   * {@code tx} with input 0 holding {@code counterpart}'s signature and {@code key}'s, in key
   * order, verified against the escrow's P2SH output: ready to broadcast.
   *
   * @throws EnergyException {@link EnergyError#CHAIN} if the counterpart's signature does not
   *     verify or the completed input fails
   */
  public static Transaction complete(Transaction tx, EscrowTerms terms, byte[] counterpart, EcKey key)
      throws EnergyException {
    try {
      return TransactionSigner.signMultisig(TransactionSigner.withMultisigSignature(tx, 0, terms.redeemScript(),
          counterpart), 0, terms.redeemScript(), key);
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "cannot complete the escrow spend", e);
    }
  }
}
