package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.WifKey;
import org.priwatt.script.MultisigScript;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt tx sign}: bitcoind's {@code signrawtransactionwithkey} on {@link
 * TransactionSigner}. It signs only what it can check: an input is signed only if its prevout's
 * scriptPubKey and amount are given, and when every input's prevout is known a transaction whose
 * outputs exceed its inputs is refused before any signature is made. Every input it reports
 * complete has been verified against the scriptPubKey with the standard flags.
 */
@Command(name = "sign",
    description = {"Sign a raw transaction's inputs with private keys, as bitcoind's signrawtransactionwithkey does.",
        "Signs P2PKH and P2SH-multisig inputs and prints {hex, complete, errors}. Each prevout needs txid, vout,",
        "scriptPubKey (hex) and amount (coins), plus redeemScript (hex) for P2SH; inputs without one are",
        "left unsigned and listed in errors. A multisig input keeps the signatures it already holds."},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt tx sign 0100000001...00000000 --key <WIF> --prevouts '[{\"txid\":\"ab..\",\"vout\":0,"
        + "\"scriptPubKey\":\"76a9..88ac\",\"amount\":0.5}]'",
        "  priwatt tx sign $(cat tx.hex) --keys-file keys.txt --prevouts @prevouts.json"})
final class TxSignCommand extends CliCommand {
  @Parameters(paramLabel = "<hex>", description = "The serialized transaction.")
  String hex;

  @Option(names = "--key", paramLabel = "<wif>", description = "A private key to sign with (repeatable). Visible to "
      + "other local users in the process list: prefer --keys-file.")
  List<String> keys = new ArrayList<>();

  @Option(names = "--keys-file", paramLabel = "<file>", description = "A file with one WIF private key per line.")
  Path keysFile;

  @Option(names = "--prevouts", paramLabel = "<json|@file>", required = true,
      description = "The outputs the inputs spend: a JSON array, or @ and a file holding it.")
  String prevoutsText;

  /** What an input spends, as the user declared it. */
  private record Prevout(OutPoint outPoint, Script scriptPubKey, Amount amount, Optional<Script> redeemScript) {}

  @Override
  int run() throws Exception {
    Transaction tx = Transaction.parseHex(hex.strip());
    Map<OutPoint, Prevout> prevouts = prevouts(tx);
    List<EcKey> signers = signers();
    try {
      checkValueBalance(tx, prevouts);
      ArrayNode errors = TxJson.MAPPER.createArrayNode();
      for (int i = 0; i < tx.inputs().size(); i++) {
        Prevout p = prevouts.get(tx.input(i).outPoint());
        if (p == null) {
          errors.add(error(tx.input(i), "no prevout given: its scriptPubKey and amount are needed to sign this input"));
          continue;
        }
        Optional<String> problem = Optional.empty();
        switch (ScriptTemplates.classify(p.scriptPubKey())) {
          case P2PKH -> tx = signP2pkh(tx, i, p, signers);
          case P2SH -> {
            problem = redeemProblem(p);
            if (problem.isEmpty()) {
              tx = signMultisig(tx, i, p.redeemScript().orElseThrow(), signers);
            }
          }
          default -> problem = Optional.of("cannot sign a " + TxJson.typeName(ScriptTemplates.classify(p.scriptPubKey()))
              + " scriptPubKey");
        }
        ScriptError verified = ConsensusApi.verifyInput(tx, i, p.scriptPubKey(), ConsensusApi.STANDARD_FLAGS);
        if (problem.isEmpty() && verified != ScriptError.OK) {
          problem = Optional.of("not complete: " + verified + " (a key missing?)");
        }
        final Transaction current = tx;
        final int index = i;
        problem.ifPresent(m -> errors.add(error(current.input(index), m)));
      }
      ObjectNode result = TxJson.MAPPER.createObjectNode();
      result.put("hex", tx.toHex());
      result.put("complete", errors.isEmpty());
      if (!errors.isEmpty()) {
        result.set("errors", errors);
      }
      out().println(TxJson.write(result));
      return Main.OK;
    } finally {
      signers.forEach(EcKey::destroy);
    }
  }

  private static Transaction signP2pkh(Transaction tx, int i, Prevout p, List<EcKey> signers) throws Exception {
    byte[] hash = ScriptTemplates.p2pkhHash(p.scriptPubKey()).orElseThrow();
    for (EcKey key : signers) {
      if (Arrays.equals(key.publicKey().hash160(), hash)) {
        return TransactionSigner.signP2pkh(tx, i, p.scriptPubKey(), key);
      }
    }
    return tx;
  }

  private static Transaction signMultisig(Transaction tx, int i, Script redeem, List<EcKey> signers) throws Exception {
    MultisigScript ms = ScriptTemplates.parseMultisig(redeem).orElseThrow();
    Transaction t = tx;
    for (EcKey key : signers) {
      if (TransactionSigner.isMultisigComplete(t, i, redeem)) {
        break;
      }
      if (ms.indexOf(key.publicKey().encoded()) >= 0) {
        t = TransactionSigner.signMultisig(t, i, redeem, key);
      }
    }
    return t;
  }

  private static Optional<String> redeemProblem(Prevout p) {
    if (p.redeemScript().isEmpty()) {
      return Optional.of("a P2SH prevout needs its redeemScript");
    }
    Script redeem = p.redeemScript().get();
    if (!ScriptTemplates.p2shOf(redeem).equals(p.scriptPubKey())) {
      return Optional.of("the redeemScript does not hash to the prevout's scriptPubKey");
    }
    if (ScriptTemplates.parseMultisig(redeem).isEmpty()) {
      return Optional.of("cannot sign a P2SH input whose redeemScript is not m-of-n multisig");
    }
    return Optional.empty();
  }

