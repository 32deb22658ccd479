package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.priwatt.crypto.Hex;
import org.priwatt.node.NodeLauncher;
import org.priwatt.node.role.MeterKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code priwatt testnet}: N node processes on loopback, each with its own data directory and
 * port, linked in a ring plus one random link each, the first one mining and acting as the DSO,
 * the others alternately prosumers and consumers trading Case 1 (unless {@code --no-roles}; each
 * prosumer's meter key is created in its data directory before the DSO starts with them registered);
 * prints a summary of every node (height, peers, mempool, objects, bans, role, offers, trades)
 * every few seconds and stops them all after
 * {@code --duration} or on Ctrl-C. Each node is a child JVM started through {@link NodeLauncher}
 * with this program's classpath; its logs are in its data directory.
 */
@Command(name = "testnet",
    description = {"Run a local testnet: N node processes on 127.0.0.1, connected in a ring plus random links,",
        "node 1 mining and the DSO, the others prosumers and consumers trading energy.",
        "Prints a live summary; stops them all after --duration or on Ctrl-C."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt testnet                      5 nodes until Ctrl-C",
        "  priwatt testnet --nodes 14 --duration 120   the paper's 14 nodes for two minutes",
        "  priwatt testnet --nodes 3 --dir /tmp/tn --keep   keep data directories and logs"})
final class TestnetCommand extends CliCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--nodes", paramLabel = "<n>", defaultValue = "5",
      description = "How many nodes, 1 to 32 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--duration", paramLabel = "<seconds>", defaultValue = "0",
      description = "Stop after this many seconds; 0 runs until Ctrl-C (default).")
  long duration;

  @Option(names = "--mine-interval", paramLabel = "<seconds>", defaultValue = "2",
      description = "Pause between blocks of the mining node (default: ${DEFAULT-VALUE}).")
  double mineInterval;

  @Option(names = "--summary-interval", paramLabel = "<seconds>", defaultValue = "3",
      description = "Seconds between two summaries (default: ${DEFAULT-VALUE}).")
  double summaryInterval;

  @Option(names = "--dir", paramLabel = "<dir>",
      description = "Where the nodes' data directories go (default: a temporary directory, deleted at the end).")
  Path dir;

  @Option(names = "--keep", description = "Keep the data directories at the end.")
  boolean keep;

  @Option(names = "--no-roles", description = "Run plain nodes: no DSO, prosumers or consumers.")
  boolean noRoles;

  @Option(names = "--meter-interval", paramLabel = "<seconds>", defaultValue = "5",
      description = "Prosumers: real seconds between meter readings (default: ${DEFAULT-VALUE}).")
  double meterInterval;

  private final List<Process> processes = new ArrayList<>();
  /** The prosumers' meter keys, hex, comma-separated: the DSO registers them. */
  private String meters = "";

  @Override
  int run() throws Exception {
    if (nodes < 1 || nodes > 32) {
      throw usage("--nodes must be 1 to 32");
    }
    Path root = dir != null ? dir : Files.createTempDirectory("priwatt-testnet");
    Thread hook = new Thread(this::stopAll, "priwatt-testnet-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = out();
    try {
      int[] ports = new int[nodes];
      for (int i = 0; i < nodes; i++) {
        ports[i] = freePort();
      }
      SecureRandom random = new SecureRandom();
      List<Path> dirs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        dirs.add(root.resolve("node" + (i + 1)));
      }
      // The prosumers' meter keys before the DSO, which starts with them registered.
      List<String> meters = new ArrayList<>();
      for (int i = 1; i < nodes && !noRoles; i += 2) {
        meters.add(Hex.encode(MeterKeys.create(dirs.get(i), "", random).encoded()));
      }
      this.meters = String.join(",", meters);
      // node1 first: the DSO, whose address and key the others need (its dso.properties).
      start(0, dirs.get(0), ports, random, null);
      awaitReady(0, dirs.get(0));
      Properties dso = noRoles ? null : dsoEndpoint(dirs.get(0));
      for (int i = 1; i < nodes; i++) {
        start(i, dirs.get(i), ports, random, dso);
      }
      for (int i = 1; i < nodes; i++) {
        awaitReady(i, dirs.get(i));
      }
      out.println("testnet of " + nodes + " nodes in " + root + " (ports " + ports[0] + ".." + ports[nodes - 1]
          + "); node1 mines every " + mineInterval + " s" + (noRoles ? "" : " and is the DSO "
          + dso.getProperty("dso") + "; even nodes are prosumers, odd ones consumers"));
      out.flush();
      long end = duration > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
      long every = Math.max(100, Math.round(summaryInterval * 1000));
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(every, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        summary(out, dirs);
        if (processes.stream().anyMatch(p -> !p.isAlive())) {
          throw new CliException(CliError.NODE_EXITED, "a node exited; see its stderr.log in " + root);
        }
      }
      return Main.OK;
    } finally {
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running.
      }
      if (dir == null && !keep) {
        deleteTree(root);
      }
    }
  }

  private static Properties dsoEndpoint(Path d) throws IOException, CliException {
    Path f = d.resolve("dso.properties");
    if (!Files.exists(f)) {
      throw new CliException(CliError.NODE_EXITED, "node1 wrote no " + f);
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private void start(int i, Path d, int[] ports, SecureRandom random, Properties dso) throws IOException {
    Files.createDirectories(d);
    Set<Integer> links = new LinkedHashSet<>();
    if (nodes > 1) {
      links.add((i + nodes - 1) % nodes);
    }
    if (nodes > 3) {
      int j;
      do {
        j = random.nextInt(nodes);
      } while (j == i || links.contains(j));
      links.add(j);
    }
    Properties p = new Properties();
    p.put("name", "node" + (i + 1));
    p.put("network", "regtest");
    p.put("datadir", d.toString());
    p.put("bind", "127.0.0.1");
    p.put("port", Integer.toString(ports[i]));
    p.put("status-interval-ms", "1000");
    p.put("message-pow-trials", "1");
    p.put("message-pow-extra-bytes", "0");
    List<String> addnodes = new ArrayList<>();
    for (int j : links) {
      addnodes.add("127.0.0.1:" + ports[j]);
    }
    p.put("addnode", String.join(",", addnodes));
    if (i == 0) {
      p.put("mine", "true");
      p.put("mine-interval-ms", Long.toString(Math.round(mineInterval * 1000)));
    }
    if (!noRoles) {
      p.put("role", i == 0 ? "dso" : i % 2 == 1 ? "prosumer" : "consumer");
      p.put("role-tick-ms", "250");
      if (i == 0 && !meters.isEmpty()) {
        p.put("meter", meters);
      }
      if (i > 0) {
        p.put("dso", dso.getProperty("dso"));
        p.put("dso-key", dso.getProperty("dso-key"));
        p.put("meter-interval-ms", Long.toString(Math.max(1, Math.round(meterInterval * 1000))));
      }
    }
    Path file = d.resolve("node.properties");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "testnet node " + (i + 1));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--enable-native-access") || arg.startsWith("--add-opens")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        NodeLauncher.class.getName(), file.toString()));
    processes.add(new ProcessBuilder(cmd).redirectOutput(d.resolve("stdout.log").toFile())
        .redirectError(d.resolve("stderr.log").toFile()).start());
  }

  private void awaitReady(int i, Path d) throws IOException, InterruptedException, CliException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Path log = d.resolve("stdout.log");
    while (System.nanoTime() < deadline) {
      if (!processes.get(i).isAlive()) {
        throw new CliException(CliError.NODE_EXITED, "node" + (i + 1) + " did not start; see " + d.resolve("stderr.log"));
      }
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("priwatt-node ready")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new CliException(CliError.NODE_EXITED, "node" + (i + 1) + " not ready within 120 s");
  }

  private static void summary(PrintWriter out, List<Path> dirs) {
    out.printf("%-8s %7s %6s %8s %8s %7s  %-9s %6s %s%n", "node", "height", "peers", "mempool", "objects",
        "banned", "role", "offers", "trades open/done/failed");
    int min = Integer.MAX_VALUE;
    int max = -1;
    for (Path d : dirs) {
      Map<?, ?> s = status(d);
      int h = number(s, "height");
      min = Math.min(min, h);
      max = Math.max(max, h);
      Map<?, ?> role = s.get("role") instanceof Map<?, ?> m ? m : Map.of();
      out.printf("%-8s %7d %6d %8d %8d %7d  %-9s %6s %s%n", d.getFileName(), h, number(s, "peers"),
          number(s, "mempool"), number(s, "objects"), number(s, "banned"), role.isEmpty() ? "-" : String.valueOf(role.get("role")),
          role.isEmpty() ? "-" : number(role, "offers"), trades(role));
    }
    out.println(min == max ? "all at height " + max : "heights " + min + ".." + max);
    out.flush();
  }

  private static String trades(Map<?, ?> role) {
    if (role.get("trades") == null) {
      return role.isEmpty() ? "-" : "entries " + role.get("entries");
    }
    return number(role, "open") + "/" + number(role, "completed") + "/" + number(role, "failed");
  }

  private static Map<?, ?> status(Path d) {
    Path f = d.resolve("status.json");
    try {
      return Files.exists(f) ? JSON.readValue(f.toFile(), Map.class) : Map.of();
    } catch (IOException e) {
      return Map.of(); // being replaced: shown as -1 until the next summary
    }
  }

  private static int number(Map<?, ?> s, String key) {
    return s.get(key) instanceof Number n ? n.intValue() : -1;
  }

  /** SIGTERM to every node (a clean shutdown), kill -9 for any still running after 15 s. */
  private synchronized void stopAll() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
