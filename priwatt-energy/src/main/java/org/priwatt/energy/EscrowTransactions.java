package org.priwatt.energy;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;

/**
 * Builds the transactions of a Case 1 trade: the buyer's escrow funding (Algorithm 1 line 31-32),
 * the release or dispute settlement that spends the escrow (eq. 8), and signs them through the
 * chain module's {@link TransactionSigner}. Stateless.
 */
public final class EscrowTransactions {
  /** Basis points in 100 %. */
  public static final int FULL_SHARE = 10_000;

  private EscrowTransactions() {}

  /**
   * The buyer's payment: spends {@code coins} (P2PKH outputs of {@code payer}) into output 0
   * paying {@code price} to the escrow's P2SH, output 1 the zero-value commitment to {@code
   * entry}, and output 2 the change back to the payer (omitted when zero). Every input is signed.
   *
   * @throws IllegalArgumentException if the coins do not cover price plus fee
   * @throws ChainException if signing fails (a coin is not the payer's)
   */
  public static Transaction funding(List<Payment> coins, EcKey payer, Script redeem, EntryId entry,
      Amount price, Amount fee) throws ChainException {
    long total = 0;
    TransactionBuilder b = Transaction.builder();
    for (Payment c : coins) {
      b.addInput(c.outPoint());
      total = Math.addExact(total, c.output().value());
    }
    long change = total - price.sat() - fee.sat();
    if (change < 0) {
      throw new IllegalArgumentException("coins worth " + total + " sat do not cover " + price + " + " + fee);
    }
    b.addOutput(price, EscrowScripts.p2sh(redeem));
    b.addOutput(Amount.ZERO, EscrowScripts.commitment(entry));
    Script mine = EscrowScripts.p2pkh(payer.publicKey());
    if (change > 0) {
      b.addOutput(Amount.ofSat(change), mine);
    }
    Transaction tx = b.build();
    for (int i = 0; i < coins.size(); i++) {
      tx = TransactionSigner.signP2pkh(tx, i, coins.get(i).output().scriptPubKey(), payer);
    }
    return tx;
  }

  /**
   * An unsigned transaction spending the escrow output {@code escrow} (worth {@code value}) to
   * the buyer and the seller: the buyer gets {@code buyerShareBasisPoints / 10000} of value minus
   * fee, the seller the rest. A zero share produces no output for that party. Used for the
   * plain release (buyer share 0) and for the DSO's dispute decision.
   *
   * @throws IllegalArgumentException if the share is outside 0..10000, the fee exceeds the value,
   *     or the redeem script is not an escrow script
   */
  public static Transaction settlement(OutPoint escrow, Amount value, Script redeem, int buyerShareBasisPoints, Amount fee) {
    if (buyerShareBasisPoints < 0 || buyerShareBasisPoints > FULL_SHARE) {
      throw new IllegalArgumentException("share outside 0..10000: " + buyerShareBasisPoints);
    }
    EscrowScripts.EscrowKeys keys = EscrowScripts.parse(redeem)
        .orElseThrow(() -> new IllegalArgumentException("not an escrow redeem script"));
    long net = value.sat() - fee.sat();
    if (net <= 0) {
      throw new IllegalArgumentException("fee exceeds the escrow value");
    }
    long toBuyer = Math.multiplyExact(net, buyerShareBasisPoints) / FULL_SHARE;
    List<TxOutput> outs = new ArrayList<>();
    if (toBuyer > 0) {
      outs.add(TxOutput.of(Amount.ofSat(toBuyer), EscrowScripts.p2pkh(keys.buyer())));
    }
    if (net - toBuyer > 0) {
      outs.add(TxOutput.of(Amount.ofSat(net - toBuyer), EscrowScripts.p2pkh(keys.seller())));
    }
    TransactionBuilder b = Transaction.builder().addInput(escrow);
    outs.forEach(b::addOutput);
    return b.build();
  }

  /**
   * Adds {@code key}'s signature to input 0 of a settlement, keeping the signatures it has.
   *
   * @throws ChainException if the key is not in the script or an existing signature is invalid
   */
  public static Transaction sign(Transaction settlement, Script redeem, EcKey key) throws ChainException {
    return TransactionSigner.signMultisig(settlement, 0, redeem, key);
  }

  /**
   * Whether input 0 of {@code settlement} already holds two valid signatures.
   *
   * @throws ChainException if the scriptSig is malformed
   */
  public static boolean isComplete(Transaction settlement, Script redeem) throws ChainException {
    return TransactionSigner.isMultisigComplete(settlement, 0, redeem);
  }
}
