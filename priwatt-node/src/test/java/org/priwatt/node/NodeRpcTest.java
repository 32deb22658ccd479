package org.priwatt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.node.TestNodes.await;
import static org.priwatt.node.TestNodes.awaitPeers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.node.rpc.RpcMethod;

/**
 * Real nodes serving JSON-RPC on ephemeral loopback ports, called over HTTP as any bitcoind
 * client would: mining and relaying through the RPC, the peers of a link seen from both ends,
 * addnode and disconnectnode,
 * a raw transaction reaching the peer's mempool, the cookie's life, {@code stop} closing the
 * whole node, user/password authentication, and a {@link NodeService} adding methods.
 */
class NodeRpcTest {
  private final TestNodes nodes = new TestNodes();
  @TempDir
  Path tmp;

  @AfterEach
  void close() {
    nodes.close();
  }

  private static NodeConfig.Builder rpc(String name) {
    return TestNodes.config(name).rpcEnabled(true).rpcPort(0);
  }

  @Test
  void generatetoaddressMinesOnTheNodeAndThePeerGetsTheBlocks() throws Exception {
    Node a = nodes.start(rpc("a").build());
    Node b = nodes.start("b", a);
    awaitPeers(a, 1);
    RpcClient rpc = RpcClient.of(a);
    assertThat(rpc.call("getblockcount").asInt()).isZero();
    JsonNode hashes = rpc.call("generatetoaddress", 3, rpc.call("getnewaddress").asText());
    assertThat(hashes).hasSize(3);
    assertThat(rpc.call("getblockcount").asInt()).isEqualTo(3);
    String tip = hashes.get(2).asText();
    assertThat(rpc.call("getbestblockhash").asText()).isEqualTo(tip);
    await("b at a's tip", () -> b.chain().tip().hash().toString().equals(tip));
    assertThat(rpc.call("getblockchaininfo").get("headers").asInt()).isEqualTo(3);
  }

  @Test
  void getpeerinfoShowsALinkFromBothEndsAndAddnodeConnects() throws Exception {
    // One link: no automatic connection back from a to b.
    Node a = nodes.start(rpc("a").maxOutbound(0).build());
    Node b = nodes.start(rpc("b").maxOutbound(0).addNode(TestNodes.address(a)).build());
    awaitPeers(a, 1);
    awaitPeers(b, 1);
    JsonNode atA = RpcClient.of(a).call("getpeerinfo");
    JsonNode atB = RpcClient.of(b).call("getpeerinfo");
    assertThat(atA).hasSize(1);
    assertThat(atB).hasSize(1);
    assertThat(atA.get(0).get("inbound").asBoolean()).isTrue();
    assertThat(atA.get(0).get("connection_type").asText()).isEqualTo("inbound");
    assertThat(atB.get(0).get("inbound").asBoolean()).isFalse();
    assertThat(atB.get(0).get("connection_type").asText()).isEqualTo("manual");
    assertThat(atB.get(0).get("addr").asText()).isEqualTo("127.0.0.1:" + a.p2pAddress().orElseThrow().getPort());
    assertThat(atB.get(0).get("subver").asText()).isEqualTo("/PriWatt:0.1.0/");
    JsonNode info = RpcClient.of(a).call("getnetworkinfo");
    assertThat(info.get("connections").asInt()).isEqualTo(1);
    assertThat(info.get("connections_in").asInt()).isEqualTo(1);

    Node c = nodes.start(rpc("c").maxOutbound(0).build());
    RpcClient atC = RpcClient.of(c);
    String target = TestNodes.address(a).toString();
    atC.call("addnode", target, "add");
    assertThat(atC.reply("addnode", target, "add").get("error").get("code").asInt()).isEqualTo(-23);
    awaitPeers(c, 1);
    assertThat(atC.call("getpeerinfo").get(0).get("addr").asText()).isEqualTo(target);
    assertThat(atC.reply("addnode", "not an address:x", "add").get("error").get("code").asInt()).isEqualTo(-8);

    long id = atC.call("getpeerinfo").get(0).get("id").asLong();
    atC.call("disconnectnode", "", id);
    await("c dropped peer " + id, () -> {
      try {
        return c.peers().stream().noneMatch(p -> p.id() == id); // the added peer comes back with a new id
      } catch (NodeException e) {
        return false;
      }
    });
    assertThat(atC.reply("disconnectnode", "", 999).get("error").get("code").asInt()).isEqualTo(-29);
  }

