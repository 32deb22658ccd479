package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.msg.Identity;

/**
 * PriWatt's own methods over HTTP: identities and messages between two nodes of a regtest world
 * (each behind its own RPC server), offers and trades over a {@link MarketAccess}, and
 * {@code getnodemetrics}.
 */
class PriwattMethodsTest {
  static RegtestWorld world;
  static RpcServer alice;
  static RpcServer bob;
  static MessageAccess bobMessages;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final EcKey DSO = EcKey.generate();
  static final EcKey OWNER = EcKey.generate();
  static final List<Offer> BOARD = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    world = RegtestWorld.builder().build();
    ChainAccess chain = ChainAccess.of(world.chain(), world.pool(), null);
    MessageAccess aliceMessages = MessageAccess.of(world.node("alice"), world.pow(), 100);
    bobMessages = MessageAccess.of(world.node("bob"), world.pow(), 100);
    alice = RpcServer.builder(chain).port(0).credentials("u", "p".toCharArray()).messages(aliceMessages)
        .market(new FakeMarket()).metrics(() -> NodeMetrics.of(Map.of("p2p.blocks.relayed", 7L),
            Map.of("p2p.peers", 3.0), Map.of("p2p.block.propagation", new NodeMetrics.Timing(7, 12.5, 40, 90))))
        .start();
    bob = RpcServer.builder(chain).port(0).credentials("u", "p".toCharArray()).messages(bobMessages).start();
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    bob.close();
    world.close();
  }

  static JsonNode call(RpcServer s, String method, Object... params) throws Exception {
    String body = RpcFixture.request("2.0", method, params).toString();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/"))
        .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Basic dTpw").build(), HttpResponse.BodyHandlers.ofString());
    return RpcFixture.MAPPER.readTree(r.body());
  }

  @Test
  void identitiesAndMessagesTravelBetweenNodes() throws Exception {
    String from = call(alice, "createidentity").get("result").get("address").asText();
    String to = call(bob, "createidentity").get("result").get("address").asText();
    assertThat(from).startsWith("BM-");
    assertThat(call(alice, "listidentities").get("result").toString()).contains(from);
    JsonNode sent = call(alice, "sendmessage", from, to, "hello", "1 kWh at 0.001?");
    assertThat(sent.get("result").get("msgid").asText()).matches("[0-9a-f]{64}");
    String msgid = sent.get("result").get("msgid").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (bobMessages.inbox().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    JsonNode list = call(bob, "listmessages").get("result");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("msgid").asText()).isEqualTo(msgid);
    assertThat(list.get(0).get("from").asText()).isEqualTo(from);
    assertThat(list.get(0).get("to").asText()).isEqualTo(to);
    JsonNode m = call(bob, "getmessage", msgid).get("result");
    assertThat(m.get("subject").asText()).isEqualTo("hello");
    assertThat(m.get("message").asText()).isEqualTo("1 kWh at 0.001?");
    assertThat(call(bob, "getmessage", "00".repeat(32)).get("error").get("code").asInt()).isEqualTo(-5);
  }

  @Test
  void messageErrors() throws Exception {
    JsonNode e = call(alice, "sendmessage", "BM-nope", "BM-nope", "s", "b").get("error");
    assertThat(e.get("code").asInt()).isEqualTo(-5);
    assertThat(e.get("message").asText()).isEqualTo("Invalid Bitmessage address: BM-nope");
    String stranger = Identity.newIdentity().address().toString();
    JsonNode notOurs = call(alice, "sendmessage", stranger, stranger, "s", "b").get("error");
    assertThat(notOurs.get("message").asText()).isEqualTo("No identity of this node has the address " + stranger);
  }

  @Test
  void offersAndTrades() throws Exception {
    JsonNode created = call(alice, "createoffer", "ab".repeat(32), "0.0002", 600).get("result");
    assertThat(created.get("entry").asText()).isEqualTo("ab".repeat(32));
    assertThat(created.get("price_per_kwh").decimalValue()).isEqualByComparingTo("0.0002");
    assertThat(created.get("energy_wh").decimalValue()).isEqualByComparingTo("1500");
    JsonNode offers = call(alice, "listoffers").get("result");
    assertThat(offers).hasSize(1);
    assertThat(offers.get(0).get("total_price").toString()).isEqualTo("0.00030000");
    JsonNode unknown = call(alice, "createoffer", "cd".repeat(32), "0.0002").get("error");
    assertThat(unknown.get("code").asInt()).isEqualTo(-1);
    assertThat(unknown.get("message").asText()).startsWith("Offer not created: ").contains("no such entry");
    JsonNode trades = call(alice, "listtrades").get("result");
    assertThat(trades.get(0).get("role").asText()).isEqualTo("seller");
    assertThat(trades.get(0).has("failure")).isFalse();
    JsonNode none = call(bob, "listoffers").get("error");
    assertThat(none.get("message").asText()).isEqualTo("The energy market is not enabled on this node");
  }

  @Test
  void getnodemetrics() throws Exception {
    JsonNode m = call(alice, "getnodemetrics").get("result");
    assertThat(m.toString()).isEqualTo("{\"counters\":{\"p2p.blocks.relayed\":7},\"gauges\":{\"p2p.peers\":3},"
        + "\"timings\":{\"p2p.block.propagation\":{\"count\":7,\"median_ms\":12.5,\"p90_ms\":40,\"max_ms\":90}}}");
  }

  /** A market whose board shows the offers created through it. */
  static final class FakeMarket implements MarketAccess {
    @Override
    public List<Offer> offers() {
      synchronized (BOARD) {
        return List.copyOf(BOARD);
      }
    }

    @Override
    public Offer createOffer(EntryId entry, Amount pricePerKwh, long ttlSeconds) throws EnergyException {
      if (!entry.equals(EntryId.fromBytes(org.priwatt.crypto.Hex.decode("ab".repeat(32))))) {
        throw new EnergyException(EnergyError.MALFORMED, "no such entry");
      }
      long now = System.currentTimeMillis() / 1000;
      EntryCertificate c = EntryCertificate.issue(DSO, entry, OWNER.publicKey(), EnergyAmount.ofWattHours(1500), now);
      Offer o = Offer.create(c, OWNER, pricePerKwh, Identity.random(new SecureRandom(), 1, 1).publicIdentity(), now,
          now + ttlSeconds);
      synchronized (BOARD) {
        BOARD.add(o);
      }
      return o;
    }

    @Override
    public List<Trade> trades() {
      return List.of(new Trade(EntryId.fromBytes(new byte[32]), "seller", "OFFERED", EnergyAmount.ofWattHours(1500),
          Optional.empty(), Optional.empty()));
    }
  }
}
