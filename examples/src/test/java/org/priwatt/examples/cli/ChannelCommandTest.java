package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelView;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.msg.Identity;
import org.priwatt.node.rpc.ChannelAccess;

/**
 * {@code priwatt channel} against a real RPC server on a loopback port whose channels are a
 * recording stand-in: each subcommand calls its method with the arguments converted as {@code
 * priwatt rpc} converts them, prints as bitcoin-cli, and exits with the RPC error's code.
 */
class ChannelCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY = "ab".repeat(32);

  @TempDir
  Path dataDir;

  private final Recording channels = new Recording();
  private RpcNode node;

  @BeforeEach
  void start() throws Exception {
    node = RpcNode.start(b -> b.cookie(dataDir).channels(channels));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private Cli channel(String sub, String... args) {
    List<String> all = new ArrayList<>(List.of("channel", sub, "-datadir=" + dataDir, node.portOption()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void eachSubcommandCallsItsMethodAndPrintsTheChannel() throws Exception {
    Cli opened = channel("open", ENTRY, "4");
    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(channels.calls).containsExactly("open " + ENTRY + " 4");
    JsonNode c = JSON.readTree(opened.out());
    assertThat(c.get("name").asText()).isEqualTo("client-000000");
    assertThat(c.get("state").asText()).isEqualTo("OPEN");
    assertThat(c.get("capacity").decimalValue()).isEqualByComparingTo("0.00032000");
    assertThat(c.get("blocks_until_refund").asLong()).isEqualTo(120);
    assertThat(opened.out()).startsWith("{\n  \"name\": \"client-000000\",\n");

    assertThat(channel("pay", "client-000000", "2").code()).isZero();
    assertThat(channel("pay", "client-000000").code()).isZero();
    assertThat(channels.calls).endsWith("pay client-000000 2", "pay client-000000 1");
    Cli shown = channel("show", "client-000000");
    assertThat(shown.code()).as(shown.toString()).isZero();
    assertThat(JSON.readTree(shown.out()).get("server_if_closed_now").decimalValue()).isEqualByComparingTo("0.00015000");
    Cli listed = channel("list");
    assertThat(JSON.readTree(listed.out()).size()).isEqualTo(1);
    Cli offers = channel("offers");
    assertThat(JSON.readTree(offers.out()).get(0).get("entry").asText()).isEqualTo(ENTRY);
  }

  @Test
  void rpcErrorsExitWithTheirCodeAndBadArgumentsAreUsageErrors() {
    Cli unknown = channel("show", "client-000009");
    assertThat(unknown.code()).isEqualTo(5);
    assertThat(unknown.err()).startsWith("error code: -5\nerror message:\nChannel not found: client-000009");
    Cli notOffered = channel("open", "cd".repeat(32));
    assertThat(notOffered.code()).isEqualTo(5);
    assertThat(notOffered.err()).contains("Channel not opened: NOT_OFFERED");
    Cli closed = channel("close", "client-000000");
    assertThat(closed.code()).isEqualTo(1);
    assertThat(closed.err()).startsWith("error code: -1\n").contains("NOT_OPEN");
    Cli tooMany = channel("pay", "client-000000", "101");
    assertThat(tooMany.code()).isEqualTo(8);

    assertThat(channel("pay", "client-000000", "two").code()).isEqualTo(Main.USAGE);
    assertThat(channel("show").code()).isEqualTo(Main.USAGE);
    assertThat(channel("show", "a", "b").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("channel", "list", "-rpcport=1", "-datadir=" + dataDir).code()).isEqualTo(Main.FAILURE);
  }

  /** One channel, and every call it was asked for. */
  static final class Recording implements ChannelAccess {
    private static final EcKey DSO = EcKey.generate();
    private static final EcKey OWNER = EcKey.generate();
    final List<String> calls = new ArrayList<>();
    private final Offer offer;

    Recording() {
      long now = System.currentTimeMillis() / 1000;
      EntryCertificate c = EntryCertificate.issue(DSO, EntryId.fromBytes(Hex.decode(ENTRY)), OWNER.publicKey(),
          EnergyAmount.ofWattHours(1600), now);
      offer = Offer.create(c, OWNER, Amount.ofSat(20_000), Identity.random(new SecureRandom(), 1, 1).publicIdentity(),
          now, now + 3600);
    }

    private ChannelInfo info() {
      ChannelView v = new ChannelView("OPEN", Amount.ofSat(32_000), Amount.ofSat(16_000), Amount.ofSat(16_000), 2, 2,
          320, 120, Amount.ofSat(15_000), Amount.ofSat(16_000), false);
      return new ChannelInfo("client-000000", "client", offer, Optional.empty(), Optional.empty(), v, 2, 2,
          Optional.empty(), Optional.empty());
    }

    @Override
    public List<Offer> channelOffers() {
      return List.of(offer);
    }

    @Override
    public synchronized List<ChannelInfo> channels() {
      return List.of(info());
    }

    @Override
    public synchronized ChannelInfo openChannel(String spec, int increments) throws ChannelException {
      if (!spec.equals(ENTRY)) {
        throw new ChannelException(ChannelError.NOT_OFFERED, "no live channel offer " + spec);
      }
      calls.add("open " + spec + " " + increments);
      return info();
    }

    @Override
    public synchronized ChannelInfo pay(String name, int count) {
      calls.add("pay " + name + " " + count);
      return info();
    }

    @Override
    public ChannelInfo close(String name) throws ChannelException {
      throw new ChannelException(ChannelError.NOT_OPEN, "channel " + name + " is CLOSING");
    }
  }
}