  @Test
  void sendrawtransactionIsRelayedToThePeersMempool() throws Exception {
    Node a = nodes.start(rpc("a").build());
    Node b = nodes.start("b", a);
    awaitPeers(a, 1);
    RpcClient rpc = RpcClient.of(a);
    rpc.call("generatetoaddress", 101, rpc.call("getnewaddress").asText());
    await("b synced", () -> b.chain().height() == 101);
    Transaction tx = a.wallet().createPayment(b.wallet().freshReceiveAddress(), Amount.ofSat(100_000_000));
    assertThat(a.mempool().contains(tx.txId())).isFalse();
    assertThat(rpc.call("sendrawtransaction", tx.toHex()).asText()).isEqualTo(tx.txId().toString());
    await("tx in b's mempool", () -> b.mempool().contains(tx.txId()));
  }

  @Test
  void theCookieIsOwnerOnlyWhileTheNodeRunsAndGoneAfter() throws Exception {
    Path dir = tmp.resolve("a");
    Node a = nodes.start(rpc("a").dataDir(dir).build());
    Path cookie = dir.resolve(".cookie");
    assertThat(a.rpcCookieFile()).contains(cookie);
    assertThat(Files.readString(cookie)).matches("__cookie__:[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie))).isEqualTo("rw-------");
    assertThat(RpcClient.of(a).call("getblockcount").asInt()).isZero();
    assertThat(RpcClient.withCredentials(RpcClient.hostPort(a), "__cookie__", "00".repeat(32))
        .status("getblockcount")).isEqualTo(401);
    a.close();
    assertThat(cookie).doesNotExist();
  }

  @Test
  void stopClosesTheWholeNode() throws Exception {
    Node a = nodes.start(rpc("a").build());
    Path cookie = a.rpcCookieFile().orElseThrow(); // in memory: in a temporary directory
    assertThat(RpcClient.of(a).call("stop").asText()).isEqualTo("PriWatt stopping");
    assertThat(a.awaitClose(TestNodes.WAIT)).isTrue();
    assertThat(a.rpcAddress()).isEmpty();
    assertThatThrownBy(a::peers).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.NOT_RUNNING);
    assertThat(cookie).doesNotExist();
    assertThat(cookie.getParent()).doesNotExist();
  }

  @Test
  void userAndPasswordInsteadOfACookie() throws Exception {
    Node a = nodes.start(rpc("a").rpcUser("alice").rpcPassword("s3cret").build());
    assertThat(a.rpcCookieFile()).isEmpty();
    String at = RpcClient.hostPort(a);
    assertThat(RpcClient.withCredentials(at, "alice", "s3cret").call("getblockcount").asInt()).isZero();
    assertThat(RpcClient.withCredentials(at, "alice", "wrong").status("getblockcount")).isEqualTo(401);
  }

  @Test
  void withoutAMarketTheMarketMethodsSaySoAndAServiceAddsMethods() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    NodeService hello = new NodeService() {
      private int height = -1;

      @Override
      public void start(Node node) {
        height = node.chain().height(); // the node's parts run when a service starts
      }

      @Override
      public List<RpcMethod> rpcMethods() {
        return List.of(new RpcMethod("hello", "test", "Says hello.", List.of(), "\"text\"",
            args -> com.fasterxml.jackson.databind.node.TextNode.valueOf("hello at " + height)));
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
    Node a = Node.create(rpc("a").build(), hello);
    try {
      a.start();
      RpcClient rpc = RpcClient.of(a);
      assertThat(rpc.call("hello").asText()).isEqualTo("hello at 0");
      JsonNode error = rpc.reply("listoffers").get("error");
      assertThat(error.get("code").asInt()).isEqualTo(-1);
      assertThat(error.get("message").asText()).isEqualTo("The energy market is not enabled on this node");
    } finally {
      a.close();
    }
    assertThat(closed).hasValue(1);
  }
}
