package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.WifKey;
import org.priwatt.node.rpc.RpcJson;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/** {@code priwatt rpc} against a real RPC server on a loopback port, compared with bitcoin-cli's behaviour. */
class RpcCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  private RpcNode node;

  @BeforeEach
  void start() throws Exception {
    node = RpcNode.withCookie(dataDir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  /** {@code priwatt rpc -datadir=<cookie dir> -rpcport=<port> args...}. */
  private Cli rpc(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "rpc";
    all[1] = "-datadir=" + dataDir;
    all[2] = node.portOption();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  private String genesis() {
    return ChainParameters.REGTEST.genesis().hash().toHex();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void cookieFromTheDataDirectoryAndBitcoinCliOutput() throws Exception {
    Cli count = rpc("getblockcount");
    assertThat(count.code()).as(count.toString()).isZero();
    assertThat(count.out()).isEqualTo("0\n");
    // A string result prints raw, without quotes.
    assertThat(rpc("getbestblockhash").out()).isEqualTo(genesis() + "\n");
    // Other JSON as UniValue's write(2): two spaces, "key": value, numbers as the server wrote them.
    Cli header = rpc("getblockheader", genesis());
    assertThat(header.out()).startsWith("{\n  \"hash\": \"" + genesis() + "\",\n  \"confirmations\": 1,\n")
        .endsWith("\n}\n");
    assertThat(header.out()).isEqualTo(RpcJson.pretty(RpcJson.parse(header.out())) + "\n");
    // null prints nothing.
    Cli none = rpc("gettxout", "00".repeat(32), "0");
    assertThat(none.code()).as(none.toString()).isZero();
    assertThat(none.out()).isEmpty();
    // -rpccookiefile, relative to the data directory.
    Cli cookieFile = Cli.run("rpc", "-rpccookiefile=.cookie", "-datadir=" + dataDir, node.portOption(), "getblockcount");
    assertThat(cookieFile.out()).as(cookieFile.toString()).isEqualTo("0\n");
    // The port with the host, as bitcoin-cli's -rpcconnect=<ip>:<port>.
    Cli hostPort = Cli.run("rpc", "-datadir=" + dataDir, "-rpcconnect=127.0.0.1:" + node.server.port(), "getblockcount");
    assertThat(hostPort.out()).as(hostPort.toString()).isEqualTo("0\n");
    assertThat(Cli.run("rpc", "-rpcconnect=127.0.0.1:99999", "getblockcount").errLines().get(0))
        .isEqualTo("priwatt rpc: Invalid port provided in -rpcconnect: 127.0.0.1:99999");
  }

  @Test
  void argumentsOfNumberBooleanAndObjectParametersAreJson() throws Exception {
    // getblockhash's height is a number: "0" goes as 0 (as a string the server would answer -3).
    assertThat(rpc("getblockhash", "0").out()).isEqualTo(genesis() + "\n");
    // verbosity 0: the block's hex, a string.
    assertThat(rpc("getblock", genesis(), "0").out()).matches("[0-9a-f]+\n");
    // A boolean for the verbose header.
    assertThat(rpc("getblockheader", genesis(), "false").out()).matches("[0-9a-f]{160}\n");
    // Not JSON where JSON is due: bitcoin-cli's message, exit 1, nothing sent.
    Cli bad = rpc("getblockhash", "zero");
    assertThat(bad.code()).isEqualTo(Main.FAILURE);
    assertThat(bad.err()).startsWith("priwatt rpc: PARSE_ERROR: Error parsing JSON: zero");
    // After the method everything is an argument, even what looks like an option.
    Cli negative = rpc("getblockhash", "-1");
    assertThat(negative.err()).isEqualTo("error code: -8\nerror message:\nBlock height out of range\n");
  }

  @Test
  void namedArguments() throws Exception {
    assertThat(rpc("-named", "getblockhash", "height=0").out()).isEqualTo(genesis() + "\n");
    Cli block = rpc("-named", "getblock", "blockhash=" + genesis(), "verbosity=2");
    assertThat(block.code()).as(block.toString()).isZero();
    JsonNode b = JSON.readTree(block.out());
    assertThat(b.get("tx").get(0).get("txid").asText()).isNotEmpty(); // verbosity 2: transactions, not ids
    // An alias of the parameter, and a positional argument before named ones (sent as "args").
    assertThat(rpc("-named", "getblock", "blockhash=" + genesis(), "verbose=0").out()).matches("[0-9a-f]+\n");
    assertThat(rpc("-named", "getblock", genesis(), "verbosity=0").out()).matches("[0-9a-f]+\n");
    Cli unknown = rpc("-named", "getblockhash", "tallness=0");
    assertThat(unknown.code()).isEqualTo(8);
    assertThat(unknown.err()).isEqualTo("error code: -8\nerror message:\nUnknown named parameter tallness\n");
  }

  @Test
  void anRpcErrorExitsWithItsCodeMadePositive() {
    Cli range = rpc("getblockhash", "1000");
    assertThat(range.code()).isEqualTo(8);
    assertThat(range.out()).isEmpty();
    assertThat(range.err()).isEqualTo("error code: -8\nerror message:\nBlock height out of range\n");
    Cli missing = rpc("nosuchmethod");
    assertThat(missing.code()).isEqualTo(32601); // the shell sees 32601 % 256 = 89, as with bitcoin-cli
    assertThat(missing.err()).isEqualTo("error code: -32601\nerror message:\nMethod not found\n");
  }

  @Test
  void userAndPassword() throws Exception {
    try (RpcNode withPassword = RpcNode.withPassword("alice", "s3cret")) {
      Cli ok = Cli.run("rpc", withPassword.portOption(), "-rpcuser=alice", "-rpcpassword=s3cret", "getblockcount");
      assertThat(ok.out()).as(ok.toString()).isEqualTo("0\n");
      Cli wrong = Cli.run("rpc", withPassword.portOption(), "-rpcuser=alice", "-rpcpassword=guess", "getblockcount");
      assertThat(wrong.code()).isEqualTo(Main.FAILURE);
      assertThat(wrong.err()).isEqualTo("priwatt rpc: RPC_AUTH: Authorization failed: Incorrect rpcuser or rpcpassword\n");
      // No password and no cookie: bitcoin-cli's message; never the password.
      Cli none = Cli.run("rpc", withPassword.portOption(), "-datadir=" + dataDir.resolve("nothing"), "getblockcount");
      assertThat(none.err()).startsWith("priwatt rpc: RPC_AUTH: Could not locate RPC credentials.");
      // -stdinrpcpass: the password is the first line, -stdin's arguments follow.
      Cli stdin = withStdin("s3cret\n0\n", () -> Cli.run("rpc", withPassword.portOption(), "-rpcuser=alice",
          "-stdinrpcpass", "-stdin", "getblockhash"));
      assertThat(stdin.out()).as(stdin.toString()).isEqualTo(genesis() + "\n");
      assertThat(stdin.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void argumentsFromStandardInput() {
    Cli r = withStdin("getblock\n" + genesis() + "\r\n0\n", () -> rpc("-stdin"));
    assertThat(r.out()).as(r.toString()).matches("[0-9a-f]+\n");
  }

  @Test
  void serverDownIsAClearFailure() throws Exception {
    int port = freePort();
    Cli r = Cli.run("rpc", "-datadir=" + dataDir, "-rpcport=" + port, "getblockcount");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt rpc: RPC_CONNECTION: Could not connect to the server 127.0.0.1:" + port
        + " (Connection refused). ")
        .contains("Make sure the priwatt node is running");
  }

  @Test
  void rpcWaitIsBoundedByItsTimeout() throws Exception {
    int port = freePort();
    long start = System.nanoTime();
    Cli r = Cli.run("rpc", "-datadir=" + dataDir, "-rpcport=" + port, "-rpcwait", "-rpcwaittimeout=1", "getblockcount");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt rpc: RPC_CONNECTION: timeout on transient error: Could not connect to the "
        + "server 127.0.0.1:" + port);
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
  }

  @Test
  void rpcWaitWaitsOutWarmUpAndAServerStillStarting() throws Exception {
    Path warmDir = dataDir.resolve("warm");
    java.nio.file.Files.createDirectories(warmDir);
    try (RpcNode warming = RpcNode.start(b -> b.cookie(warmDir).warmup("Loading block index…"))) {
      String[] call = {"rpc", "-datadir=" + warmDir, warming.portOption(), "getblockcount"};
      Cli noWait = Cli.run(call);
      assertThat(noWait.code()).isEqualTo(28);
      assertThat(noWait.err()).isEqualTo("error code: -28\nerror message:\nLoading block index…\n");
      Cli waited = Cli.run("rpc", "-datadir=" + warmDir, warming.portOption(), "-rpcwait", "-rpcwaittimeout=1",
          "getblockcount");
      assertThat(waited.err()).isEqualTo("priwatt rpc: RPC_CONNECTION: timeout on transient error: server in warmup\n");
    }
    // A node that starts (and writes its cookie) while the client waits.
    Path lateDir = dataDir.resolve("late");
    java.nio.file.Files.createDirectories(lateDir);
    int port = freePort();
    CompletableFuture<Cli> client = CompletableFuture.supplyAsync(() -> Cli.run("rpc", "-datadir=" + lateDir,
        "-rpcport=" + port, "-rpcwait", "-rpcwaittimeout=60", "getblockcount"));
    try (RpcNode late = RpcNode.start(b -> b.cookie(lateDir).port(port))) {
      Cli r = client.get(60, TimeUnit.SECONDS);
      assertThat(r.out()).as(r.toString()).isEqualTo("0\n");
    }
  }

  @Test
  void commandLineMistakesExitTwo() {
    assertThat(Cli.run("rpc", "-datadir=" + dataDir).errLines().get(0))
        .isEqualTo("priwatt rpc: too few parameters (need at least command)");
    Cli unknown = Cli.run("rpc", "-rpcfoo=1", "getblockcount");
    assertThat(unknown.code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("rpc", "-chain=mainnet", "getblockcount").code()).isEqualTo(Main.USAGE);
  }

  @Test
  void commandLineAndRpcSignTheSameBytes() throws Exception {
    EcKey key = EcKey.generate();
    Script spk = ScriptTemplates.p2pkhOf(key.publicKey());
    byte[] id = new byte[32];
    id[0] = 7;
    OutPoint coin = OutPoint.of(TxId.fromBytes(id), 0);
    Transaction tx = Transaction.builder().addInput(coin).addOutput(Amount.ofSat(40_000_000), spk).build();
    String wif = WifKey.of(key, ChainParameters.REGTEST.network()).toBase58();
    String prevouts = "[{\"txid\":\"" + coin.txId().toHex() + "\",\"vout\":0,\"scriptPubKey\":\"" + spk.toHex()
        + "\",\"amount\":0.5}]";
    Cli viaRpc = rpc("signrawtransactionwithkey", tx.toHex(), "[\"" + wif + "\"]", prevouts);
    Cli offline = Cli.run("tx", "sign", tx.toHex(), "--key", wif, "--prevouts", prevouts,
        "--network", ChainParameters.REGTEST.network().id());
    assertThat(viaRpc.code()).as(viaRpc.toString()).isZero();
    assertThat(offline.code()).as(offline.toString()).isZero();
    JsonNode a = JSON.readTree(viaRpc.out());
    assertThat(a.get("complete").asBoolean()).isTrue();
    assertThat(a.get("hex").asText()).isNotEqualTo(tx.toHex()).isEqualTo(JSON.readTree(offline.out()).get("hex").asText());
    // The same layout too: both print bitcoin-cli's indented JSON.
    assertThat(viaRpc.out()).isEqualTo(offline.out());
  }

  private static Cli withStdin(String text, java.util.function.Supplier<Cli> run) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(saved);
    }
  }
}
