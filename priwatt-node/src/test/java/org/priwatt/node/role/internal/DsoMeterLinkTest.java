package org.priwatt.node.role.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.node.TestNodes.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.node.Node;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.TestNodes;
import org.priwatt.node.role.MeterKeys;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;

/**
 * The meter link attacked over the network: Mallory, a stranger who knows the DSO's address,
 * sends readings to a DSO node with one registered meter. Unregistered, forged, altered and
 * relayed readings, replays and older sequence numbers (also after the DSO restarts) are dropped
 * with their reason and never become entries; the honest meter's readings do.
 */
class DsoMeterLinkTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TestNodes nodes = new TestNodes();
  private final EcKey meter = EcKey.generate();

  @AfterEach
  void stop() {
    nodes.close();
  }

  /** Mallory: a plain node linked to {@code dso}, and the DSO's public identity as she fetched it. */
  private record Sender(Node node, PublicIdentity dso) {}

  private Sender mallory(Node dso) throws Exception {
    Node m = nodes.start(TestNodes.config("mallory").addNode(TestNodes.address(dso)).listen(false).build());
    TestNodes.awaitPeers(m, 1);
    PublicIdentity d = m.messages().requestPubkey(dso.role().orElseThrow().dsoAddress(), 3600).get(30, TimeUnit.SECONDS);
    return new Sender(m, d);
  }

  private static Identity session() {
    return Identity.random(RANDOM, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(TestNodes.EASY_POW);
  }

  private static MeterReading.Context context(DsoAgent dso, Identity from) {
    return new MeterReading.Context(ChainParameters.REGTEST.id(), ChainParameters.REGTEST.magic(), dso.dsoAddress(),
        from.address());
  }

  private static MeterReading sign(EcKey by, DsoAgent dso, Identity from, long seq, long start, long end) {
    return MeterReading.sign(by, context(dso, from), seq, start, end, EcKey.generate().publicKey(),
        EnergyAmount.ofWattHours(700));
  }

  private static void send(Sender s, Identity from, MessageContent c) throws Exception {
    s.node().messages().sendMessageAsync(from, s.dso(), c, 3600).get(30, TimeUnit.SECONDS);
  }

  private static void expect(DsoAgent dso, MeterRefusal why, long count) throws InterruptedException {
    await(why + " x" + count + "; " + dso.summary(), () -> dso.refused(why) == count);
  }

  @Test
  void onlyTheRegisteredMetersFreshSignedReadingsBecomeEntriesAlsoAfterARestart(@TempDir Path tmp) throws Exception {
    NodeConfig config = TestNodes.config("dso").dataDir(tmp.resolve("dso"))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).meter(meter.publicKey()).build()).build();
    Node node = nodes.start(config);
    DsoAgent dso = (DsoAgent) node.role().orElseThrow();
    Sender mallory = mallory(node);
    long now = System.currentTimeMillis() / 1000;

    // A stranger's own meter key, correctly signed.
    Identity s1 = session();
    send(mallory, s1, sign(EcKey.generate(), dso, s1, 1, now - 60, now).content());
    expect(dso, MeterRefusal.UNREGISTERED, 1);
    // The registered meter's key with a signature by another key.
    Identity s2 = session();
    MeterReading forged = sign(EcKey.generate(), dso, s2, 1, now - 60, now);
    send(mallory, s2, new MeterReading(meter.publicKey(), 1, now - 60, now, forged.ownerKey(), forged.energy(),
        forged.signature()).content());
    expect(dso, MeterRefusal.BAD_SIGNATURE, 1);
    // An honest reading with its energy raised after signing.
    Identity s3 = session();
    MeterReading honest = sign(meter, dso, s3, 1, now - 60, now);
    send(mallory, s3, new MeterReading(meter.publicKey(), 1, now - 60, now, honest.ownerKey(),
        EnergyAmount.ofWattHours(900_000), honest.signature()).content());
    expect(dso, MeterRefusal.BAD_SIGNATURE, 2);
    // The honest reading re-sent from Mallory's own session, to receive the entry's secrets.
    send(mallory, s1, honest.content());
    expect(dso, MeterRefusal.BAD_SIGNATURE, 3);
    assertThat(dso.registry().entries()).isEmpty();

    // The honest reading from its own session becomes an entry.
    send(mallory, s3, honest.content());
    await("the honest entry; " + dso.summary(), () -> dso.registry().entries().size() == 1);
    assertThat(dso.registry().entries().get(0).energy()).isEqualTo(EnergyAmount.ofWattHours(700));
    // Replayed, and an older sequence number with a later interval.
    send(mallory, s3, honest.content());
    expect(dso, MeterRefusal.REPLAYED, 1);
    Identity s4 = session();
    send(mallory, s4, sign(meter, dso, s4, 1, now, now + 1).content());
    expect(dso, MeterRefusal.REPLAYED, 2);
    assertThat(dso.registry().entries()).hasSize(1);
    assertThat(Files.readString(tmp.resolve("dso").resolve("roles").resolve(MeterAuthenticator.STATE_FILE)))
        .contains(Hex.encode(meter.publicKey().withCompression(true).encoded()) + " 1 " + now);

    // The restarted DSO still refuses the replay, and takes the meter's next reading.
    node.close();
    Node again = nodes.start(config.toBuilder().port(0).build());
    DsoAgent dso2 = (DsoAgent) again.role().orElseThrow();
    Sender mallory2 = mallory(again);
    send(mallory2, s3, honest.content());
    expect(dso2, MeterRefusal.REPLAYED, 1);
    assertThat(dso2.registry().entries()).hasSize(1);
    Identity s5 = session();
    send(mallory2, s5, sign(meter, dso2, s5, 2, now, now + 1).content());
    await("the next honest entry; " + dso2.summary(), () -> dso2.registry().entries().size() == 2);
    assertThat(dso2.summary()).containsEntry("readings", 1L);
  }

  @Test
  void theDsoReadsItsMetersFileAndRefusesEveryReadingWithoutMeters(@TempDir Path tmp) throws Exception {
    Path roles = tmp.resolve("dso").resolve("roles");
    Files.createDirectories(roles);
    Files.writeString(roles.resolve(MeterKeys.METERS_FILE), "# the meters\n"
        + Hex.encode(meter.publicKey().withCompression(true).encoded()) + "\n");
    Node node = nodes.start(TestNodes.config("dso").dataDir(tmp.resolve("dso"))
        .role(RoleConfig.builder(Role.DSO).tick(Duration.ofMillis(100)).build()).build());
    DsoAgent dso = (DsoAgent) node.role().orElseThrow();
    Sender mallory = mallory(node);
    long now = System.currentTimeMillis() / 1000;
    Identity s1 = session();
    send(mallory, s1, sign(meter, dso, s1, 1, now - 60, now).content());
    await("the entry; " + dso.summary(), () -> dso.registry().entries().size() == 1);

    Node bare = nodes.start(TestNodes.config("bare").role(RoleConfig.builder(Role.DSO).build()).build());
    DsoAgent none = (DsoAgent) bare.role().orElseThrow();
    Sender m2 = mallory(bare);
    Identity s2 = session();
    send(m2, s2, sign(meter, none, s2, 1, now - 60, now).content());
    expect(none, MeterRefusal.UNREGISTERED, 1);
    assertThat(none.registry().entries()).isEmpty();
  }
}
