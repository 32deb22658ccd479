package org.priwatt.node.rpc;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.SecretBytes;

/**
 * A regtest chain with a pool, a wallet and a transaction index behind a running RPC server on an
 * ephemeral loopback port with cookie authentication, and a JDK HTTP client speaking to it.
 */
final class RpcFixture implements AutoCloseable {
  /** Keeps decimals exact, so amounts keep their 8 decimals. */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

  final Path dir;
  final ChainState chain;
  final Mempool pool;
  final Wallet wallet;
  final TxIndex txIndex;
  final RpcServer server;
  final String authorization;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  RpcFixture() throws Exception {
    this(null);
  }

  /** With {@code network} as the P2P network (null for none). */
  RpcFixture(NetworkAccess network) throws Exception {
    dir = Files.createTempDirectory("priwatt-rpc");
    chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    try (SecretBytes s = SecretBytes.copyOf(seed)) {
      wallet = Wallet.create(KeyChain.fromSeed(s, ChainParameters.REGTEST.network()), ChainStateBridge.tipOf(chain),
          pool, ChainParameters.REGTEST.maxBlockSize());
    }
    chain.addListener(wallet);
    txIndex = TxIndex.attach(chain);
    ChainAccess access = new ChainAccess() {
      @Override
      public ChainState chain() {
        return chain;
      }

      @Override
      public Mempool mempool() {
        return pool;
      }

      @Override
      public java.util.Optional<Wallet> wallet() {
        return java.util.Optional.of(wallet);
      }

      @Override
      public java.util.Optional<TxIndex> txIndex() {
        return java.util.Optional.of(txIndex);
      }
    };
    RpcServer.Builder b = RpcServer.builder(access).port(0).cookie(dir);
    if (network != null) {
      b.network(network);
    }
    server = b.start();
    authorization = "Basic " + Base64.getEncoder().encodeToString(
        Files.readString(dir.resolve(".cookie")).getBytes(StandardCharsets.UTF_8));
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** A reply: status and body (null when empty). */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

  Reply post(String body) throws IOException, InterruptedException {
    return post(body, authorization);
  }

  Reply post(String body, String auth) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (auth != null) {
      r.header("Authorization", auth);
    }
    HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = resp.body().isEmpty() ? null
        : resp.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
            ? MAPPER.readTree(resp.body()) : MAPPER.getNodeFactory().textNode(resp.body());
    return new Reply(resp.statusCode(), json, resp);
  }

  /** A JSON-RPC 1.0 call; returns the whole reply object. */
  Reply call1(String method, Object... params) throws IOException, InterruptedException {
    return post(request(null, method, params).toString());
  }

  /** A JSON-RPC 2.0 call; returns the whole reply object. */
  Reply call2(String method, Object... params) throws IOException, InterruptedException {
    return post(request("2.0", method, params).toString());
  }

  /** The result of a successful 2.0 call (fails the test otherwise). */
  JsonNode result(String method, Object... params) throws IOException, InterruptedException {
    Reply r = call2(method, params);
    if (r.status() != 200 || r.body().has("error")) {
      throw new AssertionError(method + " failed: " + r.status() + " " + r.body());
    }
    return r.body().get("result");
  }

  /** The error object of a 2.0 call that must fail. */
  JsonNode error(String method, Object... params) throws IOException, InterruptedException {
    Reply r = call2(method, params);
    if (r.status() != 200 || !r.body().has("error")) {
      throw new AssertionError(method + " did not fail: " + r.status() + " " + r.body());
    }
    return r.body().get("error");
  }

  static ObjectNode request(String version, String method, Object... params) {
    ObjectNode o = MAPPER.createObjectNode();
    if (version != null) {
      o.put("jsonrpc", version);
    }
    o.put("id", 1);
    o.put("method", method);
    ArrayNode p = o.putArray("params");
    for (Object x : params) {
      p.add(MAPPER.valueToTree(x));
    }
    return o;
  }

  @Override
  public void close() throws Exception {
    server.close();
    chain.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
