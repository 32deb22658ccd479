package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;

/**
 * The ledger on a real REGTEST chain: broadcast is mempool acceptance with each refusal mapped
 * to its {@link LedgerRejection}, confirmations follow mined blocks, and the index answers
 * payments, spends and commitments like the in-memory ledger.
 */
class ChainPaymentLedgerTest {
  static final Amount FEE = Amount.ofSat(1_000);

  RegtestChain c;
  final EcKey alice = EcKey.generate();
  final Script aliceScript = EscrowScripts.p2pkh(alice.publicKey());
  final EcKey bob = EcKey.generate();
  final Script bobScript = EscrowScripts.p2pkh(bob.publicKey());

  @BeforeEach
  void setUp() throws Exception {
    c = RegtestChain.start();
  }

  @AfterEach
  void tearDown() {
    c.close();
  }

  Transaction pay(Payment coin, EcKey owner, Script to, long amount, long fee) throws Exception {
    long change = coin.output().value() - amount - fee;
    var b = Transaction.builder().addInput(coin.outPoint()).addOutput(Amount.ofSat(amount), to);
    if (change > 0) {
      b.addOutput(Amount.ofSat(change), coin.output().scriptPubKey());
    }
    return TransactionSigner.signP2pkh(b.build(), 0, coin.output().scriptPubKey(), owner);
  }

  @Test
  void indexesTheMinedChainAndFollowsNewBlocks() throws Exception {
    assertThat(c.ledger.height()).isEqualTo(101);
    List<Payment> coinbases = c.ledger.paymentsTo(c.faucetScript);
    assertThat(coinbases).hasSize(101);
    assertThat(coinbases).extracting(Payment::confirmations).contains(1, 101);
    c.mineBlock();
    assertThat(c.ledger.paymentsTo(c.faucetScript)).extracting(Payment::confirmations).contains(1, 2, 102);
    // A ledger attached later finds the same history.
    try (ChainPaymentLedger late = ChainPaymentLedger.attach(c.chain, c.pool)) {
      assertThat(late.paymentsTo(c.faucetScript)).hasSize(102);
      assertThat(late.height()).isEqualTo(102);
    }
  }

  @Test
  void paymentMovesFromPoolToChain() throws Exception {
    Payment coin = c.fund(aliceScript, Amount.ofSat(200_000));
    assertThat(coin.confirmations()).isEqualTo(1);
    Transaction tx = pay(coin, alice, bobScript, 50_000, 1_000);
    assertThat(c.ledger.broadcast(tx)).isEmpty();
    assertThat(c.ledger.confirmations(tx.txId())).isZero();
    assertThat(c.ledger.transaction(tx.txId())).contains(tx);
    assertThat(c.ledger.paymentsTo(bobScript)).singleElement().satisfies(p -> {
      assertThat(p.confirmations()).isZero();
      assertThat(p.spent()).isFalse();
    });
    assertThat(c.ledger.paymentsTo(aliceScript)).filteredOn(p -> p.outPoint().equals(coin.outPoint()))
        .singleElement().extracting(Payment::spent).isEqualTo(true);
    assertThat(c.mineBlock()).isEqualTo(1);
    assertThat(c.ledger.confirmations(tx.txId())).isEqualTo(1);
    c.mineBlock();
    assertThat(c.ledger.confirmations(tx.txId())).isEqualTo(2);
    assertThat(c.ledger.unspent(bobScript, 2)).extracting(p -> p.output().value()).containsExactly(50_000L);
    assertThat(c.ledger.confirmations(TxId.fromBytes(new byte[32]))).isEqualTo(-1);
  }

