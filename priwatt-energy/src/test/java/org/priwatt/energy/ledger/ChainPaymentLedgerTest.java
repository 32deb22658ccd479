package org.priwatt.energy.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The ledger on a real REGTEST chain and mempool: broadcast is mempool acceptance with each
 * refusal mapped to its {@link LedgerRejection}; confirmations, outputs, spenders and payment
 * commitments follow the pool and the best chain, reorganisations included; and a commitment
 * counts as paid only beside a P2SH payment of at least the minimum.
 */
class ChainPaymentLedgerTest {
  private static final Amount FEE = Amount.ofSat(10_000);

  private final EcKey faucet = Samples.key();
  private final Script faucetScript = ScriptTemplates.p2pkhOf(faucet.publicKey());
  private final EcKey alice = Samples.key();
  private final Script aliceScript = ScriptTemplates.p2pkhOf(alice.publicKey());
  private final EcKey bob = Samples.key();
  private final Script bobScript = ScriptTemplates.p2pkhOf(bob.publicKey());

  private ChainState chain;
  private Mempool pool;
  private Miner miner;
  private ChainPaymentLedger ledger;

  @BeforeEach
  void start() throws Exception {
    chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    miner = Miner.create(chain, pool, faucetScript, 1, () -> System.currentTimeMillis() / 1000);
    ledger = ChainPaymentLedger.attach(chain, pool);
    mine(ChainParameters.REGTEST.coinbaseMaturity() + 1);
  }

  @AfterEach
  void stop() {
    ledger.close();
    miner.close();
    chain.close();
  }

  private List<Block> mine(int n) throws Exception {
    return miner.mine(n);
  }

  /** Pays {@code amount} to {@code to} from a mature coinbase and mines it. */
  private Payment fund(Script to, Amount amount) throws Exception {
    Payment coin = ledger.unspent(faucetScript, ChainParameters.REGTEST.coinbaseMaturity()).stream()
        .filter(p -> ledger.transaction(p.outPoint().txId()).orElseThrow().isCoinbase()).findFirst().orElseThrow();
    Transaction tx = TransactionSigner.signP2pkh(Transaction.builder().addInput(coin.outPoint()).addOutput(amount, to)
        .addOutput(Amount.ofSat(coin.output().value() - amount.sat() - FEE.sat()), faucetScript).build(), 0,
        faucetScript, faucet);
    assertThat(ledger.broadcast(tx)).isEmpty();
    mine(1);
    return ledger.output(OutPoint.of(tx.txId(), 0)).orElseThrow();
  }

  private static Transaction pay(Payment coin, EcKey owner, List<org.priwatt.chain.TxOutput> outputs, long fee)
      throws Exception {
    var b = Transaction.builder().addInput(coin.outPoint());
    long left = coin.output().value() - fee;
    for (org.priwatt.chain.TxOutput o : outputs) {
      b.addOutput(o);
      left -= o.value();
    }
    if (left > 0) {
      b.addOutput(Amount.ofSat(left), coin.output().scriptPubKey());
    }
    return TransactionSigner.signP2pkh(b.build(), 0, coin.output().scriptPubKey(), owner);
  }

  private static Transaction pay(Payment coin, EcKey owner, Script to, long amount, long fee) throws Exception {
    return pay(coin, owner, List.of(org.priwatt.chain.TxOutput.of(Amount.ofSat(amount), to)), fee);
  }

  @Test
  void indexesTheMinedChainAndFollowsNewBlocks() throws Exception {
    assertThat(ledger.height()).isEqualTo(101);
    List<Payment> coinbases = ledger.paymentsTo(faucetScript);
    assertThat(coinbases).hasSize(101);
    assertThat(coinbases).extracting(Payment::confirmations).contains(1, 101);
    mine(1);
    assertThat(ledger.paymentsTo(faucetScript)).extracting(Payment::confirmations).contains(1, 2, 102);
    // A ledger attached later finds the same history.
    try (ChainPaymentLedger late = ChainPaymentLedger.attach(chain, pool)) {
      assertThat(late.paymentsTo(faucetScript)).hasSize(102);
      assertThat(late.height()).isEqualTo(102);
    }
  }

