package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * PriWatt's 2-of-3 escrow (DSO, Bob, Alice) spent through P2SH: every pair of signers works,
 * anything less or different fails, and the dispute path (DSO first) completes.
 */
class EscrowSigningTest {
  static final EcKey DSO = key(1);
  static final EcKey BOB = key(2);
  static final EcKey ALICE = key(3);
  static final EcKey MALLORY = key(4);
  static final Script REDEEM = ScriptTemplates.multisig(2, List.of(
      DSO.publicKey().encoded(), BOB.publicKey().encoded(), ALICE.publicKey().encoded()));
  static final Script ESCROW = ScriptTemplates.p2shOf(REDEEM);

  static EcKey key(int seed) {
    byte[] priv = new byte[32];
    priv[31] = (byte) seed;
    priv[0] = 0x11;
    try {
      return EcKey.fromPrivate(priv);
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }

  /** The funding transaction paying 100k sat into the escrow. */
  static final Transaction FUNDING = Transaction.builder()
      .addInput(OutPoint.of(TxId.fromBytes(new byte[32]), 7))
      .addOutput(Amount.ofSat(100_000), ESCROW).build();

  static Transaction spend(EcKey... payees) {
    TransactionBuilder b = Transaction.builder().addInput(OutPoint.of(FUNDING.txId(), 0));
    long share = 99_000 / payees.length;
    for (EcKey p : payees) {
      b.addOutput(Amount.ofSat(share), ScriptTemplates.p2pkh(p.publicKey().hash160()));
    }
    return b.build();
  }

  static boolean verifies(Transaction tx, Script scriptPubKey) {
    return ScriptVerification.verifies(tx, 0, scriptPubKey);
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(DSO, BOB), Arguments.of(BOB, DSO), Arguments.of(DSO, ALICE),
        Arguments.of(ALICE, DSO), Arguments.of(BOB, ALICE), Arguments.of(ALICE, BOB));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void everyPairOfSignersSpends(EcKey first, EcKey second) throws ChainException {
    Transaction partial = TransactionSigner.signMultisig(spend(BOB), 0, REDEEM, first);
    assertThat(TransactionSigner.isMultisigComplete(partial, 0, REDEEM)).isFalse();
    assertThat(verifies(partial, ESCROW)).isFalse();
    // the partial transaction travels as bytes to the second signer
    Transaction received = Transaction.parse(partial.serialize());
    Transaction done = TransactionSigner.signMultisig(received, 0, REDEEM, second);
    assertThat(TransactionSigner.multisigSignatureCount(done, 0, REDEEM)).isEqualTo(2);
    assertThat(verifies(done, ESCROW)).isTrue();
  }

  @Test
  void disputePathDsoSignsSplitFirstThenOnePartyCompletes() throws ChainException {
    Transaction split = spend(ALICE, BOB);
    Transaction dsoSigned = TransactionSigner.signMultisig(split, 0, REDEEM, DSO);
    assertThat(TransactionSigner.multisigSignatureCount(dsoSigned, 0, REDEEM)).isOne();
    Transaction byAlice = TransactionSigner.signMultisig(
        Transaction.parseHex(dsoSigned.toHex()), 0, REDEEM, ALICE);
    Transaction byBob = TransactionSigner.signMultisig(dsoSigned, 0, REDEEM, BOB);
    assertThat(verifies(byAlice, ESCROW)).isTrue();
    assertThat(verifies(byBob, ESCROW)).isTrue();
    assertThat(byAlice.outputs()).isEqualTo(split.outputs());
    assertThat(TransactionChecks.check(byAlice)).isEmpty();
  }

  @Test
  void signingTwiceWithTheSameKeyDoesNotComplete() throws ChainException {
    Transaction once = TransactionSigner.signMultisig(spend(BOB), 0, REDEEM, BOB);
    Transaction twice = TransactionSigner.signMultisig(once, 0, REDEEM, BOB);
    assertThat(TransactionSigner.multisigSignatureCount(twice, 0, REDEEM)).isOne();
    assertThat(verifies(twice, ESCROW)).isFalse();
  }

  @Test
  void foreignKeyCannotSign() {
    assertThatThrownBy(() -> TransactionSigner.signMultisig(spend(BOB), 0, REDEEM, MALLORY))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.KEY_NOT_IN_SCRIPT));
  }

  /** Builds OP_0 sigs... redeem by hand, bypassing the signer's checks. */
  static Transaction withSignatures(Transaction tx, Script redeem, EcKey... signers) {
    SignatureHasher hasher = SignatureHasher.of(tx);
    List<byte[]> sigs = new ArrayList<>();
    for (EcKey k : signers) {
      byte[] der = k.sign(hasher.legacyHash(0, redeem, 1)).encodeDer();
      byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
      sig[der.length] = 1;
      sigs.add(sig);
    }
    return tx.toBuilder()
        .setScriptSig(0, ScriptTemplates.p2shMultisigScriptSig(sigs, redeem)).build();
  }

  @Test
  void handBuiltSpendsFailUnlessCorrect() throws ChainException {
    Transaction tx = spend(ALICE);
    assertThat(verifies(withSignatures(tx, REDEEM, DSO, ALICE), ESCROW)).isTrue();
    assertThat(verifies(withSignatures(tx, REDEEM, ALICE, DSO), ESCROW))
        .as("wrong order").isFalse();
    assertThat(verifies(withSignatures(tx, REDEEM, DSO, MALLORY), ESCROW))
        .as("foreign signature").isFalse();
    assertThat(verifies(withSignatures(tx, REDEEM, BOB), ESCROW)).as("one signature").isFalse();
    Script otherRedeem = ScriptTemplates.multisig(2, List.of(
        DSO.publicKey().encoded(), BOB.publicKey().encoded(), MALLORY.publicKey().encoded()));
    assertThat(verifies(withSignatures(tx, otherRedeem, DSO, BOB), ESCROW))
        .as("redeem script not matching the P2SH hash").isFalse();
    // signatures over a different transaction do not carry over
    Transaction other = withSignatures(spend(BOB), REDEEM, DSO, BOB);
    Transaction grafted = tx.toBuilder().setScriptSig(0, other.input(0).scriptSig()).build();
    assertThat(verifies(grafted, ESCROW)).isFalse();
  }

  @Test
  void signerRejectsForeignSignatureInPartial() {
    Transaction tampered = withSignatures(spend(BOB), REDEEM, MALLORY);
    assertThatThrownBy(() -> TransactionSigner.signMultisig(tampered, 0, REDEEM, BOB))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.INVALID_EXISTING_SIGNATURE));
    Transaction garbage = spend(BOB).toBuilder().setScriptSig(0, Script.fromBytes(new byte[] {0x51}))
        .build();
    assertThatThrownBy(() -> TransactionSigner.signMultisig(garbage, 0, REDEEM, BOB))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.MALFORMED_SCRIPT_SIG));
    assertThatThrownBy(() -> TransactionSigner.signMultisig(spend(BOB), 0, ESCROW, BOB))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.UNSUPPORTED_SCRIPT));
  }

  @Test
  void p2pkhSpendVerifies() throws ChainException {
    Script p2pkh = ScriptTemplates.p2pkh(ALICE.publicKey().hash160());
    Transaction tx = spend(BOB);
    Transaction signed = TransactionSigner.signP2pkh(tx, 0, p2pkh, ALICE);
    assertThat(verifies(signed, p2pkh)).isTrue();
    assertThat(verifies(signed, ScriptTemplates.p2pkh(BOB.publicKey().hash160()))).isFalse();
    assertThatThrownBy(() -> TransactionSigner.signP2pkh(tx, 0, p2pkh, BOB))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.KEY_NOT_IN_SCRIPT));
    Transaction anyone = TransactionSigner.signP2pkh(tx, 0, p2pkh, ALICE,
        SignatureHasher.SIGHASH_SINGLE | SignatureHasher.SIGHASH_ANYONECANPAY);
    assertThat(verifies(anyone, p2pkh)).isTrue();
  }
}