  @Test
  void refusalsAreMappedToLedgerRejections() throws Exception {
    Payment coin = c.fund(aliceScript, Amount.ofSat(200_000));
    Transaction first = pay(coin, alice, bobScript, 50_000, 1_000);
    assertThat(c.ledger.broadcast(first)).isEmpty();
    assertThat(c.ledger.broadcast(first)).contains(LedgerRejection.DUPLICATE);
    Transaction rival = pay(coin, alice, bobScript, 60_000, 1_000);
    assertThat(c.ledger.broadcast(rival)).as("conflict in the pool").contains(LedgerRejection.DOUBLE_SPEND);
    c.mineBlock();
    assertThat(c.ledger.broadcast(first)).as("confirmed").contains(LedgerRejection.DUPLICATE);
    assertThat(c.ledger.broadcast(rival)).as("spent on the chain").contains(LedgerRejection.DOUBLE_SPEND);

    Payment other = c.fund(aliceScript, Amount.ofSat(100_000));
    Payment ghost = new Payment(OutPoint.of(TxId.fromBytes(new byte[32]), 0), other.output(), 1, false);
    assertThat(c.ledger.broadcast(pay(ghost, alice, bobScript, 1_000, 1_000))).contains(LedgerRejection.MISSING_INPUT);
    Transaction signed = pay(other, alice, bobScript, 50_000, 1_000);
    Transaction altered = Transaction.builder().addInput(signed.input(0))
        .addOutput(Amount.ofSat(98_000), bobScript).build();
    assertThat(c.ledger.broadcast(altered)).as("signature over other outputs").contains(LedgerRejection.SCRIPT_FAILED);
    Transaction tooMuch = TransactionSigner.signP2pkh(Transaction.builder().addInput(other.outPoint())
        .addOutput(Amount.ofSat(100_001), bobScript).build(), 0, aliceScript, alice);
    assertThat(c.ledger.broadcast(tooMuch)).contains(LedgerRejection.INSUFFICIENT_INPUT);
    assertThat(c.ledger.broadcast(pay(other, alice, bobScript, 100, 1_000))).as("dust").contains(LedgerRejection.POLICY);
    assertThat(c.ledger.broadcast(pay(other, alice, bobScript, 50_000, 0))).as("no fee").contains(LedgerRejection.POLICY);
    Payment immature = c.ledger.paymentsTo(c.faucetScript).stream()
        .filter(p -> p.confirmations() == 1 && c.ledger.transaction(p.outPoint().txId()).orElseThrow().isCoinbase()).findFirst().orElseThrow();
    assertThat(c.ledger.broadcast(pay(immature, c.faucet, bobScript, 50_000, 10_000)))
        .as("immature coinbase").contains(LedgerRejection.POLICY);
  }

  @Test
  void commitmentIsPaidOnceConfirmed() throws Exception {
    Payment coin = c.fund(aliceScript, Amount.ofSat(200_000));
    EcKey dso = EcKey.generate();
    Script redeem = EscrowScripts.redeemScript(dso.publicKey(), bob.publicKey(), alice.publicKey());
    EntryId entry = EntryId.fromBytes(new byte[EntryId.LENGTH]);
    Transaction funding = EscrowTransactions.funding(List.of(coin), alice, redeem, entry, Amount.ofSat(50_000), FEE);
    assertThat(c.ledger.broadcast(funding)).isEmpty();
    assertThat(c.ledger.isCommitmentPaid(entry, 0)).isTrue();
    assertThat(c.ledger.isCommitmentPaid(entry, 1)).isFalse();
    c.mineBlock();
    assertThat(c.ledger.isCommitmentPaid(entry, 1)).isTrue();
    assertThat(c.ledger.confirmedPayment(EscrowScripts.p2sh(redeem), Amount.ofSat(50_000), 1)).isPresent();

    // The 2-of-3 release (buyer and seller sign) is accepted and spends the escrow.
    Transaction release = EscrowTransactions.settlement(OutPoint.of(funding.txId(), 0), Amount.ofSat(50_000), redeem, 0, FEE);
    release = EscrowTransactions.sign(EscrowTransactions.sign(release, redeem, alice), redeem, bob);
    assertThat(c.ledger.broadcast(release)).isEmpty();
    assertThat(c.ledger.paymentsTo(EscrowScripts.p2sh(redeem))).singleElement().extracting(Payment::spent).isEqualTo(true);
  }
}
