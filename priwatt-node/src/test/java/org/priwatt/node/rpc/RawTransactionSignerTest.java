package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;
import org.priwatt.node.rpc.RawTransactionSigner.CoinLookup;
import org.priwatt.node.rpc.RawTransactionSigner.Prevout;
import org.priwatt.node.rpc.RawTransactionSigner.Result;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;

/** The one signing routine of signrawtransactionwithkey and {@code priwatt tx sign}, rule by rule. */
class RawTransactionSignerTest {
  private static final int ALL = SignatureHasher.SIGHASH_ALL;
  private final EcKey alice = EcKey.generate();
  private final EcKey bob = EcKey.generate();
  private final EcKey dso = EcKey.generate();
  private final OutPoint coin = OutPoint.of(randomTxId(), 1);
  private final Script toAlice = ScriptTemplates.p2pkhOf(alice.publicKey());

  private static TxId randomTxId() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return TxId.fromBytes(b);
  }

  private Transaction spend(long sat, OutPoint... from) {
    var b = Transaction.builder();
    for (OutPoint op : from) {
      b.addInput(op);
    }
    return b.addOutput(Amount.ofSat(sat), ScriptTemplates.p2pkhOf(bob.publicKey())).build();
  }

  private static String prevtxs(OutPoint op, Script spk, String amountField) {
    return "[{\"txid\":\"" + op.txId().toHex() + "\",\"vout\":" + op.index() + ",\"scriptPubKey\":\"" + spk.toHex()
        + "\"" + amountField + "}]";
  }

  private static RpcError code(ThrowingCall call) {
    try {
      call.run();
    } catch (RpcException e) {
      return e.error();
    }
    throw new AssertionError("no RpcException");
  }

  private static String message(ThrowingCall call) {
    try {
      call.run();
    } catch (RpcException e) {
      return e.getMessage();
    }
    throw new AssertionError("no RpcException");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws RpcException;
  }

  @Test
  void aP2pkhInputGivenWithItsAmountIsSignedAndVerifies() throws Exception {
    Transaction tx = spend(40_000_000, coin);
    List<Prevout> prevouts = RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, toAlice, ",\"amount\":0.5")), tx);
    Result r = RawTransactionSigner.sign(tx, List.of(bob, alice), prevouts, CoinLookup.NONE, ALL);
    assertThat(r.complete()).isTrue();
    assertThat(ConsensusApi.verifyInput(r.transaction(), 0, toAlice, ConsensusApi.STANDARD_FLAGS)).isEqualTo(ScriptError.OK);
    assertThat(r.toJson().fieldNames()).toIterable().containsExactly("hex", "complete");
  }

  @Test
  void aPrevoutWithoutItsAmountIsRefused() {
    Transaction tx = spend(1000, coin);
    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, toAlice, "")), tx)))
        .isEqualTo("Missing amount");
    assertThat(code(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, toAlice, "")), tx)))
        .isEqualTo(RpcError.TYPE_ERROR);
    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, toAlice,
        ",\"amount\":0.123456789")), tx))).isEqualTo("Invalid amount");
  }

  @Test
  void aPrevoutTheTransactionDoesNotSpendOrGivenTwiceIsRefused() throws Exception {
    Transaction tx = spend(1000, coin);
    OutPoint other = OutPoint.of(coin.txId(), 0);
    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(other, toAlice, ",\"amount\":1")), tx)))
        .isEqualTo("Previous output " + coin.txId().toHex() + ":0 is not spent by the transaction");
    String one = prevtxs(coin, toAlice, ",\"amount\":1");
    String twice = one.substring(0, one.length() - 1) + "," + one.substring(1);
    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(twice), tx)))
        .isEqualTo("Previous output " + coin.txId().toHex() + ":1 is given twice");
    Prevout declared = new Prevout(other, toAlice, Amount.ofSat(5000), Optional.empty());
    assertThatThrownBy(() -> RawTransactionSigner.sign(tx, List.of(alice), List.of(declared), CoinLookup.NONE, ALL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPrevoutContradictingAKnownCoinIsRefused() {
    Transaction tx = spend(1000, coin);
    CoinLookup chain = op -> op.equals(coin) ? Optional.of(TxOutput.of(Amount.ofSat(7000), toAlice)) : Optional.empty();
    Prevout wrongAmount = new Prevout(coin, toAlice, Amount.ofSat(9000), Optional.empty());
    assertThat(message(() -> RawTransactionSigner.sign(tx, List.of(alice), List.of(wrongAmount), chain, ALL)))
        .isEqualTo("Previous output amount mismatch: 0.00007000 vs 0.00009000");
    Prevout wrongScript = new Prevout(coin, ScriptTemplates.p2pkhOf(bob.publicKey()), Amount.ofSat(7000), Optional.empty());
    assertThat(code(() -> RawTransactionSigner.sign(tx, List.of(alice), List.of(wrongScript), chain, ALL)))
        .isEqualTo(RpcError.DESERIALIZATION_ERROR);
  }

  @Test
  void outputsAboveTheInputsAreRefusedBeforeAnySignature() {
    Transaction tx = spend(50_000_001, coin);
    Prevout p = new Prevout(coin, toAlice, Amount.ofSat(50_000_000), Optional.empty());
    assertThat(message(() -> RawTransactionSigner.sign(tx, List.of(alice), List.of(p), CoinLookup.NONE, ALL)))
        .isEqualTo("the outputs pay 0.50000001 but the inputs bring 0.50000000; nothing was signed");
  }

  @Test
  void anInputWhoseCoinIsUnknownIsLeftUnsignedAndTheLookupFillsIn() throws Exception {
    OutPoint other = OutPoint.of(randomTxId(), 0);
    Transaction tx = spend(1000, coin, other);
    Prevout p = new Prevout(coin, toAlice, Amount.ofSat(5000), Optional.empty());
    Result offline = RawTransactionSigner.sign(tx, List.of(alice), List.of(p), CoinLookup.NONE, ALL);
    assertThat(offline.complete()).isFalse();
    assertThat(offline.errors()).singleElement().satisfies(e -> {
      assertThat(e.input().outPoint()).isEqualTo(other);
      assertThat(e.error()).isEqualTo("Input not found or already spent");
    });
    assertThat(offline.transaction().input(0).scriptSig().length()).isPositive();
    CoinLookup chain = op -> op.equals(other) ? Optional.of(TxOutput.of(Amount.ofSat(3000), toAlice)) : Optional.empty();
    assertThat(RawTransactionSigner.sign(tx, List.of(alice), List.of(p), chain, ALL).complete()).isTrue();
  }

  @Test
  void escrowIsSignedOnePartyAtATimeAndNeedsItsRedeemScript() throws Exception {
    Script redeem = ScriptTemplates.multisig(2, List.of(alice.publicKey().encoded(), bob.publicKey().encoded(),
        dso.publicKey().encoded()));
    Script spk = ScriptTemplates.p2shOf(redeem);
    Transaction tx = spend(90_000, coin);
    List<Prevout> prevouts = RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, spk,
        ",\"amount\":0.001,\"redeemScript\":\"" + redeem.toHex() + "\"")), tx);
    Result first = RawTransactionSigner.sign(tx, List.of(dso), prevouts, CoinLookup.NONE, ALL);
    assertThat(first.complete()).isFalse();
    Result second = RawTransactionSigner.sign(first.transaction(), List.of(bob), prevouts, CoinLookup.NONE, ALL);
    assertThat(second.complete()).isTrue();
    assertThat(ConsensusApi.verifyInput(second.transaction(), 0, spk, ConsensusApi.STANDARD_FLAGS)).isEqualTo(ScriptError.OK);

    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, spk, ",\"amount\":0.001")), tx)))
        .isEqualTo("Missing redeemScript/witnessScript");
    assertThat(message(() -> RawTransactionSigner.parsePrevouts(RpcJson.parse(prevtxs(coin, spk,
        ",\"amount\":0.001,\"redeemScript\":\"" + toAlice.toHex() + "\"")), tx)))
        .isEqualTo("redeemScript/witnessScript does not match scriptPubKey");
  }

  @Test
  void singleIsNotSignedForAnInputWithoutItsOutput() throws Exception {
    OutPoint second = OutPoint.of(randomTxId(), 0);
    Transaction tx = spend(1000, coin, second);
    List<Prevout> prevouts = List.of(new Prevout(coin, toAlice, Amount.ofSat(5000), Optional.empty()),
        new Prevout(second, toAlice, Amount.ofSat(5000), Optional.empty()));
    Result r = RawTransactionSigner.sign(tx, List.of(alice), prevouts, CoinLookup.NONE, SignatureHasher.SIGHASH_SINGLE);
    assertThat(r.transaction().input(0).scriptSig().length()).isPositive();
    assertThat(r.transaction().input(1).scriptSig().length()).isZero();
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.input().outPoint()).isEqualTo(second));
  }

  @Test
  void keysMustBeOfTheNetwork() throws Exception {
    String mainnet = WifKey.of(alice, NetworkParameters.BITCOIN_MAINNET).toBase58();
    assertThat(message(() -> RawTransactionSigner.parseKeys(List.of(mainnet), NetworkParameters.PRIWATT)))
        .isEqualTo("Invalid private key");
    assertThat(RawTransactionSigner.parseKeys(List.of(mainnet), NetworkParameters.BITCOIN_MAINNET)).hasSize(1);
    assertThat(code(() -> RawTransactionSigner.sighashType("ALL|FOO"))).isEqualTo(RpcError.INVALID_PARAMETER);
  }
}
