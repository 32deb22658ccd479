package org.priwatt.energy;

import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;

/**
 * Test fixture: a REGTEST chain in memory with its mempool, a one-thread miner paying a faucet
 * key, and a {@link ChainPaymentLedger} over both. {@link #start()} mines 101 blocks so the
 * first coinbase is mature; {@link #fund} pays from the faucet and confirms the payment.
 */
final class RegtestChain implements TestLedger {
  static final Amount FAUCET_FEE = Amount.ofSat(10_000);

  final EcKey faucet = EcKey.generate();
  final Script faucetScript = EscrowScripts.p2pkh(faucet.publicKey());
  final ChainState chain;
  final Mempool pool;
  final Miner miner;
  final ChainPaymentLedger ledger;

  private RegtestChain() throws Exception {
    chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    miner = Miner.create(chain, pool, faucetScript, 1, () -> System.currentTimeMillis() / 1000);
    ledger = ChainPaymentLedger.attach(chain, pool);
  }

  static RegtestChain start() throws Exception {
    RegtestChain c = new RegtestChain();
    c.miner.mine(ChainParameters.REGTEST.coinbaseMaturity() + 1);
    return c;
  }

  @Override
  public ChainPaymentLedger ledger() {
    return ledger;
  }

  /** Mines one block; returns how many transactions besides the coinbase it confirmed. */
  @Override
  public int mineBlock() throws Exception {
    return miner.mineBlock().orElseThrow().transactions().size() - 1;
  }

  /** Pays {@code amount} to {@code to} from a mature faucet coin, confirms it, returns the output. */
  @Override
  public Payment fund(Script to, Amount amount) throws Exception {
    int tip = ledger.height();
    Payment coin = ledger.unspent(faucetScript, ChainParameters.REGTEST.coinbaseMaturity()).stream()
        .filter(p -> p.confirmations() <= tip).findFirst().orElseThrow();
    long change = coin.output().value() - amount.sat() - FAUCET_FEE.sat();
    Transaction unsigned = Transaction.builder().addInput(coin.outPoint()).addOutput(amount, to)
        .addOutput(Amount.ofSat(change), faucetScript).build();
    Transaction tx = TransactionSigner.signP2pkh(unsigned, 0, faucetScript, faucet);
    if (ledger.broadcast(tx).isPresent()) {
      throw new AssertionError("faucet payment refused: " + ledger.broadcast(tx));
    }
    mineBlock();
    return ledger.paymentsTo(to).stream().filter(p -> p.outPoint().equals(OutPoint.of(tx.txId(), 0)))
        .findFirst().orElseThrow();
  }

  List<Payment> unspent(Script script) {
    return ledger.unspent(script, 1);
  }

  @Override
  public void close() {
    miner.close();
    ledger.close();
    chain.close();
  }
}
