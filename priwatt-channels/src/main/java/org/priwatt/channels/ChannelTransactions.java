package org.priwatt.channels;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;

/**
 * The transactions that spend a channel's output, each a pure function of the {@link
 * ChannelTerms} and the {@link ChannelFunding}: <em>payment</em> n (the close, when both have
 * signed it) and the client's <em>refund</em>. Everyone builds them the same way, so a party sends
 * only its signature ({@link #signature}), which the receiver checks against its own rebuild
 * ({@link #verifies}) and completes ({@link #completePayment}, {@link #completeRefund}).
 *
 * <p>Payment n: input the funding output (sequence final, nLockTime 0), output 0 pays the server
 * {@code n × p − f} to the P2PKH of his channel key, output 1 the client the funding value less
 * {@code n × p} to the P2PKH of hers; the client's output is left out when it would be dust (below
 * {@link #DUST_LIMIT}), and that remainder goes to the miners as fee: she paid for every increment
 * and what is left is too small to spend. The server's output is never dust: he accepts only terms
 * whose increment price covers the fee and the dust limit. The refund: input the funding output
 * with sequence {@code 0xfffffffe}, nLockTime the refund height D, one output of the funding value
 * less the fee to the client. Stateless.
 */
public final class ChannelTransactions {
  /** Smallest output that relays to a P2PKH (Bitcoin Core's dust limit at the default relay fee). */
  public static final Amount DUST_LIMIT = Amount.ofSat(StandardPolicy.dustThreshold(TxOutput.ofRawValue(1,
      ScriptTemplates.p2pkh(new byte[20])), MempoolPolicy.DEFAULT.dustRelayFee()));
  /**
   * An upper bound of a complete payment's size: version, counts and lock time (10), the input
   * with two signatures, OP_1 and the redeem script (41 + 1 + 2 × 74 + 1 + 1 + 82 + 2), two P2PKH
   * outputs (2 × 34).
   */
  public static final int MAX_PAYMENT_SIZE = 10 + 41 + 1 + 2 * 74 + 1 + 1 + 82 + 2 + 2 * 34;
  /** The fee a payment needs to relay at the default minimum relay fee rate. */
  public static final Amount MIN_FEE = MempoolPolicy.DEFAULT.minRelayFee().amountFor(MAX_PAYMENT_SIZE);

  private ChannelTransactions() {}

  /**
   * Payment {@code n}, unsigned.
   *
   * @throws IllegalArgumentException if {@code n} is outside 1..i or the funding holds less than the capacity
   */
  public static Transaction payment(ChannelTerms terms, ChannelFunding funding, int n) {
    requireFunded(terms, funding);
    Amount server = terms.serverAmount(n);
    long client = funding.value().sat() - terms.spent(n).sat();
    TransactionBuilder b = Transaction.builder().addInput(TxInput.of(funding.outPoint(),
        org.priwatt.script.Script.EMPTY, TxInput.SEQUENCE_FINAL));
    b.addOutput(server, ScriptTemplates.p2pkhOf(terms.script().server()));
    if (client >= DUST_LIMIT.sat()) {
      b.addOutput(Amount.ofSat(client), ScriptTemplates.p2pkhOf(terms.script().client()));
    }
    return b.build();
  }

  /**
   * The client's refund, unsigned: valid from the block at height D on (the ledger accepts it
   * once its tip is at D).
   *
   * @throws IllegalArgumentException if the funding holds less than the capacity
   */
  public static Transaction refund(ChannelTerms terms, ChannelFunding funding) {
    requireFunded(terms, funding);
    return Transaction.builder().lockTime(terms.refundHeight())
        .addInput(TxInput.of(funding.outPoint(), org.priwatt.script.Script.EMPTY,
            org.priwatt.script.ChannelScript.REFUND_SEQUENCE))
        .addOutput(funding.value().minus(terms.fee()), ScriptTemplates.p2pkhOf(terms.script().client())).build();
  }

  /**
   * {@code key}'s SIGHASH_ALL signature (strict DER, low S, hash-type byte appended) of input 0
   * of {@code tx} under the channel's redeem script.
   *
   * @throws IllegalArgumentException if {@code key} is neither the server's nor the client's key
   */
  public static byte[] signature(Transaction tx, ChannelTerms terms, EcKey key) {
    EcPublicKey pub = key.publicKey().withCompression(true);
    if (!pub.equals(terms.script().server()) && !pub.equals(terms.script().client())) {
      throw new IllegalArgumentException("the key is not one of the channel's");
    }
    byte[] der = key.sign(SignatureHasher.of(tx).legacyHash(0, terms.script().redeemScript(),
        SignatureHasher.SIGHASH_ALL)).encodeDer();
    byte[] sig = Arrays.copyOf(der, der.length + 1);
    sig[der.length] = (byte) SignatureHasher.SIGHASH_ALL;
    return sig;
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of input 0 of {@code tx} under the
   * channel, in the form the standard policy relays: SIGHASH_ALL (so it commits to every input
   * and output), strict DER, low S. One verification; never throws on hostile bytes.
   */
  public static boolean verifies(Transaction tx, ChannelTerms terms, EcPublicKey key, byte[] signature) {
    Objects.requireNonNull(signature, "signature");
    int n = signature.length;
    if (n < 9 || n > 73 || signature[n - 1] != SignatureHasher.SIGHASH_ALL
        || !EcdsaSignature.isStrictDer(signature, 0, n - 1)) {
      return false;
    }
    try {
      EcdsaSignature sig = EcdsaSignature.decodeDer(Arrays.copyOf(signature, n - 1));
      return key.verifyLowS(SignatureHasher.of(tx).legacyHash(0, terms.script().redeemScript(),
          SignatureHasher.SIGHASH_ALL), sig);
    } catch (CryptoException e) {
      return false;
    }
  }

  /**
   * {@code payment} with both signatures in its scriptSig, verified against the channel's output
   * under the standard script flags: ready to broadcast.
   *
   * @throws ChannelException {@link ChannelError#BAD_SIGNATURE} if the completed input does not verify
   */
  public static Transaction completePayment(Transaction payment, ChannelTerms terms, byte[] clientSignature,
      byte[] serverSignature) throws ChannelException {
    return verified(payment.toBuilder().setScriptSig(0, terms.script().paymentScriptSig(clientSignature,
        serverSignature)).build(), terms);
  }

  /**
   * {@code refund} with the client's signature, verified like {@link #completePayment} (the lock
   * time is the ledger's to judge).
   *
   * @throws ChannelException {@link ChannelError#BAD_SIGNATURE} if the completed input does not verify
   */
  public static Transaction completeRefund(Transaction refund, ChannelTerms terms, byte[] clientSignature)
      throws ChannelException {
    return verified(refund.toBuilder().setScriptSig(0, terms.script().refundScriptSig(clientSignature)).build(),
        terms);
  }

  private static Transaction verified(Transaction tx, ChannelTerms terms) throws ChannelException {
    ScriptError e = ConsensusApi.verifyInput(tx, 0, terms.scriptPubKey(), ConsensusApi.STANDARD_FLAGS);
    if (e != ScriptError.OK) {
      throw new ChannelException(ChannelError.BAD_SIGNATURE, "the completed channel spend fails: " + e);
    }
    return tx;
  }

  private static void requireFunded(ChannelTerms terms, ChannelFunding funding) {
    Objects.requireNonNull(terms, "terms");
    if (funding.value().compareTo(terms.capacity()) < 0) {
      throw new IllegalArgumentException("funding " + funding.value() + " below the capacity " + terms.capacity());
    }
  }
}
