package org.priwatt.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine a run used, as the report prints it: the CPU and the instruction-set extensions
 * the crypto code can use, the JDK, the OS, when the run started and how busy the machine was
 * before and during it (the 1-minute load average from {@code /proc/loadavg}, sampled). The runner writes it
 * beside the JMH result ({@code <run>.machine.json}), since JMH's JSON does not carry it.
 * Immutable.
 *
 * @param cpu the CPU model name, or "unknown"
 * @param cores the logical cores the JVM sees
 * @param flags which of {@link #FLAGS} the CPU reports, in that order
 * @param jdk the JDK vendor and version
 * @param os the OS name, version and architecture
 * @param started when the run started, ISO-8601 with offset
 * @param mode the runner's mode ({@code quick}, {@code full}), or "unknown" for a JSON not made by it
 * @param loadBefore the 1-minute load average before the run, or -1 if unknown
 * @param loadPeak the highest 1-minute load average sampled during the run (every 10 s and at its
 *     end), or -1 if unknown
 * @param seconds the run's wall time in seconds, or -1 if unknown
 */
public record Machine(String cpu, int cores, List<String> flags, String jdk, String os, String started, String mode,
    double loadBefore, double loadPeak, long seconds) {
  /** The extensions worth knowing about for these benchmarks: AES-NI, AVX2, BMI2/ADX (big-number multiplication), SHA-NI. */
  public static final List<String> FLAGS = List.of("aes", "avx2", "bmi2", "adx", "sha_ni");

  /** Validates and copies. */
  public Machine {
    Objects.requireNonNull(cpu, "cpu");
    flags = List.copyOf(flags);
    Objects.requireNonNull(jdk, "jdk");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(mode, "mode");
  }

  /** This machine now, before a run in {@code mode}. */
  public static Machine current(String mode) {
    String cpu = "unknown";
    List<String> flags = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (key.equals("model name") && cpu.equals("unknown")) {
          cpu = value;
        } else if (key.equals("flags") && flags.isEmpty()) {
          List<String> present = List.of(value.split("\\s+"));
          FLAGS.stream().filter(present::contains).forEach(flags::add);
        }
      }
    } catch (IOException e) {
      cpu = System.getProperty("os.arch") + " (no /proc/cpuinfo)";
    }
    return new Machine(cpu, Runtime.getRuntime().availableProcessors(), flags,
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version",
            System.getProperty("java.version")),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), mode, loadAverage(), -1, -1);
  }

  /** The 1-minute load average, or -1 where {@code /proc/loadavg} does not exist. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return -1;
    }
  }

  /** This description with the run's end recorded. */
  public Machine finished(double peakLoad, long wallSeconds) {
    return new Machine(cpu, cores, flags, jdk, os, started, mode, loadBefore, peakLoad, wallSeconds);
  }

  /**
   * Whether other work competed with the run: a load average of half the cores or more before it
   * started, or a peak during it above the cores plus a half (the run itself keeps one to two
   * threads busy: the benchmark and the JIT compiler).
   */
  public boolean wasShared() {
    return loadBefore >= cores * 0.5 || loadPeak >= cores + 0.5;
  }

  /** The file beside a result that describes its machine: {@code x.json} → {@code x.machine.json}. */
  public static Path besides(Path result) {
    return ReportCommand.besides(result, ".machine.json");
  }

  /**
   * Writes this description as JSON.
   *
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    ObjectNode n = ResultSet.JSON.createObjectNode();
    n.put("cpu", cpu).put("cores", cores);
    flags.forEach(n.putArray("flags")::add);
    n.put("jdk", jdk).put("os", os).put("started", started).put("mode", mode).put("loadBefore", loadBefore)
        .put("loadPeak", loadPeak).put("seconds", seconds);
    Files.writeString(file, ResultSet.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
  }

  /**
   * Reads the description beside {@code result}, if the runner wrote one.
   *
   * @throws IOException if it exists but cannot be read
   */
  public static Optional<Machine> readBesides(Path result) throws IOException {
    Path file = besides(result);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode n = ResultSet.JSON.readTree(Files.readString(file));
    List<String> flags = new ArrayList<>();
    n.path("flags").forEach(f -> flags.add(f.asText()));
    return Optional.of(new Machine(n.path("cpu").asText("unknown"), n.path("cores").asInt(0), flags,
        n.path("jdk").asText("unknown"), n.path("os").asText("unknown"), n.path("started").asText("unknown"),
        n.path("mode").asText("unknown"), n.path("loadBefore").asDouble(-1), n.path("loadPeak").asDouble(-1),
        n.path("seconds").asLong(-1)));
  }
}