  @Test
  void aPaymentMovesFromPoolToChain() throws Exception {
    Payment coin = fund(aliceScript, Amount.ofSat(200_000));
    assertThat(coin.confirmations()).isEqualTo(1);
    Transaction tx = pay(coin, alice, bobScript, 50_000, 1_000);
    assertThat(ledger.broadcast(tx)).isEmpty();
    assertThat(ledger.confirmations(tx.txId())).isZero();
    assertThat(ledger.transaction(tx.txId())).contains(tx);
    assertThat(ledger.paymentsTo(bobScript)).singleElement().satisfies(p -> {
      assertThat(p.confirmations()).isZero();
      assertThat(p.spent()).isFalse();
    });
    assertThat(ledger.output(coin.outPoint())).hasValueSatisfying(p -> assertThat(p.spent()).isTrue());
    mine(1);
    assertThat(ledger.confirmations(tx.txId())).isEqualTo(1);
    mine(1);
    assertThat(ledger.confirmations(tx.txId())).isEqualTo(2);
    assertThat(ledger.unspent(bobScript, 2)).extracting(p -> p.output().value()).containsExactly(50_000L);
    assertThat(ledger.unspent(bobScript, 3)).isEmpty();
    assertThat(ledger.confirmations(TxId.fromBytes(new byte[32]))).isEqualTo(-1);
  }

  @Test
  void outputsAndSpendersAreKnownFromPoolAndChain() throws Exception {
    Payment coin = fund(aliceScript, Amount.ofSat(200_000));
    assertThat(ledger.output(coin.outPoint())).hasValueSatisfying(p -> {
      assertThat(p.output().value()).isEqualTo(200_000);
      assertThat(p.output().scriptPubKey()).isEqualTo(aliceScript);
      assertThat(p.confirmations()).isEqualTo(1);
      assertThat(p.spent()).isFalse();
    });
    assertThat(ledger.spender(coin.outPoint())).isEmpty();
    assertThat(ledger.output(OutPoint.of(coin.outPoint().txId(), 7))).as("no such index").isEmpty();
    assertThat(ledger.output(Samples.outPoint())).as("no such transaction").isEmpty();
    Transaction spend = pay(coin, alice, bobScript, 50_000, 1_000);
    assertThat(ledger.broadcast(spend)).isEmpty();
    assertThat(ledger.spender(coin.outPoint())).as("in the pool").contains(spend.txId());
    mine(1);
    assertThat(ledger.spender(coin.outPoint())).as("in a block").contains(spend.txId());
    assertThat(ledger.output(OutPoint.of(spend.txId(), 1))).hasValueSatisfying(p -> {
      assertThat(p.output().scriptPubKey()).isEqualTo(aliceScript);
      assertThat(p.confirmations()).isEqualTo(1);
    });
  }

  @Test
  void refusalsAreMappedToLedgerRejections() throws Exception {
    Payment coin = fund(aliceScript, Amount.ofSat(200_000));
    Transaction first = pay(coin, alice, bobScript, 50_000, 1_000);
    assertThat(ledger.broadcast(first)).isEmpty();
    assertThat(ledger.broadcast(first)).contains(LedgerRejection.DUPLICATE);
    Transaction rival = pay(coin, alice, bobScript, 60_000, 1_000);
    assertThat(ledger.broadcast(rival)).as("conflict in the pool").contains(LedgerRejection.DOUBLE_SPEND);
    mine(1);
    assertThat(ledger.broadcast(first)).as("confirmed").contains(LedgerRejection.DUPLICATE);
    assertThat(ledger.broadcast(rival)).as("spent on the chain").contains(LedgerRejection.DOUBLE_SPEND);

    Payment other = fund(aliceScript, Amount.ofSat(100_000));
    Payment ghost = new Payment(Samples.outPoint(), other.output(), 1, false);
    assertThat(ledger.broadcast(pay(ghost, alice, bobScript, 1_000, 1_000))).contains(LedgerRejection.MISSING_INPUT);
    Transaction signed = pay(other, alice, bobScript, 50_000, 1_000);
    Transaction altered = Transaction.builder().addInput(signed.input(0)).addOutput(Amount.ofSat(98_000), bobScript)
        .build();
    assertThat(ledger.broadcast(altered)).as("signature over other outputs").contains(LedgerRejection.SCRIPT_FAILED);
    Transaction tooMuch = TransactionSigner.signP2pkh(Transaction.builder().addInput(other.outPoint())
        .addOutput(Amount.ofSat(100_001), bobScript).build(), 0, aliceScript, alice);
    assertThat(ledger.broadcast(tooMuch)).contains(LedgerRejection.INSUFFICIENT_INPUT);
    assertThat(ledger.broadcast(pay(other, alice, bobScript, 100, 1_000))).as("dust").contains(LedgerRejection.POLICY);
    assertThat(ledger.broadcast(pay(other, alice, bobScript, 50_000, 0))).as("no fee").contains(LedgerRejection.POLICY);
    Payment immature = ledger.paymentsTo(faucetScript).stream()
        .filter(p -> p.confirmations() == 1 && ledger.transaction(p.outPoint().txId()).orElseThrow().isCoinbase())
        .findFirst().orElseThrow();
    assertThat(ledger.broadcast(pay(immature, faucet, bobScript, 50_000, 10_000))).as("immature coinbase")
        .contains(LedgerRejection.POLICY);
  }

