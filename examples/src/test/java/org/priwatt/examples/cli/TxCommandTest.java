package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;

/** {@code priwatt tx decode} in bitcoind's format and {@code tx sign} with its checks. */
class TxCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final NetworkParameters NET = NetworkParameters.PRIWATT;
  private final EcKey alice = EcKey.generate();
  private final EcKey bob = EcKey.generate();
  private final EcKey dso = EcKey.generate();
  private final OutPoint coin = OutPoint.of(randomTxId(), 1);

  @TempDir
  Path dir;

  private static TxId randomTxId() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return TxId.fromBytes(b);
  }

  private static JsonNode json(Cli r) throws IOException {
    assertThat(r.code()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  private Transaction spend(OutPoint from, long sat, Script to) {
    return Transaction.builder().addInput(from).addOutput(Amount.ofSat(sat), to).build();
  }

  private static String wif(EcKey key) {
    return WifKey.of(key, NET).toBase58();
  }

  private static String prevout(OutPoint op, Script spk, String amount, String extra) {
    return "[{\"txid\":\"" + op.txId().toHex() + "\",\"vout\":" + op.index() + ",\"scriptPubKey\":\"" + spk.toHex()
        + "\",\"amount\":" + amount + extra + "}]";
  }

  @Test
  void decodeGivesBitcoindsFields() throws Exception {
    Script toBob = ScriptTemplates.p2pkhOf(bob.publicKey());
    Transaction tx = Transaction.builder().addInput(coin).addOutput(Amount.ofSat(50_000_000), toBob)
        .addOutput(Amount.ofSat(100), ScriptTemplates.opReturn(new byte[] {1, 2, 3})).lockTime(7).build();
    Cli r = Cli.run("tx", "decode", tx.toHex());
    JsonNode j = json(r);
    assertThat(j.fieldNames()).toIterable().containsExactly("txid", "hash", "version", "size", "vsize", "weight",
        "locktime", "vin", "vout");
    assertThat(j.get("txid").asText()).isEqualTo(tx.txId().toHex()).isEqualTo(j.get("hash").asText());
    assertThat(j.get("size").asInt()).isEqualTo(tx.size()).isEqualTo(j.get("vsize").asInt());
    assertThat(j.get("weight").asInt()).isEqualTo(4 * tx.size());
    assertThat(j.get("locktime").asLong()).isEqualTo(7);
    JsonNode in = j.get("vin").get(0);
    assertThat(in.get("txid").asText()).isEqualTo(coin.txId().toHex());
    assertThat(in.get("vout").asInt()).isEqualTo(1);
    assertThat(in.get("scriptSig").get("hex").asText()).isEmpty();
    assertThat(in.get("sequence").asLong()).isEqualTo(0xffffffffL);
    JsonNode out0 = j.get("vout").get(0);
    assertThat(out0.get("n").asInt()).isZero();
    assertThat(out0.get("scriptPubKey").fieldNames()).toIterable().containsExactly("asm", "desc", "hex", "address", "type");
    assertThat(out0.get("scriptPubKey").get("type").asText()).isEqualTo("pubkeyhash");
    assertThat(out0.get("scriptPubKey").get("address").asText()).isEqualTo(Address.p2pkh(bob.publicKey(), NET).toString());
    assertThat(out0.get("scriptPubKey").get("asm").asText()).startsWith("OP_DUP OP_HASH160 ");
    assertThat(j.get("vout").get(1).get("scriptPubKey").get("type").asText()).isEqualTo("nulldata");
    // Amounts are coins with eight decimals, never exponents, laid out as bitcoin-cli prints them.
    assertThat(r.out()).contains("\n      \"value\": 0.50000000,\n").contains("\"value\": 0.00000100,");
  }

  @Test
  void decodeOfGarbageFailsWithTheCodecsCode() {
    Cli r = Cli.run("tx", "decode", "010000");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt tx decode: TRUNCATED");
    assertThat(Cli.run("tx", "decode", "xyz").err()).startsWith("priwatt tx decode: INVALID_HEX");
  }

  @Test
  void signsAP2pkhInputThatThenVerifies() throws Exception {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 40_000_000, ScriptTemplates.p2pkhOf(bob.publicKey()));
    JsonNode j = json(Cli.run("tx", "sign", tx.toHex(), "--key", wif(bob), "--key", wif(alice),
        "--prevouts", prevout(coin, spk, "0.5", "")));
    assertThat(j.get("complete").asBoolean()).isTrue();
    assertThat(j.has("errors")).isFalse();
    Transaction signed = Transaction.parseHex(j.get("hex").asText());
    assertThat(ConsensusApi.verifyInput(signed, 0, spk, ConsensusApi.STANDARD_FLAGS)).isEqualTo(ScriptError.OK);
    assertThat(signed.txId()).isNotEqualTo(tx.txId());
  }

  @Test
  void prevoutsCanComeFromAFileAndKeysFromAKeysFile() throws Exception {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 40_000_000, spk);
    Path prevouts = Files.writeString(dir.resolve("prevouts.json"), prevout(coin, spk, "0.5", ""));
    Path keys = Files.writeString(dir.resolve("keys.txt"), wif(bob) + "\n\n" + wif(alice) + "\n");
    JsonNode j = json(Cli.run("tx", "sign", tx.toHex(), "--keys-file", keys.toString(), "--prevouts", "@" + prevouts));
    assertThat(j.get("complete").asBoolean()).isTrue();
  }

  @Test
  void aWrongKeyLeavesTheInputIncomplete() throws Exception {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 40_000_000, spk);
    JsonNode j = json(Cli.run("tx", "sign", tx.toHex(), "--key", wif(bob), "--prevouts", prevout(coin, spk, "0.5", "")));
    assertThat(j.get("complete").asBoolean()).isFalse();
    assertThat(j.get("hex").asText()).isEqualTo(tx.toHex());
    assertThat(j.get("errors").get(0).get("error").asText())
        .isEqualTo("Unable to sign input, invalid stack size (possibly missing key)");
    assertThat(j.get("errors").get(0).get("txid").asText()).isEqualTo(coin.txId().toHex());
  }

  @Test
  void anInputWithoutPrevoutIsNotSigned() throws Exception {
    OutPoint other = OutPoint.of(randomTxId(), 0);
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = Transaction.builder().addInput(coin).addInput(other).addOutput(Amount.ofSat(1000), spk).build();
    JsonNode j = json(Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts", prevout(coin, spk, "0.5", "")));
    assertThat(j.get("complete").asBoolean()).isFalse();
    Transaction signed = Transaction.parseHex(j.get("hex").asText());
    assertThat(ConsensusApi.verifyInput(signed, 0, spk, ConsensusApi.STANDARD_FLAGS)).isEqualTo(ScriptError.OK);
    assertThat(signed.input(1).scriptSig().length()).isZero();
    assertThat(j.get("errors")).hasSize(1);
    assertThat(j.get("errors").get(0).get("error").asText()).isEqualTo("Input not found or already spent");
  }

  @Test
  void outputsAboveTheInputsAreRefusedBeforeSigning() {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 50_000_001, spk);
    Cli r = Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts", prevout(coin, spk, "0.5", ""));
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt tx sign: INVALID_PARAMETER: the outputs pay 0.50000001 but the inputs bring "
        + "0.50000000; nothing was signed");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void incompletePrevoutsAreUsageErrors() {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 1000, spk);
    String noAmount = "[{\"txid\":\"" + coin.txId().toHex() + "\",\"vout\":1,\"scriptPubKey\":\"" + spk.toHex() + "\"}]";
    Cli r = Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts", noAmount);
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines().get(0)).isEqualTo("priwatt tx sign: --prevouts: Missing amount");
    Cli notSpent = Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts",
        prevout(OutPoint.of(coin.txId(), 0), spk, "0.5", ""));
    assertThat(notSpent.code()).isEqualTo(Main.USAGE);
    assertThat(notSpent.err()).contains("is not spent by the transaction");
    assertThat(Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts", "{").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("tx", "sign", tx.toHex(), "--key", wif(alice), "--prevouts", prevout(coin, spk, "0.123456789", ""))
        .err()).contains("--prevouts: Invalid amount");
    assertThat(Cli.run("tx", "sign", tx.toHex(), "--prevouts", prevout(coin, spk, "0.5", "")).err())
        .contains("no key to sign with");
  }

  @Test
  void escrowIsSignedOnePartyAtATime() throws Exception {
    Script redeem = ScriptTemplates.multisig(2, List.of(alice.publicKey().encoded(), bob.publicKey().encoded(),
        dso.publicKey().encoded()));
    Script spk = ScriptTemplates.p2shOf(redeem);
    Transaction tx = spend(coin, 90_000, ScriptTemplates.p2pkhOf(bob.publicKey()));
    String prevouts = prevout(coin, spk, "0.001", ",\"redeemScript\":\"" + redeem.toHex() + "\"");

    JsonNode first = json(Cli.run("tx", "sign", tx.toHex(), "--key", wif(dso), "--prevouts", prevouts));
    assertThat(first.get("complete").asBoolean()).isFalse();
    JsonNode second = json(Cli.run("tx", "sign", first.get("hex").asText(), "--key", wif(bob), "--prevouts", prevouts));
    assertThat(second.get("complete").asBoolean()).as(second.toString()).isTrue();
    Transaction signed = Transaction.parseHex(second.get("hex").asText());
    assertThat(ConsensusApi.verifyInput(signed, 0, spk, ConsensusApi.STANDARD_FLAGS)).isEqualTo(ScriptError.OK);

    Cli noRedeem = Cli.run("tx", "sign", tx.toHex(), "--key", wif(dso), "--prevouts", prevout(coin, spk, "0.001", ""));
    assertThat(noRedeem.code()).isEqualTo(Main.USAGE);
    assertThat(noRedeem.errLines().get(0)).isEqualTo("priwatt tx sign: --prevouts: Missing redeemScript/witnessScript");
  }

  @Test
  void keysMustBeOfTheNetwork() {
    Script spk = ScriptTemplates.p2pkhOf(alice.publicKey());
    Transaction tx = spend(coin, 40_000_000, spk);
    String testnetKey = WifKey.of(alice, NetworkParameters.BITCOIN_TESTNET).toBase58();
    Cli wrong = Cli.run("tx", "sign", tx.toHex(), "--key", testnetKey, "--prevouts", prevout(coin, spk, "0.5", ""));
    assertThat(wrong.code()).isEqualTo(Main.USAGE);
    assertThat(wrong.errLines().get(0)).isEqualTo("priwatt tx sign: --key/--keys-file: Invalid private key (a WIF key of "
        + "priwatt; see --network)");
    assertThat(wrong.err()).doesNotContain(testnetKey);
    Cli right = Cli.run("tx", "sign", tx.toHex(), "--key", testnetKey, "--network", "bitcoin-testnet",
        "--prevouts", prevout(coin, spk, "0.5", ""));
    assertThat(right.code()).as(right.toString()).isZero();
  }
}
