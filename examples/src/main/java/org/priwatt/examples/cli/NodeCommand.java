package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.LocalDate;
import org.priwatt.chain.Amount;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.MessageException;
import org.priwatt.node.role.MeterKeys;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;
import org.priwatt.node.HostPort;
import org.priwatt.node.Node;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeException;
import org.priwatt.node.NodeProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code priwatt node}: runs the reference node until SIGTERM or Ctrl-C (a shutdown hook stops
 * it cleanly: connections closed, wallet saved, chain closed), the RPC's {@code stop}, or
 * {@code --duration}. Every option maps to one {@link NodeConfig} setting; the RPC options take
 * bitcoind's spellings too ({@code --rpcport}...).
 */
@Command(name = "node",
    description = {"Run a PriWatt node: the chain on disk, P2P relay of blocks, transactions and messages,",
        "optional mining, an energy role (DSO, prosumer, consumer), JSON-RPC as bitcoind's.",
        "Stops cleanly on SIGTERM, Ctrl-C or the RPC's stop."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt node --datadir ~/.priwatt/n1 --port 18444 --mine",
        "  priwatt node --datadir ~/.priwatt/n2 --port 18445 --addnode 127.0.0.1:18444",
        "  priwatt node --in-memory --port 0 --connect 10.0.0.5:18444 --proxy 127.0.0.1:9050",
        "  priwatt node --datadir ~/.priwatt/n3 --rpc-port 18500 --rpc-user alice --rpc-password secret",
        "  priwatt node --datadir ~/.priwatt/dso --port 18444 --mine --role dso",
        "  priwatt node --datadir ~/.priwatt/bob --port 18445 --addnode 127.0.0.1:18444 --role prosumer \\",
        "      --dso BM-... --dso-key 02...   (as the DSO node prints; it prints its meter key 03...)",
        "  echo 03... >> ~/.priwatt/dso/roles/meters.txt   (or --meter 03... on the DSO: registers the meter)",
        "The wallet passphrase is read from PRIWATT_WALLET_PASSPHRASE (empty if unset)."})
final class NodeCommand extends CliCommand {
  @Option(names = "--network", paramLabel = "<id>", defaultValue = "regtest", converter = ChainConverter.class,
      description = "Chain: regtest or priwatt (default: ${DEFAULT-VALUE}).")
  ChainParameters network;

  @Option(names = "--datadir", paramLabel = "<dir>",
      description = "Data directory (default: ~/.priwatt/<network>).")
  Path dataDir;

  @Option(names = "--in-memory", description = "Keep the chain and wallet in memory only.")
  boolean inMemory;

  @Option(names = "--name", paramLabel = "<name>", defaultValue = "node", description = "Name in logs (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--bind", paramLabel = "<host>", defaultValue = "0.0.0.0",
      description = "P2P listen address (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", paramLabel = "<port>", description = "P2P port; 0 picks a free one (default: the network's).")
  Integer port;

  @Option(names = "--no-listen", description = "Accept no inbound connections.")
  boolean noListen;

  @Option(names = "--connect", paramLabel = "<host:port>", description = "Connect only to this peer (repeatable).")
  List<String> connect = new ArrayList<>();

  @Option(names = "--addnode", paramLabel = "<host:port>", description = "Keep a connection to this peer (repeatable).")
  List<String> addNodes = new ArrayList<>();

  @Option(names = "--proxy", paramLabel = "<host:port>", description = "SOCKS5 proxy for outbound connections.")
  String proxy;

  @Option(names = "--max-inbound", paramLabel = "<n>", defaultValue = "117",
      description = "Most inbound connections (default: ${DEFAULT-VALUE}).")
  int maxInbound;

  @Option(names = "--max-outbound", paramLabel = "<n>", defaultValue = "8",
      description = "Most automatic outbound connections (default: ${DEFAULT-VALUE}).")
  int maxOutbound;

  @Option(names = "--mine", description = "Run a mining thread.")
  boolean mine;

  @Option(names = "--mine-address", paramLabel = "<address>",
      description = "Where mined coins go (default: a fresh address of the node's wallet).")
  String mineAddress;

  @Option(names = "--mine-interval", paramLabel = "<seconds>", defaultValue = "10",
      description = "Pause between mined blocks, seconds (default: ${DEFAULT-VALUE}).")
  double mineInterval;

  @Option(names = "--duration", paramLabel = "<seconds>", defaultValue = "0",
      description = "Stop after this many seconds; 0 runs until stopped (default).")
  long duration;

  @Option(names = "--no-rpc", description = "Serve no JSON-RPC (served by default, as bitcoind).")
  boolean noRpc;

