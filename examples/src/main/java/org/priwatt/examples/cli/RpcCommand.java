package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.node.rpc.RpcClientArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt rpc}: bitcoin-cli for a PriWatt node (or a bitcoind), so the scripts and habits
 * of Bitcoin users carry over: the same options in the same single-dash form, the same argument
 * conversion (from the server's own method table, {@link RpcClientArgs}), the same output (a
 * string raw, other JSON indented by two, null as nothing) and the same exit status (an RPC
 * error's code made positive). Failures before or around the call (no server, bad credentials,
 * a reply that is not JSON-RPC) are the command line's typed one-line failures, exit 1.
 */
@Command(name = "rpc",
    description = {"Call a node's JSON-RPC server as bitcoin-cli does.",
        "Options go before the command, as -option=value or --option value.",
        "Arguments of number, amount, boolean, array and object parameters are sent",
        "as JSON, the others as strings; with -named each is name=value.",
        "A string result prints as it is, other JSON indented by two, null as nothing.",
        "An RPC error prints 'error code: N' and 'error message:' to stderr and exits",
        "with |N|, which the shell sees modulo 256 (-8 exits 8, -32601 exits 89).",
        "Failing to connect or to authenticate exits 1."},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt rpc getblockcount         cookie of ~/.priwatt/regtest, port 18443",
        "  priwatt rpc -datadir=/tmp/n1 getblockhash 0",
        "  priwatt rpc -rpcuser=alice -stdinrpcpass getblockcount < pw.txt",
        "  priwatt rpc -named getblock blockhash=0f91... verbosity=2",
        "  priwatt rpc -rpcwait -rpcwaittimeout=30 getblockcount   wait for a node",
        "  priwatt rpc help getblock"})
final class RpcCommand extends CliCommand {
  /** Longest line {@code -stdin} and {@code -stdinrpcpass} read, in characters (a large raw transaction fits). */
  static final int MAX_STDIN_LINE = 8 * 1024 * 1024;
  /** Most argument lines {@code -stdin} reads. */
  static final int MAX_STDIN_ARGS = 10_000;

  @Mixin
  RpcConnection connection;

  @Option(names = {"-named", "--named"}, description = "Pass named instead of positional arguments: name=value.")
  boolean named;

  @Option(names = {"-stdin", "--stdin"}, description = "Read extra arguments from standard input, one per line until EOF.")
  boolean stdin;

  @Parameters(paramLabel = "<command> [params]", arity = "0..*",
      description = "The RPC method, then its arguments (name=value with -named).")
  List<String> words = new ArrayList<>();

  /** Where {@code -stdin} and {@code -stdinrpcpass} read; the process's standard input. */
  InputStream input = System.in;

  @Override
  int run() throws Exception {
    connection.check();
    List<String> args = new ArrayList<>(words);
    BufferedReader stdinLines = connection.stdinPassword || stdin
        ? new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)) : null;
    if (connection.stdinPassword) {
      connection.password = readLine(stdinLines).orElseThrow(() -> new CliException(CliError.IO,
          "-stdinrpcpass specified but failed to read from standard input")).toCharArray();
    }
    if (stdin) {
      for (Optional<String> line = readLine(stdinLines); line.isPresent(); line = readLine(stdinLines)) {
        if (args.size() >= MAX_STDIN_ARGS) {
          throw usage("-stdin: more than " + MAX_STDIN_ARGS + " arguments");
        }
        args.add(line.get());
      }
    }
    if (args.isEmpty()) {
      throw usage("too few parameters (need at least command)");
    }
    String method = args.get(0);
    List<String> params = args.subList(1, args.size());
    JsonNode converted = named ? RpcClientArgs.named(method, params) : RpcClientArgs.positional(method, params);
    JsonNode reply = connection.call(method, converted);
    return connection.print(reply, out(), err());
  }

  static Optional<String> readLine(BufferedReader in) throws CliException {
    try {
      StringBuilder line = new StringBuilder();
      int ch;
      while ((ch = in.read()) >= 0 && ch != '\n') {
        if (line.length() >= MAX_STDIN_LINE) {
          throw new CliException(CliError.IO, "a line of standard input is longer than " + MAX_STDIN_LINE
              + " characters");
        }
        line.append((char) ch);
      }
      if (ch < 0 && line.length() == 0) {
        return Optional.empty();
      }
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        line.setLength(end - 1);
      }
      return Optional.of(line.toString());
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot read standard input: " + e.getMessage(), e);
    }
  }
}
