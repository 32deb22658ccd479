package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;

/**
 * One increment without the transport: payment n's exact outputs, the client's signature over it,
 * the server's check with every refusal reason in its order, and the completed close and refund
 * verifying under the standard flags (the ledger's judgement of their lock times is the scenario
 * tests').
 */
class PaymentsTest {
  private static final EcKey BOB = EcKey.generate();
  private static final EcKey ALICE = EcKey.generate();
  private static final long D = 1_000;
  private static final ChannelTerms TERMS = new ChannelTerms(ChannelId.random(new java.security.SecureRandom()),
      EntryId.fromBytes(new byte[32]), ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), D), 10,
      Amount.ofSat(10_000), Amount.ofSat(1_000));
  private static final ChannelFunding FUNDING = new ChannelFunding(OutPoint.of(TxId.fromBytes(new byte[32]), 0),
      Amount.ofSat(100_000));

  private static Optional<ChannelError> check(int last, ChannelMessage.Pay pay) {
    return Payments.check(TERMS, FUNDING, last, pay, D - 10, 3);
  }

  @Test
  void paymentNPaysTheServerNIncrementsLessTheFeeAndTheClientTheRest() {
    Transaction p4 = ChannelTransactions.payment(TERMS, FUNDING, 4);
    assertThat(p4.inputs()).hasSize(1);
    assertThat(p4.input(0).outPoint()).isEqualTo(FUNDING.outPoint());
    assertThat(p4.lockTime()).isZero();
    assertThat(p4.output(0).value()).isEqualTo(39_000);
    assertThat(p4.output(0).scriptPubKey()).isEqualTo(ScriptTemplates.p2pkhOf(BOB.publicKey()));
    assertThat(p4.output(1).value()).isEqualTo(60_000);
    assertThat(p4.output(1).scriptPubKey()).isEqualTo(ScriptTemplates.p2pkhOf(ALICE.publicKey()));
    // The last increment leaves the client nothing: one output.
    assertThat(ChannelTransactions.payment(TERMS, FUNDING, 10).outputs()).hasSize(1);
    // A rest below dust goes to the fee rather than into an output that would not relay.
    ChannelFunding over = new ChannelFunding(FUNDING.outPoint(), Amount.ofSat(100_000 + 545));
    assertThat(ChannelTransactions.payment(TERMS, over, 10).outputs()).hasSize(1);
    assertThat(ChannelTransactions.payment(TERMS, new ChannelFunding(FUNDING.outPoint(), Amount.ofSat(100_546)), 10)
        .outputs()).hasSize(2);
    assertThatThrownBy(() -> ChannelTransactions.payment(TERMS, FUNDING, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelTransactions.payment(TERMS, new ChannelFunding(FUNDING.outPoint(),
        Amount.ofSat(99_999)), 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNextPaymentSignedByTheClientIsAccepted() throws Exception {
    for (int n = 1; n <= 10; n++) {
      assertThat(check(n - 1, Payments.sign(TERMS, FUNDING, n, ALICE))).as("payment %d", n).isEmpty();
    }
    // Bob completes the latest with his signature: the close verifies under the standard flags.
    Transaction p = ChannelTransactions.payment(TERMS, FUNDING, 3);
    Transaction close = ChannelTransactions.completePayment(p, TERMS, Payments.sign(TERMS, FUNDING, 3, ALICE)
        .signature(), ChannelTransactions.signature(p, TERMS, BOB));
    assertThat(ConsensusApi.verifyInput(close, 0, TERMS.scriptPubKey(), ConsensusApi.STANDARD_FLAGS))
        .isEqualTo(ScriptError.OK);
    Transaction refund = ChannelTransactions.refund(TERMS, FUNDING);
    assertThat(refund.lockTime()).isEqualTo(D);
    assertThat(refund.input(0).sequence()).isEqualTo(ChannelScript.REFUND_SEQUENCE);
    assertThat(refund.output(0).value()).isEqualTo(99_000);
    Transaction signed = ChannelTransactions.completeRefund(refund, TERMS, ChannelTransactions.signature(refund, TERMS,
        ALICE));
    assertThat(ConsensusApi.verifyInput(signed, 0, TERMS.scriptPubKey(), ConsensusApi.STANDARD_FLAGS))
        .isEqualTo(ScriptError.OK);
    // A refund dated one block earlier than D fails the script (CHECKLOCKTIMEVERIFY), whatever the chain.
    Transaction early = refund.toBuilder().lockTime(D - 1).build();
    assertThatThrownBy(() -> ChannelTransactions.completeRefund(early, TERMS, ChannelTransactions.signature(early,
        TERMS, ALICE))).isInstanceOf(ChannelException.class);
  }

  @Test
  void eachDeviationIsRefusedWithItsReason() {
    ChannelMessage.Pay p5 = Payments.sign(TERMS, FUNDING, 5, ALICE);
    // A payment that lowers the server's amount: number 5, the amount of payment 3, signed as such.
    Transaction lower = ChannelTransactions.payment(TERMS, FUNDING, 3);
    ChannelMessage.Pay lowered = new ChannelMessage.Pay(TERMS.id(), 5, FUNDING.outPoint(), TERMS.serverAmount(3),
        ChannelTransactions.signature(lower, TERMS, ALICE));
    assertThat(check(4, lowered)).contains(ChannelError.AMOUNT_DECREASED);
    // An old payment again.
    assertThat(check(4, Payments.sign(TERMS, FUNDING, 3, ALICE))).contains(ChannelError.PAYMENT_REPEATED);
    assertThat(check(5, p5)).contains(ChannelError.PAYMENT_REPEATED);
    // Signed with another key.
    ChannelMessage.Pay otherKey = new ChannelMessage.Pay(TERMS.id(), 5, FUNDING.outPoint(), TERMS.serverAmount(5),
        sign(ChannelTransactions.payment(TERMS, FUNDING, 5), EcKey.generate()));
    assertThat(check(4, otherKey)).contains(ChannelError.BAD_SIGNATURE);
    // The server's own key in her place is no better.
    assertThat(check(4, new ChannelMessage.Pay(TERMS.id(), 5, FUNDING.outPoint(), TERMS.serverAmount(5),
        sign(ChannelTransactions.payment(TERMS, FUNDING, 5), BOB)))).contains(ChannelError.BAD_SIGNATURE);
    // Spending another output: claimed openly, or hidden behind the right outpoint.
    ChannelFunding elsewhere = new ChannelFunding(OutPoint.of(FUNDING.outPoint().txId(), 1), FUNDING.value());
    ChannelMessage.Pay wrongOut = Payments.sign(TERMS, elsewhere, 5, ALICE);
    assertThat(check(4, wrongOut)).contains(ChannelError.WRONG_OUTPOINT);
    ChannelMessage.Pay hidden = new ChannelMessage.Pay(TERMS.id(), 5, FUNDING.outPoint(), TERMS.serverAmount(5),
        wrongOut.signature());
    assertThat(check(4, hidden)).contains(ChannelError.BAD_SIGNATURE);
    // Skipping, overrunning, another amount, near the deadline.
    assertThat(check(3, p5)).contains(ChannelError.PAYMENT_SKIPPED);
    assertThat(check(10, new ChannelMessage.Pay(TERMS.id(), 11, FUNDING.outPoint(), Amount.ofSat(109_000),
        new byte[71]))).contains(ChannelError.BEYOND_CAPACITY);
    assertThat(check(8, new ChannelMessage.Pay(TERMS.id(), 11, FUNDING.outPoint(), Amount.ofSat(109_000),
        new byte[71]))).as("beyond the channel before skipping").contains(ChannelError.BEYOND_CAPACITY);
    assertThat(check(4, new ChannelMessage.Pay(TERMS.id(), 5, FUNDING.outPoint(), Amount.ofSat(49_001),
        p5.signature()))).contains(ChannelError.WRONG_AMOUNT);
    assertThat(Payments.check(TERMS, FUNDING, 4, p5, D - 3, 3)).contains(ChannelError.TOO_CLOSE_TO_DEADLINE);
    assertThat(Payments.check(TERMS, FUNDING, 4, p5, D - 4, 3)).isEmpty();
  }

  @Test
  void onlyAStandardSighashAllSignatureCounts() {
    Transaction p1 = ChannelTransactions.payment(TERMS, FUNDING, 1);
    byte[] good = ChannelTransactions.signature(p1, TERMS, ALICE);
    assertThat(ChannelTransactions.verifies(p1, TERMS, ALICE.publicKey(), good)).isTrue();
    byte[] none = good.clone();
    none[none.length - 1] = (byte) SignatureHasher.SIGHASH_NONE;
    assertThat(ChannelTransactions.verifies(p1, TERMS, ALICE.publicKey(), none)).isFalse();
    // The same signature with high S verifies under consensus but would not relay: refused.
    EcdsaSignature low = decode(good);
    java.math.BigInteger n = new java.math.BigInteger(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    byte[] high = der(low.r(), n.subtract(low.s()));
    assertThat(ChannelTransactions.verifies(p1, TERMS, ALICE.publicKey(), high)).isFalse();
    for (byte[] hostile : new byte[][] {new byte[0], new byte[73], Arrays.copyOf(good, good.length - 2)}) {
      assertThat(ChannelTransactions.verifies(p1, TERMS, ALICE.publicKey(), hostile)).isFalse();
    }
    assertThatThrownBy(() -> ChannelTransactions.signature(p1, TERMS, EcKey.generate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payments.sign(TERMS, FUNDING, 1, BOB)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void termsArithmetic() {
    assertThat(ChannelTerms.incrementPrice(Amount.ofSat(10_000), EnergyAmount.ofKilowattHours(10), 10))
        .isEqualTo(Amount.ofSat(10_000));
    // 7 kWh in 3 increments at 1,000 sat/kWh: 2,333.33 rounds up.
    assertThat(ChannelTerms.incrementPrice(Amount.ofSat(1_000), EnergyAmount.ofKilowattHours(7), 3))
        .isEqualTo(Amount.ofSat(2_334));
    assertThat(ChannelTerms.defaultIncrements(EnergyAmount.ofKilowattHours(10))).isEqualTo(10);
    assertThat(ChannelTerms.defaultIncrements(EnergyAmount.ofWattHours(400))).isEqualTo(1);
    assertThat(ChannelTerms.defaultIncrements(EnergyAmount.ofKilowattHours(1_000))).isEqualTo(ChannelTerms.MAX_INCREMENTS);
    assertThat(ChannelTerms.defaultIncrements(EnergyAmount.ofMilliwattHours(2))).isEqualTo(1);
    assertThatThrownBy(() -> new ChannelTerms(TERMS.id(), TERMS.entry(), TERMS.script(), 0, Amount.ofSat(1),
        Amount.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChannelTerms(TERMS.id(), TERMS.entry(), TERMS.script(), 2, Amount.ofSat(1_000),
        Amount.ofSat(1_000))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChannelTerms(TERMS.id(), TERMS.entry(), TERMS.script(), 100,
        Amount.ofSat(Amount.MAX_MONEY / 99), Amount.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] sign(Transaction tx, EcKey key) {
    byte[] der = key.sign(SignatureHasher.of(tx).legacyHash(0, TERMS.script().redeemScript(),
        SignatureHasher.SIGHASH_ALL)).encodeDer();
    byte[] sig = Arrays.copyOf(der, der.length + 1);
    sig[der.length] = 1;
    return sig;
  }

  private static EcdsaSignature decode(byte[] sig) {
    try {
      return EcdsaSignature.decodeDer(Arrays.copyOf(sig, sig.length - 1));
    } catch (org.priwatt.crypto.CryptoException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] der(java.math.BigInteger r, java.math.BigInteger s) {
    try {
      byte[] d = EcdsaSignature.of(r, s).encodeDer();
      byte[] out = Arrays.copyOf(d, d.length + 1);
      out[d.length] = 1;
      return out;
    } catch (org.priwatt.crypto.CryptoException e) {
      throw new AssertionError(e);
    }
  }
}