  @Option(names = {"--rpc-bind", "--rpcbind"}, paramLabel = "<host>", defaultValue = "127.0.0.1",
      description = "RPC listen address; a loopback one (default: ${DEFAULT-VALUE}).")
  String rpcBind;

  @Option(names = {"--rpc-port", "--rpcport"}, paramLabel = "<port>",
      description = "RPC port; 0 picks a free one (default: the network's, one below its P2P port).")
  Integer rpcPort;

  @Option(names = {"--rpc-user", "--rpcuser"}, paramLabel = "<user>",
      description = "RPC user, with --rpc-password (default: a .cookie file in the data directory).")
  String rpcUser;

  @Option(names = {"--rpc-password", "--rpcpassword"}, paramLabel = "<password>", description = "RPC password.")
  String rpcPassword;

  @Option(names = "--role", paramLabel = "<role>",
      description = "Energy role: dso, prosumer or consumer (default: none).")
  String role;

  @Option(names = "--dso", paramLabel = "<BM-address>",
      description = "The DSO's messaging address (prosumer, consumer; printed by the DSO node, in its dso.properties).")
  String dso;

  @Option(names = "--dso-key", paramLabel = "<hex>", description = "The DSO's certificate key (prosumer, consumer).")
  String dsoKey;

  @Option(names = "--meter", paramLabel = "<hex>",
      description = "DSO: register a prosumer's meter key (repeatable; as the prosumer node prints, in its "
          + "meter.properties). Also read from roles/meters.txt, one key a line.")
  List<String> meters = new ArrayList<>();

  @Option(names = "--trade-timeout", paramLabel = "<seconds>", defaultValue = "120",
      description = "How long a party waits for its counterpart (default: ${DEFAULT-VALUE}).")
  long tradeTimeout;

  @Option(names = "--lock-seconds", paramLabel = "<seconds>", defaultValue = "3600",
      description = "DSO: how long a lock holds (default: ${DEFAULT-VALUE}).")
  long lockSeconds;

  @Option(names = "--pv-area", paramLabel = "<m2>", defaultValue = "10",
      description = "Prosumer: panel area in square metres (default: ${DEFAULT-VALUE}).")
  double pvArea;

  @Option(names = "--pv-location", paramLabel = "<lat,lon>", defaultValue = "48.137,11.575",
      description = "Prosumer: latitude,longitude in degrees (default: ${DEFAULT-VALUE}, Munich).")
  String pvLocation;

  @Option(names = "--pv-day", paramLabel = "<yyyy-mm-dd>", defaultValue = "2025-06-21",
      description = "Prosumer: the day whose sunshine is replayed (default: ${DEFAULT-VALUE}).")
  LocalDate pvDay;

  @Option(names = "--meter-interval", paramLabel = "<seconds>", defaultValue = "60",
      description = "Prosumer: real seconds between meter readings, one simulated hour each (default: ${DEFAULT-VALUE}).")
  long meterInterval;

  @Option(names = "--price", paramLabel = "<sat/kWh>", defaultValue = "20000",
      description = "Prosumer: asking price per kWh (default: ${DEFAULT-VALUE}).")
  long price;

  @Option(names = "--budget", paramLabel = "<sat>", defaultValue = "200000",
      description = "Consumer: the most spent in total (default: ${DEFAULT-VALUE}).")
  long budget;

  @Option(names = "--demand", paramLabel = "<Wh>", defaultValue = "100",
      description = "Consumer: the least energy bought per offer (default: ${DEFAULT-VALUE}).")
  long demand;

  @Option(names = "--max-price", paramLabel = "<sat/kWh>", defaultValue = "25000",
      description = "Consumer: the highest price per kWh paid (default: ${DEFAULT-VALUE}).")
  long maxPrice;

  @Option(names = "--channels",
      description = "Case 2: a prosumer serves its entries over payment channels (the channel board); a consumer buys "
          + "by channel instead of escrow, paying an increment every --channel-pay-interval.")
  boolean channels;

  @Option(names = "--channel-pay-interval", paramLabel = "<seconds>", defaultValue = "10",
      description = "Consumer with --channels: seconds between two increments (default: ${DEFAULT-VALUE}).")
  long channelPayInterval;

  @Option(names = "--channel-refund-delay", paramLabel = "<blocks>", defaultValue = "0",
      description = "Channels: refund height past the tip, in blocks; 0 for 24 hours of blocks (default: ${DEFAULT-VALUE}).")
  long channelRefundDelay;

