package org.priwatt.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One node in a child JVM started through {@link NodeLauncher} with the test classpath: a
 * properties file and logs in its data directory, readiness read from its standard output, its
 * state from the {@code status.json} it rewrites. {@link #stop()} sends SIGTERM (a clean
 * shutdown) and falls back to kill -9; {@link #kill()} is kill -9.
 */
public final class NodeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Children still running; killed when the test JVM exits, whatever happened to the tests. */
  private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final String name;
  private final Path dir;
  private final Map<String, String> properties;
  private Process process;

  private NodeProcess(String name, Path dir, Map<String, String> properties) {
    this.name = name;
    this.dir = dir;
    this.properties = properties;
  }

  /** A free TCP port on loopback (closed again; the child binds it with SO_REUSEADDR). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** The properties of a regtest test node called {@code name} in {@code dir} on {@code port}. */
  public static Map<String, String> defaults(String name, Path dir, int port) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("network", "regtest");
    p.put("datadir", dir.toString());
    p.put("bind", "127.0.0.1");
    p.put("port", Integer.toString(port));
    p.put("message-pow-trials", "1");
    p.put("message-pow-extra-bytes", "0");
    p.put("status-interval-ms", "200");
    p.put("stall-timeout-ms", "10000");
    return p;
  }

  /** Starts a node process and waits (bounded) until it reports ready. */
  public static NodeProcess start(String name, Path dir, Map<String, String> properties) throws IOException,
      InterruptedException {
    NodeProcess p = new NodeProcess(name, dir, properties);
    p.launch();
    return p;
  }

  private void launch() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Properties props = new Properties();
    props.putAll(properties);
    Path file = dir.resolve("node.properties");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(w, "test node " + name);
    }
    Path out = dir.resolve("stdout.log");
    Files.deleteIfExists(out);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--enable-native-access") || arg.startsWith("--add-opens")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
        NodeLauncher.class.getName(), file.toString()));
    process = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.log").toFile())).start();
    LIVE.add(process);
    TestNodes.await(name + " ready", Duration.ofSeconds(60), () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ": " + log());
      }
      return readyLine() != null;
    });
  }

  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private String readyLine() {
    try {
      for (String line : Files.readAllLines(dir.resolve("stdout.log"), StandardCharsets.UTF_8)) {
        if (line.startsWith("priwatt-node ready")) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The child's standard error so far (for failure messages). */
  public String log() {
    try {
      Path err = dir.resolve("stderr.log");
      return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The latest status.json, or an empty map if none was written yet. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> status() {
    Path f = dir.resolve("status.json");
    try {
      return Files.exists(f) ? JSON.readValue(f.toFile(), Map.class) : Map.of();
    } catch (IOException e) {
      return Map.of(); // replaced while read: the next poll sees the new one
    }
  }

  public int height() {
    Object h = status().get("height");
    return h == null ? -1 : ((Number) h).intValue();
  }

  public String tip() {
    return String.valueOf(status().get("tip"));
  }

  public int intStatus(String key) {
    Object v = status().get(key);
    return v == null ? -1 : ((Number) v).intValue();
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
    LIVE.remove(process);
  }

  /** Starts the node again with the same data directory and properties. */
  public void restart() throws IOException, InterruptedException {
    Files.deleteIfExists(dir.resolve("status.json"));
    launch();
  }

  /** SIGTERM, then kill -9 if it has not stopped within 20 s. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    LIVE.remove(process);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
