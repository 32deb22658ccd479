package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.node.rpc.RpcClientArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcJson;
import org.priwatt.node.rpc.RpcServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

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
  /** How long {@code -rpcwait} waits between attempts, as bitcoin-cli. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
  /** bitcoin-cli's {@code DEFAULT_HTTP_CLIENT_TIMEOUT}, seconds. */
  static final int DEFAULT_CLIENT_TIMEOUT = 900;
  /** Longest line {@code -stdin} and {@code -stdinrpcpass} read, in characters (a large raw transaction fits). */
  static final int MAX_STDIN_LINE = 8 * 1024 * 1024;
  /** Most argument lines {@code -stdin} reads. */
  static final int MAX_STDIN_ARGS = 10_000;
  private static final int MAX_COOKIE_BYTES = 1024;

  @Option(names = {"-rpcconnect", "--rpcconnect"}, paramLabel = "<ip>", defaultValue = "127.0.0.1",
      description = "Send commands to the node at <ip>, <ip>:<port> or [<ipv6>]:<port> (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = {"-rpcport", "--rpcport"}, paramLabel = "<port>",
      description = "Connect to JSON-RPC on <port> (default: the chain's, P2P port minus one: 18443 regtest, 18732 priwatt).")
  Integer port;

  @Option(names = {"-chain", "--chain"}, paramLabel = "<chain>", defaultValue = "regtest", converter = ChainName.class,
      description = "The node's chain, for the default port and data directory: regtest or priwatt (default: ${DEFAULT-VALUE}).")
  ChainParameters chain;

  @Option(names = {"-regtest", "--regtest"}, description = "Same as -chain=regtest.")
  boolean regtest;

  @Option(names = {"-datadir", "--datadir"}, paramLabel = "<dir>",
      description = "The node's data directory, where its .cookie is (default: ~/.priwatt/<chain>, the node's default).")
  Path dataDir;

  @Option(names = {"-rpccookiefile", "--rpccookiefile"}, paramLabel = "<file>",
      description = "The cookie file (default: <datadir>/.cookie); relative to the data directory.")
  Path cookieFile;

  @Option(names = {"-rpcuser", "--rpcuser"}, paramLabel = "<user>", defaultValue = "",
      description = "Username for JSON-RPC connections.")
  String user;

  @Option(names = {"-rpcpassword", "--rpcpassword"}, paramLabel = "<pw>", arity = "1",
      description = "Password for JSON-RPC connections (without one, the cookie is used). Visible to other local users "
          + "in the process list: prefer -stdinrpcpass or the cookie.")
  char[] password;

  @Option(names = {"-stdinrpcpass", "--stdinrpcpass"},
      description = "Read the RPC password from the first line of standard input (before -stdin's arguments).")
  boolean stdinPassword;

  @Option(names = {"-named", "--named"}, description = "Pass named instead of positional arguments: name=value.")
  boolean named;

  @Option(names = {"-stdin", "--stdin"}, description = "Read extra arguments from standard input, one per line until EOF.")
  boolean stdin;

  @Option(names = {"-rpcwait", "--rpcwait"}, description = "Wait for the RPC server to start (and to leave warm-up).")
  boolean rpcWait;

  @Option(names = {"-rpcwaittimeout", "--rpcwaittimeout"}, paramLabel = "<n>", defaultValue = "0",
      description = "Timeout in seconds to wait for the RPC server to start, or 0 for no timeout (default: ${DEFAULT-VALUE}).")
  int rpcWaitTimeout;

  @Option(names = {"-rpcclienttimeout", "--rpcclienttimeout"}, paramLabel = "<n>",
      defaultValue = "" + DEFAULT_CLIENT_TIMEOUT,
      description = "Timeout in seconds during HTTP requests, or 0 for no timeout (default: ${DEFAULT-VALUE}).")
  int clientTimeout;

  @Parameters(paramLabel = "<command> [params]", arity = "0..*",
      description = "The RPC method, then its arguments (name=value with -named).")
  List<String> words = new ArrayList<>();

  /** Where {@code -stdin} and {@code -stdinrpcpass} read; the process's standard input. */
  InputStream input = System.in;

  /** {@code -chain}: the chains a node runs. */
  static final class ChainName implements ITypeConverter<ChainParameters> {
    @Override
    public ChainParameters convert(String id) {
      for (ChainParameters c : List.of(ChainParameters.REGTEST, ChainParameters.PRIWATT)) {
        if (c.id().equals(id)) {
          return c;
        }
      }
      throw new TypeConversionException("unknown chain '" + id + "'; known: regtest, priwatt");
    }
  }

  @Override
  int run() throws Exception {
    if (rpcWaitTimeout < 0 || clientTimeout < 0) {
      throw usage("-rpcwaittimeout and -rpcclienttimeout take a number of seconds, 0 for none");
    }
    List<String> args = new ArrayList<>(words);
    BufferedReader stdinLines = stdinPassword || stdin
        ? new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)) : null;
    if (stdinPassword) {
      password = readLine(stdinLines).orElseThrow(() -> new CliException(CliError.IO,
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
    JsonNode reply = callWaiting(method, converted);
    return print(reply);
  }

  /** bitcoin-cli's loop: with -rpcwait, a connection failure or warm-up is retried until the timeout. */
  private JsonNode callWaiting(String method, JsonNode params) throws CliException, InterruptedException {
    ChainParameters c = regtest ? ChainParameters.REGTEST : chain;
    String[] hostPort = splitHostPort(host);
    // As bitcoin-cli: -rpcport wins over a port in -rpcconnect, which wins over the chain's.
    int p = port != null ? port : hostPort[1] != null ? Integer.parseInt(hostPort[1]) : RpcServer.defaultPort(c);
    RpcHttpClient client = new RpcHttpClient(hostPort[0], p, clientTimeout == 0 ? null : Duration.ofSeconds(clientTimeout));
    long deadline = System.nanoTime() + Duration.ofSeconds(rpcWaitTimeout).toNanos();
    while (true) {
      String transientFailure;
      try {
        JsonNode reply = client.call(method, params, credentials(c));
        if (!(rpcWait && errorCode(reply).orElse(0) == RpcError.IN_WARMUP.code())) {
          return reply;
        }
        transientFailure = "server in warmup";
      } catch (CliException e) {
        if (!rpcWait || e.error() != CliError.RPC_CONNECTION) {
          throw e;
        }
        transientFailure = e.getMessage();
      }
      long left = deadline - System.nanoTime();
      if (rpcWaitTimeout > 0 && left <= 0) {
        throw new CliException(CliError.RPC_CONNECTION, "timeout on transient error: " + transientFailure);
      }
      long pause = RETRY_INTERVAL.toNanos();
      Thread.sleep(Duration.ofNanos(rpcWaitTimeout > 0 ? Math.min(pause, left) : pause).toMillis() + 1);
    }
  }

  /** bitcoin-cli's {@code SplitHostPort} of -rpcconnect: the host and the port given with it, or null. */
  private String[] splitHostPort(String text) {
    String h = text;
    String p = null;
    int colon = text.lastIndexOf(':');
    boolean bracketed = text.startsWith("[");
    if (bracketed && text.endsWith("]")) {
      h = text.substring(1, text.length() - 1);
    } else if (colon > 0 && (bracketed ? text.charAt(colon - 1) == ']' : text.indexOf(':') == colon)) {
      h = bracketed ? text.substring(1, colon - 1) : text.substring(0, colon);
      p = text.substring(colon + 1);
      if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65_535) {
        throw usage("Invalid port provided in -rpcconnect: " + text);
      }
    }
    return new String[] {h, p};
  }

  /**
   * bitcoin-cli's credentials, read again for every attempt (a starting node writes its cookie
   * late): {@code -rpcuser:-rpcpassword} when a password is given, else the cookie file's line.
   */
  private RpcHttpClient.Credentials credentials(ChainParameters c) {
    if (password != null && password.length > 0) {
      return new RpcHttpClient.Credentials(user + ":" + new String(password), false);
    }
    Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".priwatt", c.id());
    Path file = cookieFile == null ? dir.resolve(".cookie") : dir.resolve(cookieFile);
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readNBytes(MAX_COOKIE_BYTES), StandardCharsets.UTF_8);
      String line = text.lines().findFirst().orElse("");
      if (!line.isEmpty()) {
        return new RpcHttpClient.Credentials(line, false);
      }
    } catch (IOException e) {
      // As bitcoin-cli: go on without; a 401 then says no cookie was found.
    }
    return new RpcHttpClient.Credentials(":", true);
  }

  /** Prints the result or the error as bitcoin-cli does; the exit status. */
  private int print(JsonNode reply) {
    JsonNode error = reply.path("error");
    if (error.isMissingNode() || error.isNull()) {
      JsonNode result = reply.path("result");
      if (result.isTextual()) {
        out().println(result.textValue());
      } else if (!result.isNull() && !result.isMissingNode()) {
        out().println(RpcJson.pretty(result));
      }
      return Main.OK;
    }
    if (!error.isObject()) {
      err().println("error: " + RpcJson.write(error));
      return Main.FAILURE;
    }
    StringBuilder text = new StringBuilder();
    JsonNode code = error.path("code");
    if (!code.isMissingNode() && !code.isNull()) {
      text.append("error code: ").append(code.isTextual() ? code.textValue() : RpcJson.write(code)).append('\n');
    }
    if (error.path("message").isTextual()) {
      text.append("error message:\n").append(error.get("message").textValue());
    }
    err().println(text.toString().stripTrailing());
    err().flush();
    // bitcoin-cli exits with abs(code); an error coded 0 or not an integer still fails.
    return errorCode(reply).map(Math::abs).filter(n -> n > 0).orElse(Main.FAILURE);
  }

  private static Optional<Integer> errorCode(JsonNode reply) {
    JsonNode code = reply.path("error").path("code");
    return code.canConvertToInt() && code.isIntegralNumber() && code.intValue() != Integer.MIN_VALUE
        ? Optional.of(code.intValue()) : Optional.empty();
  }

  private static Optional<String> readLine(BufferedReader in) throws CliException {
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