  @Test
  void aCommitmentCountsOnlyBesideAP2shPaymentOfTheMinimum() throws Exception {
    EscrowTerms terms = new EscrowTerms(Samples.entryId(), Samples.lockId(), Samples.escrow(), Amount.ofSat(50_000),
        Amount.ofSat(1_000));
    EntryId entry = terms.entry();
    Script commitment = terms.commitment().script();
    var op = org.priwatt.chain.TxOutput.of(Amount.ZERO, commitment);
    List<List<org.priwatt.chain.TxOutput>> unpaid = List.of(
        List.of(op),
        List.of(org.priwatt.chain.TxOutput.of(Amount.ofSat(49_999), terms.scriptPubKey()), op),
        List.of(org.priwatt.chain.TxOutput.of(Amount.ofSat(50_000), bobScript), op),
        List.of(org.priwatt.chain.TxOutput.of(Amount.ofSat(50_000), terms.scriptPubKey()),
            org.priwatt.chain.TxOutput.of(Amount.ZERO, new PaymentCommitment(Samples.entryId(), terms.lock()).script())));
    for (List<org.priwatt.chain.TxOutput> outputs : unpaid) {
      assertThat(ledger.broadcast(pay(fund(aliceScript, Amount.ofSat(200_000)), alice, outputs, 1_000))).isEmpty();
    }
    mine(1);
    assertThat(ledger.isCommitmentPaid(entry, 0, Amount.ofSat(50_000))).isFalse();
    assertThat(ledger.isCommitmentPaid(entry, 0, Amount.ofSat(49_999))).as("the short payment is enough for less")
        .isTrue();

    EntryId fresh = Samples.entryId();
    EscrowTerms t = new EscrowTerms(fresh, Samples.lockId(), Samples.escrow(), Amount.ofSat(50_000), Amount.ofSat(1_000));
    Transaction funding = pay(fund(aliceScript, Amount.ofSat(200_000)), alice,
        List.of(org.priwatt.chain.TxOutput.of(t.price(), t.scriptPubKey()),
            org.priwatt.chain.TxOutput.of(Amount.ZERO, t.commitment().script())), 1_000);
    assertThat(ledger.broadcast(funding)).isEmpty();
    assertThat(ledger.isCommitmentPaid(fresh, 0, t.price())).isTrue();
    assertThat(ledger.isCommitmentPaid(fresh, 1, t.price())).isFalse();
    mine(1);
    assertThat(ledger.isCommitmentPaid(fresh, 1, t.price())).isTrue();
    assertThat(ledger.isCommitmentPaid(fresh, 1, t.price().plus(Amount.ofSat(1)))).isFalse();
    assertThat(ledger.isCommitmentPaid(Samples.entryId(), 0, Amount.ofSat(1))).isFalse();
  }

