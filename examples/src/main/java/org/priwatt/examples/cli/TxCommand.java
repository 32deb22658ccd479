package org.priwatt.examples.cli;

import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.node.rpc.RpcJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code priwatt tx}: read and sign raw transactions as bitcoind's raw transaction calls do. */
@Command(name = "tx",
    description = "Raw transactions: decode one to JSON, sign inputs with private keys.",
    subcommands = {TxCommand.Decode.class, TxSignCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt tx decode 0100000001...00000000",
        "  priwatt tx sign 0100000001...00000000 --key <WIF> --prevouts @prevouts.json"})
final class TxCommand {
  private TxCommand() {}

  /** {@code tx decode}. */
  @Command(name = "decode",
      description = {"Decode a raw transaction to JSON, as bitcoind's decoderawtransaction does (the node's own renderer).",
          "Fields: txid, hash, version, size, vsize, weight, locktime, vin, vout with scriptPubKey asm/desc/hex/address/type."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt tx decode 0100000001...00000000 --network bitcoin-mainnet"})
  static final class Decode extends CliCommand {
    @Parameters(paramLabel = "<hex>", description = "The serialized transaction.")
    String hex;

    @Mixin
    NetworkOption network;

    @Override
    int run() throws ChainException {
      out().println(RpcJson.pretty(ChainJson.transaction(Transaction.parseHex(hex.strip()), network.network)));
      return Main.OK;
    }
  }
}
