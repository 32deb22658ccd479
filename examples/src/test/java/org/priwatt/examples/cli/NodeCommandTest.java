package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code priwatt node} and {@code priwatt testnet}: a node runs for its duration and stops
 * cleanly, or when its RPC is told to stop; wrong combinations exit 2; a testnet of three processes converges on one chain.
 */
class NodeCommandTest {
  @Test
  void aNodeRunsForItsDurationAndStops(@TempDir Path tmp) {
    Cli r = Cli.run("node", "--datadir", tmp.resolve("n").toString(), "--bind", "127.0.0.1", "--port", "0",
        "--rpc-port", "0", "--duration", "1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("node node on regtest: p2p 127.0.0.1:").contains("height 0").contains("stopped")
        .contains("rpc: http://127.0.0.1:").contains("(cookie " + tmp.resolve("n/.cookie") + ")");
    assertThat(tmp.resolve("n/.cookie")).doesNotExist();
    assertThat(tmp.resolve("n/chainstate")).isDirectory();
    assertThat(tmp.resolve("n/wallet.dat")).isRegularFile();
  }

  @Test
  void theRpcStopEndsTheNodeWithExitZero(@TempDir Path tmp) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread node = new Thread(() -> code.set(Main.run(new String[] {"node", "--datadir", tmp.resolve("n").toString(),
        "--bind", "127.0.0.1", "--port", "0", "--rpcport", "0"}, new PrintWriter(out, true), new PrintWriter(err, true))));
    node.start();
    Pattern url = Pattern.compile("rpc: (http://\\S+) \\(cookie (\\S+)\\)");
    Matcher m;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(m = url.matcher(out.toString())).find()) {
      assertThat(node.isAlive()).as(out + "" + err).isTrue();
      assertThat(System.nanoTime()).as("no rpc line within 60 s: " + out).isLessThan(deadline);
      Thread.sleep(20);
    }
    String cookie = Files.readString(Path.of(m.group(2)), StandardCharsets.UTF_8);
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cookie.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"stop\",\"params\":[]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.body()).contains("\"result\":\"PriWatt stopping\"");
    node.join(Duration.ofSeconds(30).toMillis());
    assertThat(node.isAlive()).as(out.toString()).isFalse();
    assertThat(code).as(out + "" + err).hasValue(Main.OK);
    assertThat(out.toString()).contains("node node stopped");
    assertThat(Path.of(m.group(2))).doesNotExist();
  }

  @Test
  void wrongCombinationsAndValuesExitTwo() {
    assertThat(Cli.run("node", "--in-memory", "--datadir", "x").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--network", "mainnet").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--connect", "a:1", "--addnode", "b:2").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--addnode", "host:notaport", "--duration", "1").code())
        .isEqualTo(Main.FAILURE);
    assertThat(Cli.run("testnet", "--nodes", "0").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--rpc-user", "alice").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--help").out()).contains("--addnode").contains("--mine-address").contains("--rpc-port")
        .contains("--no-rpc");
  }

  @Test
  void aNodeRunsARoleAndPrintsTheDsoEndpoint() {
    Cli r = Cli.run("node", "--in-memory", "--bind", "127.0.0.1", "--port", "0", "--role", "dso", "--duration", "1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("role dso: DSO BM-").contains("--dso BM-")
        .containsPattern("--dso-key 0[23][0-9a-f]{64}");
  }

  @Test
  void aProsumerPrintsItsMeterKeyWhichADsoRegisters(@TempDir Path tmp) throws Exception {
    String dso = org.priwatt.msg.Identity.random(new java.security.SecureRandom(), 1,
        org.priwatt.msg.Identity.DEFAULT_LEADING_ZEROS).address().toString();
    String dsoKey = org.priwatt.crypto.Hex.encode(org.priwatt.crypto.EcKey.generate().publicKey()
        .withCompression(true).encoded());
    Cli p = Cli.run("node", "--datadir", tmp.resolve("bob").toString(), "--bind", "127.0.0.1", "--port", "0",
        "--no-rpc", "--role", "prosumer", "--dso", dso, "--dso-key", dsoKey, "--duration", "1");
    assertThat(p.code()).as(p.toString()).isZero();
    String meter = org.priwatt.crypto.Hex.encode(org.priwatt.node.role.MeterKeys.create(tmp.resolve("bob"), "",
        new java.security.SecureRandom()).encoded());
    assertThat(p.out()).contains("meter key " + meter).contains("--meter " + meter);
    assertThat(tmp.resolve("bob").resolve("meter.properties")).content().contains("meter-key=" + meter);
    Cli d = Cli.run("node", "--in-memory", "--bind", "127.0.0.1", "--port", "0", "--no-rpc", "--role", "dso",
        "--meter", meter, "--meter", meter, "--duration", "1");
    assertThat(d.code()).as(d.toString()).isZero();
    assertThat(Cli.run("node", "--in-memory", "--role", "dso", "--meter", "zz").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--role", "prosumer", "--dso", dso, "--dso-key", dsoKey, "--meter",
        meter).code()).isEqualTo(Main.USAGE);
  }

  @Test
  void wrongRoleOptionsExitTwo() {
    assertThat(Cli.run("node", "--in-memory", "--role", "bank").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--role", "consumer").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--role", "consumer", "--dso", "BM-x", "--dso-key", "02").code())
        .isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--in-memory", "--role", "prosumer", "--pv-location", "48").code())
        .isEqualTo(Main.USAGE);
    assertThat(Cli.run("node", "--help").out()).contains("--role").contains("--dso-key").contains("--pv-area")
        .contains("--channels").contains("--channel-pay-interval").contains("--channel-refund-delay");
  }

  @Test
  void aTestnetTradesEnergy(@TempDir Path tmp) {
    Cli r = Cli.run("testnet", "--nodes", "3", "--duration", "20", "--mine-interval", "0.5", "--summary-interval",
        "2", "--dir", tmp.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("is the DSO BM-");
    List<String> last = r.out().lines().filter(l -> l.matches("node[123] .*")).toList();
    assertThat(last).as(r.toString()).hasSizeGreaterThanOrEqualTo(3);
    List<String> end = last.subList(last.size() - 3, last.size());
    // The prosumer meters an hour every 5 s and the consumer buys each: by the end several trades
    // completed, none failed, and the DSO's registry shows the transfers.
    assertThat(end.get(0)).as(r.toString()).contains("dso").containsPattern("TRANSFERRED=[1-9]");
    assertThat(end.get(1)).as(r.toString()).contains("prosumer").containsPattern(" \\d+/[1-9]\\d*/0$");
    assertThat(end.get(2)).as(r.toString()).contains("consumer").containsPattern(" \\d+/[1-9]\\d*/0$");
  }

  @Test
  void aTestnetOfThreeProcessesConverges(@TempDir Path tmp) {
    Cli r = Cli.run("testnet", "--nodes", "3", "--duration", "8", "--mine-interval", "0.5", "--summary-interval",
        "2", "--dir", tmp.toString(), "--no-roles");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("testnet of 3 nodes").contains("node1").contains("node3");
    // The last summary: node1 mined, and every node is within two blocks of it (status files are
    // rewritten every second while node1 mines every half second, and read one after the other).
    List<String> last = r.out().lines().filter(l -> l.matches("node[123] .*")).toList();
    assertThat(last).as(r.toString()).hasSizeGreaterThanOrEqualTo(3);
    int[] heights = last.subList(last.size() - 3, last.size()).stream()
        .mapToInt(l -> Integer.parseInt(l.trim().split("\\s+")[1])).toArray();
    int max = java.util.Arrays.stream(heights).max().orElseThrow();
    assertThat(max).as(r.toString()).isGreaterThanOrEqualTo(3);
    assertThat(java.util.Arrays.stream(heights).min().orElseThrow()).as(r.toString()).isGreaterThanOrEqualTo(max - 2);
    assertThat(tmp.resolve("node2/stderr.log")).isRegularFile();
  }
}