  /** The configuration the options describe. */
  NodeConfig config() throws NodeException {
    if (inMemory && dataDir != null) {
      throw usage("--in-memory and --datadir exclude each other");
    }
    if (!connect.isEmpty() && !addNodes.isEmpty()) {
      throw usage("--connect and --addnode exclude each other");
    }
    NodeConfig.Builder b = NodeConfig.builder().name(name).network(network).bindHost(bind).listen(!noListen)
        .maxInbound(maxInbound).maxOutbound(maxOutbound).mine(mine).mineAddress(mineAddress)
        .mineInterval(Duration.ofMillis(Math.round(mineInterval * 1000)))
        .walletPassphrase(System.getenv().getOrDefault("PRIWATT_WALLET_PASSPHRASE", ""))
        .rpcEnabled(!noRpc).rpcBind(rpcBind).rpcUser(rpcUser).rpcPassword(rpcPassword);
    if (rpcPort != null) {
      b.rpcPort(rpcPort);
    }
    if (!inMemory) {
      b.dataDir(dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".priwatt", network.id()));
    }
    if (port != null) {
      b.port(port);
    }
    for (String c : connect) {
      b.connect(HostPort.parse(c, network.p2pPort()));
    }
    for (String a : addNodes) {
      b.addNode(HostPort.parse(a, network.p2pPort()));
    }
    if (proxy != null) {
      b.proxy(HostPort.parse(proxy, 1080));
    }
    try {
      if (role != null) {
        b.role(roleConfig());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private RoleConfig roleConfig() {
    RoleConfig.Builder r = RoleConfig.builder(Role.parse(role)).tradeTimeout(Duration.ofSeconds(tradeTimeout))
        .lockSeconds(lockSeconds).pvArea(pvArea).pvDay(pvDay).meterInterval(Duration.ofSeconds(meterInterval))
        .pricePerKwh(price).budget(Amount.ofSat(budget)).demand(EnergyAmount.ofWattHours(demand))
        .maxPricePerKwh(maxPrice).channels(channels).channelPayInterval(Duration.ofSeconds(channelPayInterval))
        .channelRefundDelayBlocks(channelRefundDelay);
    String[] at = pvLocation.split(",");
    if (at.length != 2) {
      throw usage("--pv-location must be lat,lon");
    }
    r.location(Double.parseDouble(at[0].trim()), Double.parseDouble(at[1].trim()));
    try {
      if (dso != null) {
        r.dso(BitmessageAddress.parse(dso));
      }
      if (dsoKey != null) {
        r.dsoKey(EcPublicKey.decode(Hex.decode(dsoKey)));
      }
    } catch (MessageException | CryptoException e) {
      throw usage("--dso/--dso-key: " + e.getMessage());
    }
    for (String m : meters) {
      try {
        r.meter(MeterKeys.parseKey(m, "--meter " + m));
      } catch (EnergyException e) {
        throw usage(e.getMessage());
      }
    }
    return r.build();
  }

  @Override
  int run() throws Exception {
    NodeConfig config = config();
    Node node = Node.create(config);
    Thread hook = new Thread(node::close, "priwatt-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      node.start();
      PrintWriter out = out();
      out.println("node " + config.name() + " on " + config.network().id() + ": p2p "
          + node.p2pAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElse("not listening")
          + ", height " + node.chain().height() + ", " + config.dataDir().map(Path::toString).orElse("in memory"));
      node.role().ifPresent(r -> out.println("role " + r.role().id() + (r.role() == Role.DSO
          ? ": DSO " + r.dsoAddress() + "; prosumers and consumers join with" + System.lineSeparator()
              + "  --dso " + r.dsoAddress() + " --dso-key " + Hex.encode(r.dsoKey().encoded())
          : " trading with the DSO " + r.dsoAddress()
              + r.meterKey().map(k -> "; meter key " + Hex.encode(k.encoded()) + " (register at the DSO with"
              + System.lineSeparator() + "  --meter " + Hex.encode(k.encoded()) + " or in its roles/" + MeterKeys.METERS_FILE + ")")
              .orElse(""))));
      Optional<InetSocketAddress> rpc = node.rpcAddress();
      if (rpc.isPresent()) {
        out.println("rpc: http://" + rpc.get().getHostString() + ":" + rpc.get().getPort() + "/ "
            + node.rpcCookieFile().map(c -> "(cookie " + c + ")").orElse("(user " + config.rpcUser().orElse("") + ")"));
      }
      out.flush();
      // Until SIGTERM or Ctrl-C (the hook closes the node), the RPC's stop, or the duration.
      if (duration > 0) {
        node.awaitClose(Duration.ofSeconds(duration));
      } else {
        node.awaitClose();
      }
      out.println("node " + config.name() + " stopped");
      return Main.OK;
    } finally {
      node.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running.
      }
    }
  }

  /** {@code --network}: a chain the node runs. */
  static final class ChainConverter implements ITypeConverter<ChainParameters> {
    @Override
    public ChainParameters convert(String id) {
      try {
        return NodeProperties.network(id);
      } catch (NodeException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
