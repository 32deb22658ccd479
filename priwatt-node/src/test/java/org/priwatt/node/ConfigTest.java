package org.priwatt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.params.ChainParameters;

/** Host:port parsing, the properties file of node processes, and the configuration's own checks. */
class ConfigTest {
  @Test
  void hostPortsParse() throws Exception {
    assertThat(HostPort.parse("10.0.0.1:8333", 1)).isEqualTo(new HostPort("10.0.0.1", 8333));
    assertThat(HostPort.parse("example.org", 18444)).isEqualTo(new HostPort("example.org", 18444));
    assertThat(HostPort.parse("[::1]:9", 1)).isEqualTo(new HostPort("::1", 9));
    assertThat(HostPort.parse("[::1]", 7)).isEqualTo(new HostPort("::1", 7));
    assertThat(HostPort.parse("::1", 7)).isEqualTo(new HostPort("::1", 7));
    assertThat(new HostPort("::1", 9).toString()).isEqualTo("[::1]:9");
    for (String bad : new String[] {"", "host:", "host:0", "host:70000", "host:x", "[::1", "[::1]x"}) {
      assertThatThrownBy(() -> HostPort.parse(bad, 1)).as(bad).isInstanceOf(NodeException.class)
          .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.INVALID_CONFIG);
    }
  }

  @Test
  void propertiesBecomeAConfiguration() throws Exception {
    Properties p = NodeProperties.of(Map.of("network", "priwatt", "datadir", "/tmp/x", "port", "0", "addnode",
        "10.0.0.1:1, 10.0.0.2", "mine", "true", "mine-interval-ms", "250", "max-inbound", "5",
        "rpc-user", "alice", "rpc-password", "secret", "wallet-passphrase", "hunter2"));
    NodeConfig c = NodeProperties.parse(p);
    assertThat(c.network()).isEqualTo(ChainParameters.PRIWATT);
    assertThat(c.dataDir()).contains(Path.of("/tmp/x"));
    assertThat(c.addNodes()).containsExactly(new HostPort("10.0.0.1", 1),
        new HostPort("10.0.0.2", ChainParameters.PRIWATT.p2pPort()));
    assertThat(c.mine()).isTrue();
    assertThat(c.mineInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.maxInbound()).isEqualTo(5);
    assertThat(c.toString()).doesNotContain("secret").doesNotContain("hunter2");
    Properties mem = new Properties();
    mem.putAll(Map.of("datadir", "/tmp/x", "in-memory", "true"));
    assertThat(NodeProperties.parse(mem).inMemory()).isTrue();
  }

  @Test
  void unknownKeysAndBadValuesAreRefused() {
    for (Map<String, String> bad : java.util.List.of(Map.of("prot", "1"), Map.of("port", "x"),
        Map.of("network", "mainnet"), Map.of("mine", "maybe"), Map.of("max-inbound", "-1"), Map.of("rpc-password", "secret"),
        Map.of("connect", "a:1,b:2,c:3,d:4,e:5,f:6,g:7,h:8,i:9"))) {
      Properties p = new Properties();
      p.putAll(bad);
      assertThatThrownBy(() -> NodeProperties.parse(p)).as(bad.toString()).isInstanceOf(NodeException.class)
          .extracting(e -> ((NodeException) e).error()).isEqualTo(NodeError.INVALID_CONFIG);
    }
  }

  @Test
  void theDefaultsAreCores() {
    NodeConfig c = NodeConfig.builder().build();
    assertThat(c.maxInbound()).isEqualTo(117);
    assertThat(c.maxOutbound()).isEqualTo(8);
    assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.pingInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.pingTimeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(c.banDuration()).isEqualTo(Duration.ofHours(24));
    assertThat(c.port()).isEqualTo(ChainParameters.REGTEST.p2pPort());
    assertThat(c.inMemory()).isTrue();
    assertThatThrownBy(() -> NodeConfig.builder().pingInterval(Duration.ofMinutes(30)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
