package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcJson;
import org.priwatt.node.rpc.RpcServer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * bitcoin-cli's connection options as a picocli mixin, shared by every command that calls a
 * running node ({@code priwatt rpc}, {@code priwatt channel ...}): where the node is, how to
 * authenticate (cookie of the data directory, or user and password), {@code -rpcwait}; the call
 * itself (retried while the node starts, with {@code -rpcwait}) and bitcoin-cli's way of printing
 * the reply and choosing the exit status.
 */
final class RpcConnection {
  /** How long {@code -rpcwait} waits between attempts, as bitcoin-cli. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
  /** bitcoin-cli's {@code DEFAULT_HTTP_CLIENT_TIMEOUT}, seconds. */
  static final int DEFAULT_CLIENT_TIMEOUT = 900;
  private static final int MAX_COOKIE_BYTES = 1024;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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

  @Option(names = {"-rpcwait", "--rpcwait"}, description = "Wait for the RPC server to start (and to leave warm-up).")
  boolean rpcWait;

  @Option(names = {"-rpcwaittimeout", "--rpcwaittimeout"}, paramLabel = "<n>", defaultValue = "0",
      description = "Timeout in seconds to wait for the RPC server to start, or 0 for no timeout (default: ${DEFAULT-VALUE}).")
  int rpcWaitTimeout;

  @Option(names = {"-rpcclienttimeout", "--rpcclienttimeout"}, paramLabel = "<n>",
      defaultValue = "" + DEFAULT_CLIENT_TIMEOUT,
      description = "Timeout in seconds during HTTP requests, or 0 for no timeout (default: ${DEFAULT-VALUE}).")
  int clientTimeout;

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

  /**
   * Checks the options' values.
   *
   * @throws ParameterException for a negative timeout
   */
  void check() {
    if (rpcWaitTimeout < 0 || clientTimeout < 0) {
      throw new ParameterException(spec.commandLine(),
          "-rpcwaittimeout and -rpcclienttimeout take a number of seconds, 0 for none");
    }
  }

  /** bitcoin-cli's loop: with -rpcwait, a connection failure or warm-up is retried until the timeout. */
  JsonNode call(String method, JsonNode params) throws CliException, InterruptedException {
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
        throw new ParameterException(spec.commandLine(), "Invalid port provided in -rpcconnect: " + text);
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
  int print(JsonNode reply, PrintWriter out, PrintWriter err) {
    JsonNode error = reply.path("error");
    if (error.isMissingNode() || error.isNull()) {
      JsonNode result = reply.path("result");
      if (result.isTextual()) {
        out.println(result.textValue());
      } else if (!result.isNull() && !result.isMissingNode()) {
        out.println(RpcJson.pretty(result));
      }
      return Main.OK;
    }
    if (!error.isObject()) {
      err.println("error: " + RpcJson.write(error));
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
    err.println(text.toString().stripTrailing());
    err.flush();
    // bitcoin-cli exits with abs(code); an error coded 0 or not an integer still fails.
    return errorCode(reply).map(Math::abs).filter(n -> n > 0).orElse(Main.FAILURE);
  }

  private static Optional<Integer> errorCode(JsonNode reply) {
    JsonNode code = reply.path("error").path("code");
    return code.canConvertToInt() && code.isIntegralNumber() && code.intValue() != Integer.MIN_VALUE
        ? Optional.of(code.intValue()) : Optional.empty();
  }

}
