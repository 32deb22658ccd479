package org.priwatt.node.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.Identity;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.priwatt.node.NodeProperties;

/** The role options: parsed from a node's properties, defaults, and the combinations refused. */
class RoleConfigTest {
  private static final String DSO = Identity.newIdentity().address().toString();
  private static final String KEY = Hex.encode(EcKey.generate().publicKey().withCompression(true).encoded());

  @Test
  void roleKeysBecomeARoleConfiguration() throws Exception {
    Properties p = new Properties();
    p.putAll(Map.of("role", "prosumer", "dso", DSO, "dso-key", KEY, "pv-area", "25", "pv-day", "2025-03-21",
        "pv-latitude", "40.4", "pv-longitude", "-3.7", "meter-interval-ms", "5000", "price", "18000",
        "trade-timeout-ms", "30000"));
    RoleConfig r = NodeProperties.parse(p).role().orElseThrow();
    assertThat(r.role()).isEqualTo(Role.PROSUMER);
    assertThat(r.dso().orElseThrow().toString()).isEqualTo(DSO);
    assertThat(Hex.encode(r.dsoKey().orElseThrow().encoded())).isEqualTo(KEY);
    assertThat(r.pvArea()).isEqualTo(25);
    assertThat(r.pvDay()).isEqualTo(LocalDate.of(2025, 3, 21));
    assertThat(r.latitude()).isEqualTo(40.4);
    assertThat(r.longitude()).isEqualTo(-3.7);
    assertThat(r.meterInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.pricePerKwh()).isEqualTo(18_000);
    assertThat(r.tradeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(NodeProperties.parse(new Properties()).role()).isEmpty();
    assertThat(r.channels()).isFalse();
    assertThat(r.channelRefundDelayBlocks()).isZero();
  }

  @Test
  void channelKeysTurnCaseTwoOn() throws Exception {
    Properties p = new Properties();
    p.putAll(Map.of("role", "consumer", "dso", DSO, "dso-key", KEY, "channels", "true",
        "channel-pay-interval-ms", "2000", "channel-refund-delay", "400"));
    RoleConfig r = NodeProperties.parse(p).role().orElseThrow();
    assertThat(r.channels()).isTrue();
    assertThat(r.channelPayInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.channelRefundDelayBlocks()).isEqualTo(400);
  }

  @Test
  void aDsoNeedsNothingElse() throws Exception {
    Properties p = new Properties();
    p.put("role", "DSO");
    NodeConfig c = NodeProperties.parse(p);
    assertThat(c.role().orElseThrow().role()).isEqualTo(Role.DSO);
    assertThat(c.role().orElseThrow().dso()).isEmpty();
    assertThat(c.toString()).contains("role dso");
  }

  @Test
  void aDsoRegistersMeterKeys() throws Exception {
    EcKey m = EcKey.generate();
    Properties p = new Properties();
    p.put("role", "dso");
    p.put("meter", KEY + ", " + Hex.encode(m.publicKey().withCompression(false).encoded()));
    RoleConfig r = NodeProperties.parse(p).role().orElseThrow();
    assertThat(r.meters()).containsExactlyInAnyOrder(m.publicKey().withCompression(true),
        org.priwatt.crypto.EcPublicKey.decode(Hex.decode(KEY)));
    assertThat(RoleConfig.builder(Role.DSO).build().meters()).isEmpty();
  }

  @Test
  void badRoleSettingsAreRefused() {
    for (Map<String, String> bad : new Map[] {
        Map.of("meter", KEY),
        Map.of("role", "dso", "meter", KEY + ",zz"),
        Map.of("role", "dso", "meter", "02ff"),
        Map.of("role", "prosumer", "dso", DSO, "dso-key", KEY, "meter", KEY),
        Map.of("role", "miner"),
        Map.of("role", "consumer"),
        Map.of("role", "consumer", "dso", DSO),
        Map.of("role", "consumer", "dso", "BM-nonsense", "dso-key", KEY),
        Map.of("role", "consumer", "dso", DSO, "dso-key", "02ff"),
        Map.of("role", "prosumer", "dso", DSO, "dso-key", KEY, "pv-day", "21.6.2025"),
        Map.of("role", "prosumer", "dso", DSO, "dso-key", KEY, "pv-latitude", "91"),
        Map.of("role", "consumer", "dso", DSO, "dso-key", KEY, "budget", "-1"),
        Map.of("role", "consumer", "dso", DSO, "dso-key", KEY, "channel-refund-delay", "5"),
        Map.of("role", "consumer", "dso", DSO, "dso-key", KEY, "channel-pay-interval-ms", "0"),
        Map.of("price", "100")}) {
      Properties p = new Properties();
      p.putAll(bad);
      assertThatThrownBy(() -> NodeProperties.parse(p)).as(bad.toString()).isInstanceOf(NodeException.class)
          .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.INVALID_CONFIG);
    }
  }

  @Test
  void rolesHaveTheirCommandLineNames() {
    for (Role r : Role.values()) {
      assertThat(Role.parse(r.id())).isEqualTo(r);
    }
    assertThatThrownBy(() -> Role.parse("bank")).isInstanceOf(IllegalArgumentException.class);
  }
}
