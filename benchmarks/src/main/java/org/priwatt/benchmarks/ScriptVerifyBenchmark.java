package org.priwatt.benchmarks;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSignatureChecker;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptInterpreter;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.VerifyFlag;

/**
 * Verification of one signed input, P2PKH and the PriWatt 2-of-3 escrow P2SH, through the SDK
 * (on each secp256k1 backend) and through bitcoinj's {@code Script.correctlySpends} on the same
 * transactions, in the same run. Each SDK call builds the checker for the transaction, as a
 * real verifier does per transaction.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ScriptVerifyBenchmark {
  @Param({"NATIVE", "BOUNCY_CASTLE"})
  public Secp256k1Implementation backend;

  Transaction p2pkhTx;
  Script p2pkhScriptPubKey;
  Transaction escrowTx;
  Script escrowScriptPubKey;
  Set<VerifyFlag> flags;

  org.bitcoinj.core.Transaction bjP2pkhTx;
  org.bitcoinj.script.Script bjP2pkhSpk;
  org.bitcoinj.core.Transaction bjEscrowTx;
  org.bitcoinj.script.Script bjEscrowSpk;
  Set<org.bitcoinj.script.Script.VerifyFlag> bjFlags;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // Fixes this fork's backend before anything uses the curve: JMH runs every parameter value
    // in a JVM of its own (with -f 0 the second value would be refused).
    Secp256k1.select(backend);
    flags = ConsensusApi.STANDARD_FLAGS;
    EcKey alice = EcKey.fromPrivate(Hashes.sha256(new byte[] {1}));
    EcKey bob = EcKey.fromPrivate(Hashes.sha256(new byte[] {2}));
    EcKey dso = EcKey.fromPrivate(Hashes.sha256(new byte[] {3}));

    p2pkhScriptPubKey = ScriptTemplates.p2pkh(alice.publicKey().hash160());
    p2pkhTx = TransactionSigner.signP2pkh(spend(1), 0, p2pkhScriptPubKey, alice);

    Script redeem = EscrowKeys.of(dso.publicKey(), bob.publicKey(), alice.publicKey()).redeemScript();
    escrowScriptPubKey = ScriptTemplates.p2shOf(redeem);
    Transaction half = TransactionSigner.signMultisig(spend(2), 0, redeem, bob);
    escrowTx = TransactionSigner.signMultisig(half, 0, redeem, alice);

    bjP2pkhTx = org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(p2pkhTx.serialize()));
    bjP2pkhSpk = org.bitcoinj.script.Script.parse(p2pkhScriptPubKey.program());
    bjEscrowTx = org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(escrowTx.serialize()));
    bjEscrowSpk = org.bitcoinj.script.Script.parse(escrowScriptPubKey.program());
    bjFlags = EnumSet.of(org.bitcoinj.script.Script.VerifyFlag.P2SH,
        org.bitcoinj.script.Script.VerifyFlag.STRICTENC, org.bitcoinj.script.Script.VerifyFlag.DERSIG,
        org.bitcoinj.script.Script.VerifyFlag.LOW_S, org.bitcoinj.script.Script.VerifyFlag.NULLDUMMY,
        org.bitcoinj.script.Script.VerifyFlag.CHECKLOCKTIMEVERIFY);
    if (p2pkhSdk() != ScriptError.OK || escrowSdk() != ScriptError.OK) {
      throw new IllegalStateException("benchmark inputs do not verify");
    }
    p2pkhBitcoinj();
    escrowBitcoinj();
  }

  private static Transaction spend(int n) {
    return Transaction.builder()
        .addInput(OutPoint.of(TxId.fromBytes(Hashes.sha256(new byte[] {(byte) n})), 0))
        .addOutput(Amount.ofSat(50_000), ScriptTemplates.opReturn(new byte[] {(byte) n}))
        .build();
  }

  @Benchmark
  public ScriptError p2pkhSdk() {
    return ScriptInterpreter.verify(p2pkhTx.input(0).scriptSig(), p2pkhScriptPubKey, flags,
        TransactionSignatureChecker.of(p2pkhTx, 0));
  }

  @Benchmark
  public ScriptError escrowSdk() {
    return ScriptInterpreter.verify(escrowTx.input(0).scriptSig(), escrowScriptPubKey, flags,
        TransactionSignatureChecker.of(escrowTx, 0));
  }

  @Benchmark
  public Object p2pkhBitcoinj() throws Exception {
    bjP2pkhTx.getInput(0).getScriptSig().correctlySpends(bjP2pkhTx, 0, null, null, bjP2pkhSpk, bjFlags);
    return bjP2pkhTx;
  }

  @Benchmark
  public Object escrowBitcoinj() throws Exception {
    bjEscrowTx.getInput(0).getScriptSig().correctlySpends(bjEscrowTx, 0, null, null, bjEscrowSpk, bjFlags);
    return bjEscrowTx;
  }

}