  @Test
  void theEscrowsReleaseIsAcceptedAndSpendsTheEscrow() throws Exception {
    EcKey dso = Samples.key();
    EcKey seller = Samples.key();
    EscrowTerms t = new EscrowTerms(Samples.entryId(), Samples.lockId(),
        org.priwatt.script.EscrowKeys.of(dso.publicKey(), seller.publicKey(), bob.publicKey()), Amount.ofSat(50_000),
        Amount.ofSat(1_000));
    Transaction funding = pay(fund(aliceScript, Amount.ofSat(200_000)), alice,
        List.of(org.priwatt.chain.TxOutput.of(t.price(), t.scriptPubKey()),
            org.priwatt.chain.TxOutput.of(Amount.ZERO, t.commitment().script())), 1_000);
    assertThat(ledger.broadcast(funding)).isEmpty();
    mine(1);
    Payment escrow = ledger.output(OutPoint.of(funding.txId(), 0)).orElseThrow();
    assertThat(EscrowFunding.check(ledger, t, escrow.outPoint(), 1).ok()).isTrue();
    Transaction release = EscrowTransactions.release(t, escrow);
    Transaction complete = EscrowTransactions.complete(release, t, EscrowTransactions.signature(release, t, bob), dso);
    assertThat(ledger.broadcast(complete)).isEmpty();
    assertThat(ledger.paymentsTo(t.scriptPubKey())).singleElement().extracting(Payment::spent).isEqualTo(true);
    assertThat(ledger.spender(escrow.outPoint())).contains(complete.txId());
    assertThat(EscrowFunding.check(ledger, t, escrow.outPoint(), 1).problem()).contains(EscrowFunding.Problem.SPENT);
    assertThat(ledger.unspent(ScriptTemplates.p2pkhOf(seller.publicKey()), 0)).extracting(p -> p.output().value())
        .containsExactly(49_000L);
  }

  @Test
  void aReorganisationMovesConfirmedPaymentsBackToThePool() throws Exception {
    EscrowTerms t = new EscrowTerms(Samples.entryId(), Samples.lockId(), Samples.escrow(), Amount.ofSat(50_000),
        Amount.ofSat(1_000));
    Payment coin = fund(aliceScript, Amount.ofSat(200_000));
    int forkHeight = chain.height();
    Transaction funding = pay(coin, alice, List.of(org.priwatt.chain.TxOutput.of(t.price(), t.scriptPubKey()),
        org.priwatt.chain.TxOutput.of(Amount.ZERO, t.commitment().script())), 1_000);
    assertThat(ledger.broadcast(funding)).isEmpty();
    Block minedFunding = mine(1).get(0);
    assertThat(ledger.isCommitmentPaid(t.entry(), 1, t.price())).isTrue();

    // A rival chain with the same history up to the fork and two empty blocks after it.
    ChainState rival = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool rivalPool = ChainStateBridge.attach(rival, MempoolPolicy.DEFAULT);
    for (int h = 1; h <= forkHeight; h++) {
      rival.submitBlock(chain.block(chain.entryAt(h).orElseThrow().hash()).orElseThrow());
    }
    try (Miner rivalMiner = Miner.create(rival, rivalPool, bobScript, 1, () -> System.currentTimeMillis() / 1000)) {
      for (Block b : rivalMiner.mine(2)) {
        chain.submitBlock(b);
      }
    } finally {
      rival.close();
    }
    assertThat(ledger.height()).isEqualTo(forkHeight + 2);
    assertThat(chain.isOnBestChain(minedFunding.hash())).isFalse();
    // The funding is back in the pool: known, unconfirmed, and not paid at one confirmation.
    assertThat(ledger.confirmations(funding.txId())).isZero();
    assertThat(ledger.output(OutPoint.of(funding.txId(), 0))).hasValueSatisfying(
        p -> assertThat(p.confirmations()).isZero());
    assertThat(ledger.isCommitmentPaid(t.entry(), 1, t.price())).isFalse();
    assertThat(ledger.isCommitmentPaid(t.entry(), 0, t.price())).isTrue();
    // The coinbase of the abandoned block is gone.
    assertThat(ledger.transaction(minedFunding.transactions().get(0).txId())).isEmpty();
    mine(1);
    assertThat(ledger.confirmations(funding.txId())).isEqualTo(1);
    assertThat(ledger.isCommitmentPaid(t.entry(), 1, t.price())).isTrue();
  }
}
