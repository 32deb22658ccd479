package org.priwatt.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A generic JSON-RPC 1.0 client over the JDK's HTTP client, as a bitcoind client library would
 * be: Basic authentication from a cookie file or a user and password, keep-alive, one call at a
 * time.
 */
public final class RpcClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final URI uri;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private RpcClient(String hostPort, String credentials) {
    this.uri = URI.create("http://" + hostPort + "/");
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** A client of {@code hostPort} authenticating with the cookie in {@code cookie}. */
  public static RpcClient withCookie(String hostPort, Path cookie) throws IOException {
    return new RpcClient(hostPort, Files.readString(cookie, StandardCharsets.UTF_8).trim());
  }

  /** A client of the running {@code node}'s RPC server (cookie authentication). */
  public static RpcClient of(Node node) throws IOException {
    return withCookie(hostPort(node), node.rpcCookieFile().orElseThrow());
  }

  /** A client of {@code hostPort} authenticating as {@code user} with {@code password}. */
  public static RpcClient withCredentials(String hostPort, String user, String password) {
    return new RpcClient(hostPort, user + ":" + password);
  }

  /** Where {@code node}'s RPC server listens, host:port. */
  public static String hostPort(Node node) {
    return "127.0.0.1:" + node.rpcAddress().orElseThrow().getPort();
  }

  /** The whole reply object of a call (HTTP status ignored: bitcoind answers errors with 500 or 404). */
  public JsonNode reply(String method, Object... params) throws IOException, InterruptedException {
    return MAPPER.readTree(send(method, params).body());
  }

  /** The HTTP status of a call (401 for wrong credentials). */
  public int status(String method, Object... params) throws IOException, InterruptedException {
    return send(method, params).statusCode();
  }

  private HttpResponse<String> send(String method, Object... params) throws IOException, InterruptedException {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", 1);
    o.put("method", method);
    ArrayNode p = o.putArray("params");
    for (Object x : params) {
      p.add(MAPPER.valueToTree(x));
    }
    HttpRequest r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(o.toString())).build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** The result of a call that must succeed. */
  public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    JsonNode reply = reply(method, params);
    if (!reply.path("error").isNull()) {
      throw new AssertionError(method + " failed: " + reply);
    }
    return reply.get("result");
  }
}
