package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.EcKey;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.VerifyFlag;

/**
 * Signed P2PKH spends through block connection: many inputs verified on the thread pool, a bad
 * signature rejected, and the script-execution cache consulted.
 */
class ScriptVerificationTest {
  private static final int INPUTS = 40;

  private static EcKey key() throws Exception {
    byte[] priv = new byte[32];
    priv[31] = 7;
    return EcKey.fromPrivate(priv);
  }

  /** Confirms a transaction creating {@value #INPUTS} P2PKH outputs; returns it. */
  private static Transaction fund(Harness h, Script p2pkh) throws Exception {
    OutPoint coin = h.coinbaseCoin();
    TransactionBuilder b = Transaction.builder().addInput(TxInput.unsigned(coin));
    long each = (h.value(coin) - 10_000) / INPUTS;
    for (int i = 0; i < INPUTS; i++) {
      b.addOutput(Amount.ofSat(each), p2pkh);
    }
    Transaction tx = b.build();
    assertThat(h.submit(h.block(List.of(tx)))).isEqualTo(BlockAcceptance.CONNECTED);
    return tx;
  }

  private static Transaction signedSpend(Transaction funding, Script p2pkh, EcKey key)
      throws Exception {
    TransactionBuilder b = Transaction.builder();
    long total = 0;
    for (int i = 0; i < INPUTS; i++) {
      b.addInput(TxInput.unsigned(OutPoint.of(funding.txId(), i)));
      total += funding.output(i).value();
    }
    b.addOutput(Amount.ofSat(total - 10_000), ChainFixture.ANYONE);
    Transaction tx = b.build();
    for (int i = 0; i < INPUTS; i++) {
      tx = TransactionSigner.signP2pkh(tx, i, p2pkh, key);
    }
    return tx;
  }

  /** The same spend with input {@code index}'s signature altered (one bit of S). */
  private static Transaction corrupt(Transaction tx, int index) {
    byte[] script = tx.input(index).scriptSig().program();
    int sigLen = script[0];
    script[sigLen - 2] ^= 1;
    return tx.toBuilder().setScriptSig(index, Script.fromBytes(script)).build();
  }

  @Test
  void manySignedInputsVerifyInParallel() throws Exception {
    EcKey key = key();
    Script p2pkh = ScriptTemplates.p2pkh(key.publicKey().hash160());
    try (Harness h = new Harness(ChainParameters.REGTEST)) {
      Transaction funding = fund(h, p2pkh);
      Transaction spend = signedSpend(funding, p2pkh, key);
      Transaction bad = corrupt(spend, 33);
      assertThatThrownBy(() -> h.state.submitBlock(h.block(List.of(bad))))
          .isInstanceOfSatisfying(ChainException.class, e -> {
            assertThat(e.failure()).isEqualTo(BlockError.SCRIPT_VERIFY_FAILED);
            assertThat(e.getMessage()).contains("input 33");
          });
      assertThat(h.submit(h.block(List.of(spend)))).isEqualTo(BlockAcceptance.CONNECTED);
      assertThat(h.state.coin(OutPoint.of(funding.txId(), 0))).isEmpty();
    }
  }

  @Test
  void scriptExecutionCacheIsConsulted() throws Exception {
    EcKey key = key();
    Script p2pkh = ScriptTemplates.p2pkh(key.publicKey().hash160());
    ScriptExecutionCache cache = ScriptExecutionCache.create(10);
    try (Harness h = new Harness(ChainParameters.REGTEST,
        ChainFixture.options().withScriptCache(cache))) {
      Transaction funding = fund(h, p2pkh);
      Transaction bad = corrupt(signedSpend(funding, p2pkh, key), 0);
      // Recorded under fewer flags than the block needs: not trusted.
      cache.add(bad.txId(), java.util.Set.of(VerifyFlag.P2SH));
      assertThatThrownBy(() -> h.state.submitBlock(h.block(List.of(bad))))
          .isInstanceOf(ChainException.class);
      // Recorded under a superset (as the mempool's standard flags are): scripts are skipped,
      // which this deliberately invalid signature makes observable.
      cache.add(bad.txId(), org.priwatt.chain.ConsensusApi.STANDARD_FLAGS);
      assertThat(h.submit(h.block(List.of(bad)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void cacheIsBoundedAndThreadSafe() throws Exception {
    ScriptExecutionCache cache = ScriptExecutionCache.create(50);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int base = t * 1000;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          byte[] id = new byte[32];
          id[0] = (byte) (base + i);
          id[1] = (byte) ((base + i) >> 8);
          org.priwatt.chain.TxId txId = org.priwatt.chain.TxId.fromBytes(id);
          cache.add(txId, java.util.Set.of(VerifyFlag.P2SH));
          cache.contains(txId, java.util.Set.of(VerifyFlag.P2SH));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(50);
    assertThatThrownBy(() -> ScriptExecutionCache.create(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
