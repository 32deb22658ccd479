package org.priwatt.chain.mempool;

import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.mining.Coinbase;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * Keys, scripts, signed spends, in-memory chains and solved blocks shared by the mempool, mining
 * and wallet tests.
 */
public final class Fixtures {
  public static final EcKey ALICE = key(1);
  public static final EcKey BOB = key(2);
  public static final EcKey CAROL = key(3);

  private Fixtures() {}

  public static EcKey key(int seed) {
    byte[] priv = new byte[32];
    priv[0] = 0x42;
    priv[31] = (byte) seed;
    try {
      return EcKey.fromPrivate(priv);
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }

  public static Script p2pkh(EcKey key) {
    return ScriptTemplates.p2pkh(key.publicKey().hash160());
  }

  /**
   * Spends output {@code index} of {@code prev} (paying {@code owner}'s P2PKH) to {@code to},
   * one output per amount.
   */
  public static Transaction spend(Transaction prev, int index, EcKey owner, Script to,
      long... amounts) {
    return sign(Transaction.builder().addInput(OutPoint.of(prev.txId(), index)), to, amounts,
        List.of(prev.output(index)), owner);
  }

  /** Signs every input of {@code b} (all owned by {@code owner}) after adding the outputs. */
  public static Transaction sign(TransactionBuilder b, Script to, long[] amounts,
      List<TxOutput> spent, EcKey owner) {
    for (long a : amounts) {
      b.addOutput(Amount.ofSat(a), to);
    }
    Transaction tx = b.build();
    try {
      for (int i = 0; i < spent.size(); i++) {
        tx = TransactionSigner.signP2pkh(tx, i, spent.get(i).scriptPubKey(), owner);
      }
    } catch (ChainException e) {
      throw new AssertionError(e);
    }
    return tx;
  }

  /** A fresh chain state on {@code params} in a memory store; a failure fails the test. */
  public static ChainState openChain(ChainParameters params) {
    try {
      return ChainState.open(params, MemoryChainStore.create());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A coinbase-only block at {@code height} on {@code parent} paying the subsidy to {@code
   * payTo}, solved by trying nonces (REGTEST difficulty: about two tries).
   */
  public static Block solveOn(Block parent, int height, ChainParameters params, int extraNonce,
      Script payTo) {
    Transaction cb = Coinbase.create(height, extraNonce, params.subsidyAt(height), payTo,
        new byte[0]);
    BlockHeader template = BlockHeader.of(4, parent.hash(), Sha256Hash.ZERO,
        parent.header().time() + 1, parent.header().bits(), 0);
    Block block = Block.assemble(template, List.of(cb));
    for (int nonce = 0; ; nonce++) {
      BlockHeader h = block.header().withNonce(nonce);
      if (h.meetsOwnTarget()) {
        return block.withHeader(h);
      }
    }
  }
}
