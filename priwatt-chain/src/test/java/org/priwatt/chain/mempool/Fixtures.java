package org.priwatt.chain.mempool;

import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;
import org.priwatt.script.Opcode;

/** Keys, scripts and signed spends shared by the mempool and mining tests. */
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
    return ScriptBuilder.create().op(Opcode.OP_DUP).op(Opcode.OP_HASH160)
        .data(Hashes.hash160(key.publicKey().encoded())).op(Opcode.OP_EQUALVERIFY)
        .op(Opcode.OP_CHECKSIG).build();
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
}
