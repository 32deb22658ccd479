package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;

/**
 * The HTTP and JSON-RPC envelope exactly as Bitcoin Core answers it: authentication, 1.0 and 2.0
 * replies and their HTTP statuses, notifications, batches, named parameters, limits and
 * keep-alive. The batch and status cases are Bitcoin Core 28's {@code
 * test/functional/interface_rpc.py} ({@code test_batch_requests}, {@code test_http_status_codes})
 * run against this server.
 */
class RpcProtocolTest {
  static RpcFixture f;
  static String genesis;

  @BeforeAll
  static void start() throws Exception {
    f = new RpcFixture();
    genesis = ChainParameters.REGTEST.genesisHash().toHex();
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void theCookieIsBitcoindsAndOwnerOnly() throws Exception {
    Path cookie = f.server.cookieFile().orElseThrow();
    assertThat(cookie.getFileName().toString()).isEqualTo(".cookie");
    assertThat(Files.readString(cookie)).matches("__cookie__:[0-9a-f]{64}");
    if (cookie.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(cookie))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void noCredentialsIs401WithTheRealmAndNoBody() throws Exception {
    RpcFixture.Reply r = f.post("{\"method\":\"getblockcount\"}", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"jsonrpc\"");
    assertThat(r.raw().body()).isEmpty();
  }

  @Test
  void aWrongPasswordIs401AfterADelay() throws Exception {
    String wrong = "Basic " + Base64.getEncoder().encodeToString("__cookie__:00".getBytes(StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    RpcFixture.Reply r = f.post("{\"method\":\"getblockcount\"}", wrong);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"jsonrpc\"");
    assertThat(r.raw().body()).isEmpty();
    assertThat(ms).isGreaterThanOrEqualTo(240);
    // The connection stays usable and the right cookie still works.
    assertThat(f.result("getblockcount").asInt()).isZero();
  }

  @Test
  void userAndPasswordAuthenticate() throws Exception {
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    try (RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0)
        .credentials("alice", "s3cret:with:colons".toCharArray()).start()) {
      RpcFixture client = f;
      String ok = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret:with:colons".getBytes(StandardCharsets.UTF_8));
      String bad = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
      java.net.http.HttpRequest.Builder req = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"method\":\"getblockcount\",\"id\":1}"));
      var good = client.http.send(req.header("Authorization", ok).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(good.statusCode()).isEqualTo(200);
      assertThat(good.body()).isEqualTo("{\"result\":0,\"error\":null,\"id\":1}\n");
      var refused = client.http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", bad).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(s.cookieFile()).isEmpty();
    } finally {
      chain.close();
    }
  }

  @Test
  void theCookieIsDeletedAtStop() throws Exception {
    Path dir = Files.createTempDirectory("priwatt-rpc-cookie");
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0).cookie(dir).start();
    assertThat(dir.resolve(".cookie")).exists();
    s.close();
    assertThat(dir.resolve(".cookie")).doesNotExist();
    chain.close();
    Files.delete(dir);
  }