  /** Refuses, before signing, outputs worth more than the inputs when every input's value is known. */
  private static void checkValueBalance(Transaction tx, Map<OutPoint, Prevout> prevouts) throws CliException {
    long in = 0;
    for (TxInput input : tx.inputs()) {
      Prevout p = prevouts.get(input.outPoint());
      if (p == null) {
        return;
      }
      in = Math.addExact(in, p.amount().sat());
    }
    long out = 0;
    for (TxOutput output : tx.outputs()) {
      out = Math.addExact(out, output.value());
    }
    if (out > in) {
      throw new CliException(CliError.OUTPUTS_EXCEED_INPUTS, "the outputs pay " + TxJson.coins(Amount.ofSat(out))
          + " but the inputs bring " + TxJson.coins(Amount.ofSat(in)) + "; nothing was signed");
    }
  }

  private static ObjectNode error(TxInput in, String message) {
    ObjectNode e = TxJson.MAPPER.createObjectNode();
    e.put("txid", in.outPoint().txId().toHex());
    e.put("vout", in.outPoint().index());
    e.put("scriptSig", in.scriptSig().toHex());
    e.put("sequence", in.sequence());
    e.put("error", message);
    return e;
  }

  private List<EcKey> signers() throws CryptoException, CliException {
    List<String> wifs = new ArrayList<>(keys);
    if (keysFile != null) {
      try {
        Files.readAllLines(keysFile, StandardCharsets.US_ASCII).stream().map(String::strip).filter(l -> !l.isEmpty())
            .forEach(wifs::add);
      } catch (IOException e) {
        throw new CliException(CliError.IO, "cannot read " + keysFile + ": " + e.getMessage(), e);
      }
    }
    if (wifs.isEmpty()) {
      throw usage("no key to sign with: give --key or --keys-file");
    }
    List<EcKey> out = new ArrayList<>();
    for (String w : wifs) {
      WifKey wif = WifKey.parseAny(w);
      try {
        out.add(wif.toEcKey());
      } finally {
        wif.destroy();
      }
    }
    return out;
  }

  private Map<OutPoint, Prevout> prevouts(Transaction tx) throws CliException {
    String text = prevoutsText;
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(CliError.IO, "cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    JsonNode root;
    try {
      root = TxJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw usage("--prevouts: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isArray()) {
      throw usage("--prevouts: expected a JSON array of {txid, vout, scriptPubKey, amount[, redeemScript]}");
    }
    Map<OutPoint, Prevout> byOutPoint = new LinkedHashMap<>();
    for (int n = 0; n < root.size(); n++) {
      Prevout p = prevout(root.get(n), n);
      if (byOutPoint.put(p.outPoint(), p) != null) {
        throw usage("--prevouts[" + n + "]: " + p.outPoint() + " is listed twice");
      }
      if (tx.inputs().stream().noneMatch(in -> in.outPoint().equals(p.outPoint()))) {
        throw usage("--prevouts[" + n + "]: the transaction does not spend " + p.outPoint());
      }
    }
    return byOutPoint;
  }

  private Prevout prevout(JsonNode e, int n) {
    String where = "--prevouts[" + n + "]: ";
    if (!e.isObject()) {
      throw usage(where + "expected an object");
    }
    for (String field : List.of("txid", "vout", "scriptPubKey", "amount")) {
      if (!e.hasNonNull(field)) {
        throw usage(where + "'" + field + "' is required: an input is signed only when what it spends is known");
      }
    }
    try {
      TxId txId = TxId.fromHex(e.get("txid").asText());
      JsonNode vout = e.get("vout");
      if (!vout.canConvertToLong() || vout.asLong() < 0 || vout.asLong() > OutPoint.NULL_INDEX) {
        throw usage(where + "'vout' must be an output index");
      }
      Script spk = hexScript(e.get("scriptPubKey"), where + "'scriptPubKey'");
      Optional<Script> redeem = e.hasNonNull("redeemScript")
          ? Optional.of(hexScript(e.get("redeemScript"), where + "'redeemScript'")) : Optional.empty();
      return new Prevout(OutPoint.of(txId, vout.asLong()), spk, amount(e.get("amount"), where), redeem);
    } catch (IllegalArgumentException ex) {
      throw usage(where + ex.getMessage());
    }
  }

  private Script hexScript(JsonNode node, String what) {
    String hexText = node.asText();
    if (!node.isTextual() || !(hexText.isEmpty() || Converters.isHex(hexText))) {
      throw usage(what + " must be a hex string");
    }
    return Script.fromHex(hexText);
  }

  private Amount amount(JsonNode node, String where) {
    if (!node.isNumber()) {
      throw usage(where + "'amount' must be a number of coins, e.g. 0.5");
    }
    BigDecimal coins = node.decimalValue();
    try {
      long sat = coins.movePointRight(TxJson.COIN_DECIMALS).longValueExact();
      if (!Amount.isValid(sat)) {
        throw usage(where + "'amount' " + coins.toPlainString() + " is not a valid amount");
      }
      return Amount.ofSat(sat);
    } catch (ArithmeticException ex) {
      throw usage(where + "'amount' " + coins.toPlainString() + " has more than " + TxJson.COIN_DECIMALS + " decimals");
    }
  }
}
