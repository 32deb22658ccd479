package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcJson;

/**
 * The HTTP side of {@code priwatt rpc}: one JSON-RPC 1.0 request per call over the JDK's client
 * (HTTP/1.1, connections kept alive between the calls of one run), and the reply judged as
 * bitcoin-cli's {@code CallRPC} judges it. A failure to reach the server is a
 * {@link CliError#RPC_CONNECTION}, the only kind {@code -rpcwait} retries.
 */
final class RpcHttpClient {
  /** Largest reply read, in bytes: a verbose block of the largest size fits many times over. */
  static final int MAX_REPLY_BYTES = 128 * 1024 * 1024;

  private final String host;
  private final int port;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * A client of {@code host:port}.
   *
   * @param timeout how long a call may take, connecting included; null for no limit
   */
  RpcHttpClient(String host, int port, Duration timeout) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.timeout = timeout;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (timeout != null) {
      b.connectTimeout(timeout);
    }
    this.http = b.build();
  }

  /**
   * Credentials for one call: {@code user:password} for HTTP Basic, and whether they are the
   * stand-in used when no cookie could be read (a 401 then says so, as bitcoin-cli does).
   */
  record Credentials(String userColonPassword, boolean cookieMissing) {
    @Override
    public String toString() {
      return "Credentials[cookieMissing=" + cookieMissing + "]"; // never the password
    }
  }

  /**
   * Sends {@code {"method", "params", "id": 1}} and returns the reply object (with its
   * {@code result} and {@code error}).
   *
   * @throws CliException {@link CliError#RPC_CONNECTION} if the server cannot be reached,
   *     {@link CliError#RPC_TIMEOUT} past the timeout, {@link CliError#RPC_AUTH} on 401,
   *     {@link CliError#RPC_REPLY} for other HTTP errors or a reply that is not a JSON-RPC object
   * @throws InterruptedException if interrupted while waiting for the reply
   */
  JsonNode call(String method, JsonNode params, Credentials credentials) throws CliException, InterruptedException {
    ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    request.put("method", method);
    request.set("params", params);
    request.put("id", 1);
    HttpRequest.Builder r = HttpRequest.newBuilder(uri())
        .POST(HttpRequest.BodyPublishers.ofString(RpcJson.write(request), StandardCharsets.UTF_8))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            credentials.userColonPassword().getBytes(StandardCharsets.UTF_8)));
    if (timeout != null) {
      r.timeout(timeout);
    }
    HttpResponse<InputStream> response;
    String body;
    try {
      response = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(MAX_REPLY_BYTES + 1);
        if (bytes.length > MAX_REPLY_BYTES) {
          throw new CliException(CliError.RPC_REPLY, "the reply from the server is larger than "
              + MAX_REPLY_BYTES + " bytes");
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (HttpConnectTimeoutException e) {
      throw notConnected("connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw new CliException(CliError.RPC_TIMEOUT, "no reply from " + where() + " within "
          + timeout.toSeconds() + " s (-rpcclienttimeout)", e);
    } catch (IOException e) {
      // Refused, reset, closed before the reply: bitcoin-cli's "status 0", what -rpcwait waits out.
      throw notConnected(reason(e), e);
    }
    return reply(response.statusCode(), body, credentials);
  }

  private static JsonNode reply(int status, String body, Credentials credentials) throws CliException {
    if (status == 401) {
      throw new CliException(CliError.RPC_AUTH, credentials.cookieMissing()
          ? "Could not locate RPC credentials. No authentication cookie could be found, and RPC password is not set. "
              + "See -rpcpassword, -stdinrpcpass, -rpccookiefile and -datadir."
          : "Authorization failed: Incorrect rpcuser or rpcpassword");
    }
    if (status == 503) {
      throw new CliException(CliError.RPC_REPLY, "Server response: " + body);
    }
    // bitcoind answers JSON-RPC errors of legacy requests with 400, 404 and 500: their body is the reply.
    if (status >= 400 && status != 400 && status != 404 && status != 500) {
      throw new CliException(CliError.RPC_REPLY, "server returned HTTP error " + status);
    }
    if (body.isEmpty()) {
      throw new CliException(CliError.RPC_REPLY, "no response from server");
    }
    JsonNode reply;
    try {
      reply = RpcJson.parse(body);
    } catch (RpcException e) {
      throw new CliException(CliError.RPC_REPLY, "couldn't parse reply from server", e);
    }
    if (!reply.isObject() || reply.isEmpty()) {
      throw new CliException(CliError.RPC_REPLY, "expected reply to have result, error and id properties");
    }
    return reply;
  }

  private CliException notConnected(String reason, Exception cause) {
    return new CliException(CliError.RPC_CONNECTION, "Could not connect to the server " + where() + " (" + reason
        + "). Make sure the priwatt node is running with RPC and that you are connecting to the correct RPC port "
        + "(-rpcconnect, -rpcport, -chain).", cause);
  }

  private static String reason(IOException e) {
    // The JDK wraps the socket's exception, often without a message: a ConnectException without
    // one is a refused connection ("Connection refused" on a blocking socket).
    boolean connect = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException && t.getMessage() != null) {
        return t.getMessage();
      }
      connect |= t instanceof ConnectException;
    }
    if (connect) {
      return "Connection refused";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private String where() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private URI uri() throws CliException {
    try {
      return URI.create("http://" + where() + "/");
    } catch (IllegalArgumentException e) {
      throw new CliException(CliError.RPC_CONNECTION, "not a host name or address: -rpcconnect=" + host, e);
    }
  }
}
