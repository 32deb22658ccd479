package org.priwatt.node.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.ledger.ChainPaymentLedger;
import org.priwatt.node.Node;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.RpcClient;
import org.priwatt.node.TestNodes;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.script.ScriptTemplates;

/**
 * Case 2 across three in-process nodes linked over loopback P2P (DSO, prosumer with channels,
 * consumer), driven over the consumer's JSON-RPC as a user would: the consumer opens a channel on
 * the prosumer's channel offer, pays four increments, closes; the close pays the prosumer 4 × p − f
 * on chain, into the prosumer's node wallet, and the consumer holds the four parts' secrets. Also each channel method's typed
 * errors, and a prosumer's channel server resumed from its data directory.
 */
class RoleChannelsTest {
  /** Refund height 400 blocks past the tip: at one block per 400 ms, time enough for the whole test. */
  private static final long REFUND_DELAY = 400;
  /** Generous: two cores shared with other test JVMs slow blocks, messages and their proof of work. */
  private static final Duration LONG = Duration.ofSeconds(60);
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stop() {
    nodes.close();
  }

  @Test
  void aConsumerOpensPaysFourIncrementsAndClosesOverRpc(@TempDir Path tmp) throws Exception {
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(400))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    Node seller = nodes.start(TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .rpcEnabled(true).rpcPort(0)
        .role(party(Role.PROSUMER, d).channels(true).maxOpenOffers(1).build()).build());
    Node buyer = nodes.start(TestNodes.config("buyer").addNode(TestNodes.address(dso)).rpcEnabled(true).rpcPort(0)
        .role(party(Role.CONSUMER, d).build()).build());
    RoleAgent s = seller.role().orElseThrow();
    RoleAgent b = buyer.role().orElseThrow();
    RpcClient rpc = RpcClient.of(buyer);

    await("a channel offer on the buyer's channel board; seller " + s.summary(), LONG,
        () -> !b.channelOffers().isEmpty());
    // Case 2 offers stay off the Case 1 board, so no escrow buyer answers a channel server.
    assertThat(b.offers()).isEmpty();
    await("the buyer's wallet funded", LONG,
        () -> buyer.wallet().balance().confirmed().sat() >= 200_000);
    // Opening needs the DSO's keys too (a getpubkey round trip), which may come after the coins.
    await("the buyer found the DSO", LONG, () -> Boolean.TRUE.equals(b.summary().get("dsoFound")));
    JsonNode offers = rpc.call("listchanneloffers");
    String entry = offers.get(0).get("entry").asText();

    assertThat(error(rpc.reply("openchannel", "00".repeat(32), 4))).isEqualTo(RpcError.INVALID_ADDRESS_OR_KEY.code());
    assertThat(error(rpc.reply("openchannel", entry, 101))).isEqualTo(RpcError.INVALID_PARAMETER.code());
    JsonNode opened = rpc.call("openchannel", entry, 4);
    String name = opened.get("name").asText();
    assertThat(opened.get("role").asText()).isEqualTo("client");
    assertThat(error(rpc.reply("paychannel", "client-999999", 1))).isEqualTo(RpcError.INVALID_ADDRESS_OR_KEY.code());

    await("the channel open; " + channel(b, name), LONG,
        () -> channel(b, name).view().phase().equals("OPEN"));
    JsonNode paid = rpc.call("paychannel", name, 4);
    assertThat(paid.get("requested").asInt()).isEqualTo(4);
    await("four secrets; " + channel(b, name), LONG, () -> channel(b, name).secrets() == 4);
    assertThat(error(rpc.reply("paychannel", name, 1))).isEqualTo(RpcError.INVALID_PARAMETER.code());

    ChannelInfo before = channel(b, name);
    ChannelTerms t = before.terms().orElseThrow();
    JsonNode shown = rpc.call("getchannel", t.id().toString());
    assertThat(shown.get("name").asText()).isEqualTo(name);
    assertThat(shown.get("increments_done").asInt()).isEqualTo(4);
    assertThat(shown.get("increments_left").asInt()).isZero();
    assertThat(shown.get("blocks_until_refund").asLong()).isPositive();
    long p = t.incrementPrice().sat();
    assertThat(before.view().serverIfClosedNow().sat()).isEqualTo(4 * p - t.fee().sat());