  @Test
  void stopAnswersThenStopsTheServer() throws Exception {
    Path dir = Files.createTempDirectory("priwatt-rpc-stop");
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0).cookie(dir).start();
    String auth = "Basic " + Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(".cookie")));
    var r = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"stop\"}"))
        .header("Authorization", auth).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("{\"result\":\"PriWatt stopping\",\"error\":null,\"id\":1}\n");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.exists(dir.resolve(".cookie")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(dir.resolve(".cookie")).doesNotExist();
    chain.close();
    Files.delete(dir);
  }

  @Test
  void stopCallsTheShutdownOnlyOnceItsReplyIsOut() throws Exception {
    // Before the fix the shutdown ran during the dispatch: a node closing at once cut the
    // connection the reply was still to travel on ("header parser received no bytes").
    Path dir = Files.createTempDirectory("priwatt-rpc-stop-order");
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean replyFirst = new java.util.concurrent.atomic.AtomicBoolean();
    RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0).cookie(dir).shutdown(() -> {
      try {
        replyFirst.set(received.await(5, java.util.concurrent.TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      asked.countDown();
    }).start();
    try {
      String auth = "Basic " + Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(".cookie")));
      var r = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"stop\"}"))
          .header("Authorization", auth).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      received.countDown();
      assertThat(r.body()).isEqualTo("{\"result\":\"PriWatt stopping\",\"error\":null,\"id\":1}\n");
      assertThat(asked.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("stop asked for the shutdown").isTrue();
      assertThat(replyFirst).as("the reply reached the client before the shutdown began").isTrue();
    } finally {
      s.close();
      chain.close();
      Files.deleteIfExists(dir.resolve(".cookie"));
      Files.delete(dir);
    }
  }

  @Test
  void aFullWorkQueueAnswers503AndRegisteredMethodsRun() throws Exception {
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    RpcMethod slow = new RpcMethod("slow", "test", "Blocks until released.", List.of(), "true", a -> {
      started.countDown();
      try {
        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
    });
    try (RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0).credentials("u", "p".toCharArray())
        .threads(1).workQueue(1).method(slow).start()) {
      assertThat(s.methods()).contains("slow");
      java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"slow\"}"))
          .header("Authorization", "Basic dTpw").build();
      java.net.http.HttpClient c1 = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpClient c2 = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpClient c3 = java.net.http.HttpClient.newHttpClient();
      var first = c1.sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // One worker busy and one queue place: of two more requests one waits, the other is refused.
      var second = c2.sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      var third = c3.sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      java.net.http.HttpResponse<String> refused = java.util.concurrent.CompletableFuture.anyOf(second, third)
          .thenApply(x -> (java.net.http.HttpResponse<String>) x).get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).isEqualTo("Work queue depth exceeded");
      release.countDown();
      assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).body())
          .isEqualTo("{\"result\":true,\"error\":null,\"id\":1}\n");
      var other = refused == second.getNow(null) ? third : second;
      assertThat(other.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
      chain.close();
    }
  }

  @Test
  void aPublicBindWithoutAllowIpIsRefused() throws Exception {
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> RpcServer.builder(ChainAccess.of(chain, pool, null))
          .bind(java.net.InetAddress.getByName("0.0.0.0")).port(0).credentials("u", "p".toCharArray()).start())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("rpcallowip");
    } finally {
      chain.close();
    }
  }

  // ---------------------------------------------------------------- HTTP

  @Test
  void onlyPostAndKnownPathsAreServed() throws Exception {
    var get = f.http.send(java.net.http.HttpRequest.newBuilder(f.uri()).GET().header("Authorization", f.authorization)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.body()).isEqualTo("JSONRPC server handles only POST requests");
    var other = f.http.send(java.net.http.HttpRequest.newBuilder(f.uri().resolve("/rest/chaininfo.json"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", f.authorization)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    var wallet = f.http.send(java.net.http.HttpRequest.newBuilder(f.uri().resolve("/wallet/"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"method\":\"getbalance\",\"id\":1}"))
        .header("Authorization", f.authorization).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(wallet.statusCode()).isEqualTo(200);
  }

  @Test
  void anOversizedBodyIsRefusedWithoutBeingRead() throws Exception {
    ChainState chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    try (RpcServer s = RpcServer.builder(ChainAccess.of(chain, pool, null)).port(0)
        .credentials("u", "p".toCharArray()).maxBodyBytes(1_000).start()) {
      String body = "{\"method\":\"getblockcount\",\"params\":[],\"id\":\"" + "x".repeat(2_000) + "\"}";
      var r = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + "/"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
    } finally {
      chain.close();
    }
  }

  @Test
  void keepAliveServesManyRequestsOnOneConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", f.server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < 200; i++) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"getblockcount\"}";
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + f.authorization
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = readResponse(in);
        assertThat(reply).startsWith("HTTP/1.1 200 OK").endsWith("{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":" + i + "}\n");
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", f.server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      StringBuilder all = new StringBuilder();
      String wrong = "Basic " + Base64.getEncoder().encodeToString("__cookie__:0".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 4; i++) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"getblockcount\"}";
        all.append("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: ").append(i == 1 ? wrong : f.authorization)
            .append("\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
      }
      out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readResponse(in)).endsWith("\"id\":0}\n");
      assertThat(readResponse(in)).startsWith("HTTP/1.1 401");
      assertThat(readResponse(in)).endsWith("\"id\":2}\n");
      assertThat(readResponse(in)).endsWith("\"id\":3}\n");
    }
  }

  /** Reads one HTTP response with a Content-Length body. */
  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String h = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return h + new String(body, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- envelopes (interface_rpc.py)

  @Test
  void legacyRepliesCarryResultErrorAndId() throws Exception {
    RpcFixture.Reply ok = f.post("{\"id\":\"a\",\"method\":\"getblockhash\",\"params\":[0]}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.raw().body()).isEqualTo("{\"result\":\"" + genesis + "\",\"error\":null,\"id\":\"a\"}\n");
    assertThat(ok.raw().headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void v2RepliesCarryOnlyResultOrError() throws Exception {
    RpcFixture.Reply ok = f.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockhash\",\"params\":[0]}");
    assertThat(ok.raw().body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"" + genesis + "\",\"id\":7}\n");
    RpcFixture.Reply err = f.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockhash\",\"params\":[42]}");
    assertThat(err.status()).isEqualTo(200);
    assertThat(err.raw().body()).isEqualTo(
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":7}\n");
  }

  @Test
  void httpStatusCodesOfLegacyRequests() throws Exception {
    expectStatus(200, null, "getblockhash", List.of(0), 1, false);
    expectStatus(404, -32601, "invalidmethod", List.of(), 1, false);
    expectStatus(500, -8, "getblockhash", List.of(42), 1, false);
    RpcFixture.Reply empty = f.post("");
    assertThat(empty.body()).isEqualTo(json("{\"id\": null, \"result\": null, \"error\": {\"code\": -32700, "
        + "\"message\": \"Parse error\"}}"));
    assertThat(empty.status()).isEqualTo(500);
    RpcFixture.Reply bad = f.post("this is bad");
    assertThat(bad.body()).isEqualTo(json("{\"id\": null, \"result\": null, \"error\": {\"code\": -32700, "
        + "\"message\": \"Parse error\"}}"));
    assertThat(bad.status()).isEqualTo(500);
  }

  @Test
  void httpStatusCodesOfV2Requests() throws Exception {
    expectStatus(200, null, "getblockhash", List.of(0), 2, false);
    expectStatus(200, -32601, "invalidmethod", List.of(), 2, false);
    expectStatus(200, -8, "getblockhash", List.of(42), 2, false);
    RpcFixture.Reply notString = f.post("{\"jsonrpc\": 2, \"method\": \"getblockcount\"}");
    assertThat(notString.body()).isEqualTo(json("{\"result\": null, \"error\": {\"code\": -32600, \"message\": "
        + "\"jsonrpc field must be a string\"}}"));
    assertThat(notString.status()).isEqualTo(400);
    RpcFixture.Reply v3 = f.post("{\"jsonrpc\": \"3.0\", \"method\": \"getblockcount\"}");
    assertThat(v3.body()).isEqualTo(json("{\"result\": null, \"error\": {\"code\": -32600, \"message\": "
        + "\"JSON-RPC version not supported\"}}"));
    assertThat(v3.status()).isEqualTo(400);
  }

  @Test
  void notificationsRunAndGetNoContent() throws Exception {
    RpcFixture.Reply nullId = f.post("{\"jsonrpc\": \"2.0\", \"id\": null, \"method\": \"getblockcount\"}");
    assertThat(nullId.status()).isEqualTo(200);
    assertThat(nullId.body().get("result").asInt()).isEqualTo(f.chain.height());
    expectStatus(200, null, "getblockcount", List.of(), 1, true); // a 1.0 request without id is answered
    int before = f.chain.height();
    String address = f.wallet.freshReceiveAddress().toBase58();
    expectStatus(204, null, "generatetoaddress", List.of(1, address), 2, true);
    assertThat(f.chain.height()).isEqualTo(before + 1);
    expectStatus(204, null, "generatetoaddress", List.of(1, "invalid_address"), 2, true);
    assertThat(f.chain.height()).isEqualTo(before + 1);
  }

  private static void expectStatus(int status, Integer code, String method, List<Object> params, int version,
      boolean notification) throws Exception {
    ObjectNode req = RpcFixture.MAPPER.createObjectNode();
    if (version == 2) {
      req.put("jsonrpc", "2.0");
    }
    if (!notification) {
      req.put("id", 0);
    }
    req.put("method", method);
    req.set("params", RpcFixture.MAPPER.valueToTree(params));
    RpcFixture.Reply r = f.post(req.toString());
    if (code != null) {
      assertThat(r.body().get("error").get("code").asInt()).isEqualTo(code);
    }
    assertThat(r.status()).isEqualTo(status);
  }

  /** One call of Core's batch test: its version, whether it is a notification, extra fields. */
  record Options(Integer version, boolean notification, String requestFields, String responseFields) {
    static Options of(Integer version, boolean notification) {
      return new Options(version, notification, null, null);
    }
  }

  private static void batch(IntFunction<Options> options) throws Exception {
    String[] calls = {
      "{\"method\": \"getblockcount\"}",
      "{\"method\": \"invalidmethod\"}",
      "{\"method\": \"getblockhash\", \"params\": [0]}",
      "{\"pizza\": \"sausage\"}"
    };
    String[] results = {
      "{\"result\": " + f.chain.height() + "}",
      "{\"error\": {\"code\": -32601, \"message\": \"Method not found\"}}",
      "{\"result\": \"" + genesis + "\"}",
      "{\"error\": {\"code\": -32600, \"message\": \"Missing method\"}}"
    };
    ArrayNode request = RpcFixture.MAPPER.createArrayNode();
    ArrayNode response = RpcFixture.MAPPER.createArrayNode();
    for (int idx = 1; idx <= calls.length; idx++) {
      Options o = options.apply(idx);
      if (o == null) {
        continue;
      }
      ObjectNode req = RpcFixture.MAPPER.createObjectNode();
      if (o.version() != null && o.version() == 1) {
        req.put("version", "1.1");
      } else if (o.version() != null && o.version() == 2) {
        req.put("jsonrpc", "2.0");
      }
      if (!o.notification()) {
        req.put("id", idx);
      }
      req.setAll((ObjectNode) json(calls[idx - 1]));
      if (o.requestFields() != null) {
        req.setAll((ObjectNode) json(o.requestFields()));
      }
      request.add(req);
      if (o.version() != null && o.version() == 2 && o.notification()) {
        continue;
      }
      ObjectNode resp = RpcFixture.MAPPER.createObjectNode();
      if (!o.notification()) {
        resp.put("id", idx);
      }
      if (o.version() != null && o.version() == 2) {
        resp.put("jsonrpc", "2.0");
      } else {
        resp.putNull("result");
        resp.putNull("error");
      }
      resp.setAll((ObjectNode) json(results[idx - 1]));
      if (o.responseFields() != null) {
        resp.setAll((ObjectNode) json(o.responseFields()));
      }
      response.add(resp);
    }
    RpcFixture.Reply r = f.post(request.toString());
    if (response.isEmpty() && !request.isEmpty()) {
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.body()).isNull();
    } else {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(response);
    }
  }

  @Test
  void batchRequestsAsBitcoinCore() throws Exception {
    batch(idx -> null); // empty batch: [] in 200 for old clients
    batch(idx -> Options.of(2, false));
    batch(idx -> Options.of(2, idx < 2));
    batch(idx -> Options.of(2, true));
    batch(idx -> Options.of(1, false));
    batch(idx -> Options.of(idx % 2 == 1 ? 2 : 1, false));
    batch(idx -> Options.of(null, false));
    batch(idx -> Options.of(null, true));
    batch(idx -> new Options(null, false, "{\"jsonrpc\": \"1.0\"}", null));
    batch(idx -> new Options(null, false, "{\"jsonrpc\": \"2.1\"}",
        "{\"result\": null, \"error\": {\"code\": -32600, \"message\": \"JSON-RPC version not supported\"}}"));
  }

  @Test
  void aBatchBeyondTheLimitIsAnInvalidRequest() throws Exception {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 1_001; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"method\":\"getblockcount\"}");
    }
    RpcFixture.Reply r = f.post(sb.append(']').toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("error").get("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void topLevelScalarsAndDeepNestingAreParseErrors() throws Exception {
    RpcFixture.Reply scalar = f.post("42");
    assertThat(scalar.status()).isEqualTo(500);
    assertThat(scalar.body().get("error").get("message").asText()).isEqualTo("Top-level object parse error");
    RpcFixture.Reply deep = f.post("[".repeat(600) + "]".repeat(600));
    assertThat(deep.status()).isEqualTo(500);
    assertThat(deep.body().get("error").get("code").asInt()).isEqualTo(-32700);
    RpcFixture.Reply trailing = f.post("{\"id\":1,\"method\":\"getblockcount\"} {}");
    assertThat(trailing.body().get("error").get("code").asInt()).isEqualTo(-32700);
  }

  @Test
  void requestObjectErrorsUseCoresMessages() throws Exception {
    assertThat(f.post("{\"id\":1,\"method\":5}").body().get("error").get("message").asText())
        .isEqualTo("Method must be a string");
    RpcFixture.Reply params = f.post("{\"id\":1,\"method\":\"getblockcount\",\"params\":5}");
    assertThat(params.status()).isEqualTo(400);
    assertThat(params.body().get("error").get("message").asText()).isEqualTo("Params must be an array or object");
  }

  // ---------------------------------------------------------------- parameters

  @Test
  void namedParametersBindByNameAndAlias() throws Exception {
    String hash = f.result("getblockhash", 0).asText();
    RpcFixture.Reply named = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":"
        + "{\"blockhash\":\"" + hash + "\",\"verbose\":0}}");
    assertThat(named.body().get("result").isTextual()).isTrue();
    RpcFixture.Reply hole = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockheader\",\"params\":"
        + "{\"verbose\":false,\"blockhash\":\"" + hash + "\"}}");
    assertThat(hole.body().get("result").asText()).hasSize(160);
    RpcFixture.Reply args = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockheader\",\"params\":"
        + "{\"args\":[\"" + hash + "\"],\"verbose\":false}}");
    assertThat(args.body().get("result").asText()).hasSize(160);
  }

  @Test
  void namedParameterErrorsAreCores() throws Exception {
    assertThat(errorOf("{\"method\":\"getblockhash\",\"params\":{\"height\":0,\"foo\":1}}"))
        .isEqualTo("-8 Unknown named parameter foo");
    // Raw text: a JSON library would merge the repeated key before sending.
    JsonNode dup = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":"
        + "{\"height\":0,\"height\":1}}").body().get("error");
    assertThat(dup.get("code").asInt() + " " + dup.get("message").asText())
        .isEqualTo("-8 Parameter height specified multiple times");
    assertThat(errorOf("{\"method\":\"getblockheader\",\"params\":{\"args\":[\"00\"],\"blockhash\":\"00\"}}"))
        .isEqualTo("-8 Parameter blockhash specified twice both as positional and named argument");
  }

  @Test
  void typeErrorsUseCoresWording() throws Exception {
    assertThat(errorOf("{\"method\":\"getblockhash\",\"params\":[\"0\"]}")).isEqualTo("-3 Wrong type passed:\n{\n"
        + "    \"Position 1 (height)\": \"JSON value of type string is not of expected type number\"\n}");
    assertThat(errorOf("{\"method\":\"getblockhash\",\"params\":[1.5]}")).isEqualTo("-1 JSON integer out of range");
    assertThat(errorOf("{\"method\":\"getblockheader\",\"params\":[1, \"x\"]}")).isEqualTo("-3 Wrong type passed:\n{\n"
        + "    \"Position 1 (blockhash)\": \"JSON value of type number is not of expected type string\",\n"
        + "    \"Position 2 (verbose)\": \"JSON value of type string is not of expected type bool\"\n}");
  }

  @Test
  void aWrongParameterCountAnswersTheHelp() throws Exception {
    String e = errorOf("{\"method\":\"getblockhash\",\"params\":[]}");
    assertThat(e).startsWith("-1 getblockhash height\n\nReturns hash of block in best-block-chain at height provided.");
    assertThat(errorOf("{\"method\":\"getblockcount\",\"params\":[1]}")).startsWith("-1 getblockcount\n");
  }

  @Test
  void helpListsAndExplainsMethods() throws Exception {
    String all = f.result("help").asText();
    assertThat(all).startsWith("== Blockchain ==\n").contains("== Rawtransactions ==\n", "getblock \"blockhash\" "
        + "( verbosity )", "sendmessage \"fromaddress\" \"toaddress\" \"subject\" \"message\" ( ttl )");
    assertThat(f.result("help", "getblockhash").asText()).contains("Arguments:\n1. height    (numeric, required) "
        + "The height index");
    assertThat(f.result("help", "nosuchthing").asText()).isEqualTo("help: unknown command: nosuchthing");
  }

  @Test
  void warmupAnswersMinus28() throws Exception {
    f.server.setWarmupStatus("Loading block index…");
    try {
      assertThat(errorOf("{\"method\":\"getblockcount\"}")).isEqualTo("-28 Loading block index…");
    } finally {
      f.server.warmupFinished();
    }
    assertThat(f.result("getblockcount").isInt()).isTrue();
  }

  private static String errorOf(String request) throws Exception {
    ObjectNode req = (ObjectNode) json(request);
    req.put("jsonrpc", "2.0");
    req.put("id", 1);
    JsonNode e = f.post(req.toString()).body().get("error");
    return e.get("code").asInt() + " " + e.get("message").asText();
  }

  static JsonNode json(String s) {
    try {
      return RpcFixture.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

}
