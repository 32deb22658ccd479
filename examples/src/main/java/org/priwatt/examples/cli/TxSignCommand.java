package org.priwatt.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.node.rpc.RawTransactionSigner;
import org.priwatt.node.rpc.RawTransactionSigner.CoinLookup;
import org.priwatt.node.rpc.RawTransactionSigner.Prevout;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt tx sign}: bitcoind's {@code signrawtransactionwithkey} offline, on the very
 * routine the node's RPC method runs ({@link RawTransactionSigner}), so both sign a transaction
 * byte for byte the same and refuse the same things. Without a node, only the prevouts given are
 * known: an input without one is left unsigned and reported.
 */
@Command(name = "sign",
    description = {"Sign a raw transaction's inputs with private keys, as bitcoind's signrawtransactionwithkey does,",
        "with the node's own signing routine. Signs P2PKH and P2SH-multisig inputs and prints {hex, complete, errors}.",
        "Each prevout needs txid, vout, scriptPubKey (hex) and amount (coins), plus redeemScript (hex) for P2SH.",
        "An input without a prevout is left unsigned and listed in errors as \"Input not found or already spent\";",
        "outputs above the inputs are refused before any signature. A multisig input keeps the signatures it holds."},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt tx sign 0100000001...00000000 --key <WIF> --prevouts '[{\"txid\":\"ab..\",\"vout\":0,"
        + "\"scriptPubKey\":\"76a9..88ac\",\"amount\":0.5}]'",
        "  priwatt tx sign $(cat tx.hex) --keys-file keys.txt --prevouts @prevouts.json --network regtest"})
final class TxSignCommand extends CliCommand {
  @Parameters(paramLabel = "<hex>", description = "The serialized transaction.")
  String hex;

  @Option(names = "--key", paramLabel = "<wif>", description = "A private key to sign with, in the WIF of --network "
      + "(repeatable). Visible to other local users in the process list: prefer --keys-file.")
  List<String> keys = new ArrayList<>();

  @Option(names = "--keys-file", paramLabel = "<file>", description = "A file with one WIF private key per line.")
  Path keysFile;

  @Option(names = "--prevouts", paramLabel = "<json|@file>", required = true,
      description = "The outputs the inputs spend: a JSON array, or @ and a file holding it.")
  String prevoutsText;

  @Option(names = "--sighash", paramLabel = "<type>", defaultValue = "ALL",
      description = "The signature hash type: ALL, NONE, SINGLE, each optionally |ANYONECANPAY (default: ${DEFAULT-VALUE}).")
  String sighash;

  @Mixin
  NetworkOption network;

  @Override
  int run() throws Exception {
    Transaction tx = Transaction.parseHex(hex.strip());
    List<Prevout> prevouts = prevouts(tx);
    int hashType;
    try {
      hashType = RawTransactionSigner.sighashType(sighash);
    } catch (RpcException e) {
      throw usage("--sighash: " + e.getMessage());
    }
    List<EcKey> signers = signers();
    try {
      // A refusal here (outputs above the inputs) is a failure of the signing (exit 1), typed.
      RawTransactionSigner.Result result = RawTransactionSigner.sign(tx, signers, prevouts, CoinLookup.NONE, hashType);
      out().println(RpcJson.pretty(result.toJson()));
      return Main.OK;
    } finally {
      signers.forEach(EcKey::destroy);
    }
  }

  private List<EcKey> signers() throws CliException {
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
    try {
      return RawTransactionSigner.parseKeys(wifs, network.network);
    } catch (RpcException e) {
      throw usage("--key/--keys-file: " + e.getMessage() + " (a WIF key of " + network.network.id() + "; see --network)");
    }
  }

  private List<Prevout> prevouts(Transaction tx) throws CliException {
    String text = prevoutsText;
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(CliError.IO, "cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    try {
      return RawTransactionSigner.parsePrevouts(RpcJson.parse(text), tx);
    } catch (RpcException e) {
      // The RPC's own check and message: the prevouts are part of the command line (exit 2).
      throw usage("--prevouts: " + e.getMessage());
    }
  }
}