    rpc.call("closechannel", name);
    await("the channel closed; " + channel(b, name), LONG,
        () -> channel(b, name).view().phase().equals("CLOSED"));
    assertThat(error(rpc.reply("closechannel", name))).isEqualTo(RpcError.MISC_ERROR.code());
    ChainPaymentLedger ledger = ChainPaymentLedger.attach(seller.chain(), seller.mempool());
    try {
      await("the close on the seller's chain", LONG, () -> ledger.unspent(ScriptTemplates.p2pkhOf(t.script().server()), 1)
          .stream().mapToLong(u -> u.output().value()).sum() == 4 * p - t.fee().sat());
    } finally {
      ledger.close();
    }
    // The close pays a key of the prosumer's own wallet: the earnings are spendable coins there.
    await("the close's 4 x p - f among the seller's spendable wallet coins; " + seller.wallet(), LONG,
        () -> seller.wallet().spendableCoins().stream().anyMatch(u -> u.output().value() == 4 * p - t.fee().sat()
            && u.output().scriptPubKey().equals(ScriptTemplates.p2pkhOf(t.script().server()))));
    await("the seller's server closed", LONG, () -> s.channels().stream()
        .anyMatch(c -> c.entry().toString().equals(entry) && c.view().phase().equals("CLOSED")
            && c.view().incrementsDone() == 4));
    // The prosumer serves: it neither pays nor opens channels.
    RpcClient atSeller = RpcClient.of(seller);
    String served = s.channels().stream().filter(c -> c.entry().toString().equals(entry)).findFirst().orElseThrow()
        .name();
    assertThat(error(atSeller.reply("paychannel", served, 1))).isEqualTo(RpcError.MISC_ERROR.code());
    assertThat(error(atSeller.reply("openchannel", entry))).isEqualTo(RpcError.MISC_ERROR.code());
    ChannelInfo after = channel(b, name);
    assertThat(after.secrets()).isEqualTo(4);
    assertThat(after.closedBy()).isPresent();
    assertThat(rpc.call("listchannels").size()).isEqualTo(1);
  }

  @Test
  void aProsumerResumesItsChannelServerAfterARestart(@TempDir Path tmp) throws Exception {
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(400))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    NodeConfig sellerConfig = TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).channels(true).maxOpenOffers(1).build()).build();
    Node seller = nodes.start(sellerConfig);
    await("the seller's channel offer", LONG,
        () -> seller.role().orElseThrow().channels().stream().anyMatch(c -> c.view().phase().equals("OFFERED")));
    ChannelInfo offered = seller.role().orElseThrow().channels().get(0);
    // A ready generation session is handed to a channel server, never offered on the Case 1 board.
    assertThat(seller.role().orElseThrow().trades()).noneMatch(t -> t.state().equals("OFFERED"));
    seller.close();

    Node again = nodes.start(sellerConfig);
    await("the resumed server", LONG, () -> again.role().orElseThrow().channels().stream()
        .anyMatch(c -> c.name().equals(offered.name()) && c.entry().equals(offered.entry())
            && c.view().phase().equals("OFFERED")));
  }

  @Test
  void aConsumersChannelResumesAfterARestartAndPaysOn(@TempDir Path tmp) throws Exception {
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(400))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    nodes.start(TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).channels(true).maxOpenOffers(1).build()).build());
    NodeConfig buyerConfig = TestNodes.config("buyer").dataDir(tmp.resolve("buyer")).addNode(TestNodes.address(dso))
        .role(party(Role.CONSUMER, d).build()).build();
    Node buyer = nodes.start(buyerConfig);
    RoleAgent b = buyer.role().orElseThrow();
    await("a channel offer, a funded wallet and the DSO found", LONG, () -> !b.channelOffers().isEmpty()
        && buyer.wallet().balance().confirmed().sat() >= 200_000 && Boolean.TRUE.equals(b.summary().get("dsoFound")));
    String name = b.openChannel(b.channelOffers().get(0).entry().toString(), 3).name();
    await("the channel open; " + channel(b, name), LONG,
        () -> channel(b, name).view().phase().equals("OPEN"));
    b.pay(name, 1);
    await("the first secret", LONG, () -> channel(b, name).secrets() == 1);
    buyer.close();

    Node again = nodes.start(buyerConfig);
    RoleAgent b2 = again.role().orElseThrow();
    await("the resumed channel", LONG, () -> b2.channel(name).filter(c -> c.view().phase().equals("OPEN")).isPresent());
    assertThat(channel(b2, name).secrets()).isEqualTo(1);
    assertThat(channel(b2, name).requested()).isEqualTo(1);
    b2.pay(name, 2);
    await("two more secrets after the restart", LONG, () -> channel(b2, name).secrets() == 3);
  }

  @Test
  void aConsumerWithChannelsBuysByItselfAnIncrementAtATime(@TempDir Path tmp) throws Exception {
    EcPublicKey meter = MeterKeys.create(tmp.resolve("seller"), "", new SecureRandom());
    Node dso = nodes.start(TestNodes.config("dso").mine(true).mineInterval(Duration.ofMillis(400))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter).build()).build());
    RoleAgent d = dso.role().orElseThrow();
    nodes.start(TestNodes.config("seller").dataDir(tmp.resolve("seller")).addNode(TestNodes.address(dso))
        .role(party(Role.PROSUMER, d).channels(true).maxOpenOffers(1).build()).build());
    Node buyer = nodes.start(TestNodes.config("buyer").addNode(TestNodes.address(dso))
        .role(party(Role.CONSUMER, d).channels(true).channelPayInterval(Duration.ofSeconds(1)).build()).build());
    RoleAgent b = buyer.role().orElseThrow();
    await("a channel bought to its last increment and closed; " + b.channels(), LONG,
        () -> b.channels().stream().anyMatch(c -> c.view().phase().equals("CLOSED") && c.view().incrementsLeft() == 0
            && c.secrets() == c.terms().orElseThrow().increments()));
    assertThat(b.trades()).isEmpty();
  }

  private static ChannelInfo channel(RoleAgent agent, String name) {
    return agent.channel(name).orElseThrow();
  }

  private static int error(JsonNode reply) {
    assertThat(reply.get("error").isObject()).as("an error in %s", reply).isTrue();
    return reply.get("error").get("code").asInt();
  }

  static RoleConfig.Builder party(Role role, RoleAgent dso) {
    return RoleNodesTest.party(role, dso).channelRefundDelayBlocks(REFUND_DELAY);
  }
}
