package org.priwatt.benchmarks.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench run}: runs the suite through JMH's API, one fork per benchmark and parameter
 * combination (the SDK fixes its curve backend per process), and keeps JMH's JSON result in
 * {@code benchmarks/results/<timestamp>.json} with the machine beside it
 * ({@code <timestamp>.machine.json}), then prints a summary with the ratios of the suite's pairs.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the benchmarks and keep JMH's JSON result.",
        "Quick mode (default): a representative subset, 1 fork, 1 x 1 s warm-up, 3 x 0.5 s measured, about "
            + "3 minutes on two cores. Full mode: every benchmark with its class defaults (about 45 minutes)."})
final class RunCommand implements Callable<Integer> {
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=([^,=]+(,[^,=]+)*)");

  @Spec
  CommandSpec spec;

  @Option(names = "--full", description = "Every benchmark with its class defaults instead of the quick subset.")
  boolean full;

  @Option(names = "--include", paramLabel = "REGEX",
      description = "Run the benchmarks whose name (org.priwatt.benchmarks.Class.method) matches; repeatable. "
          + "Replaces the quick subset; the mode still sets the timing.")
  List<String> includes = new ArrayList<>();

  @Option(names = "-p", paramLabel = "NAME=V1[,V2...]",
      description = "Restrict a parameter to these values (JMH's -p), for every benchmark that has it; repeatable.")
  List<String> params = new ArrayList<>();

  @Option(names = "--results", paramLabel = "DIR", description = "Where results go (default: benchmarks/results).")
  Path resultsDir;

  @Option(names = "--dry-run", description = "Print what would run and the estimated time, run nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    Map<String, String> overrides = parseParams();
    for (String include : includes) {
      try {
        Pattern.compile(include);
      } catch (PatternSyntaxException e) {
        throw new ParameterException(spec.commandLine(), "--include " + include + " is not a regular expression: "
            + e.getDescription());
      }
    }
    List<Suite.Selection> selections = selections(overrides);
    Optional<Suite.Timing> timing = full ? Optional.empty() : Optional.of(Suite.QUICK_TIMING);
    Plan plan = Plan.of(selections, timing);
    if (plan.benchmarkCount() == 0) {
      throw new ParameterException(spec.commandLine(), "no benchmark matches " + (includes.isEmpty()
          ? "the quick subset" : String.join(", ", includes)) + " (list them: java -jar benchmarks.jar -l)");
    }
    PrintWriter out = spec.commandLine().getOut();
    String mode = full ? "full" : "quick";
    out.printf(Locale.ROOT, "priwatt bench: %s mode, %d benchmark runs in %d JMH run(s), about %d min%n", mode,
        plan.benchmarkCount(), plan.runnable().size(), Math.max(1, (plan.estimatedSeconds() + 30) / 60));
    if (dryRun) {
      plan.matched().forEach((s, found) -> {
        out.println("  " + s.include() + (s.params().isEmpty() ? "" : " " + s.params()));
        found.forEach(e -> out.println("    " + e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")));
      });
      out.flush();
      return 0;
    }
    return execute(plan, mode, out);
  }

  private int execute(Plan plan, String mode, PrintWriter out) throws IOException {
    Path dir = resultsDir != null ? resultsDir : BenchMain.benchDirectory().resolve("results");
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    Path result = dir.resolve(stamp + ".json");
    Machine machine = Machine.current(mode);
    AtomicReference<Double> peak = new AtomicReference<>(machine.loadBefore());
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "load-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(Machine.loadAverage(), Math::max), 10, 10, TimeUnit.SECONDS);
    long start = System.nanoTime();
    List<Path> parts = new ArrayList<>();
    int produced = 0;
    try {
      int i = 0;
      for (Suite.Selection s : plan.runnable()) {
        Path part = Files.createTempFile(dir, stamp + "-part" + i++ + "-", ".json");
        parts.add(part);
        produced += runJmh(s, plan.timing(), part);
      }
      ResultSet.merge(parts, result);
    } catch (RunnerException e) {
      spec.commandLine().getErr().println("priwatt bench: JMH failed: " + e.getMessage());
      return 1;
    } finally {
      sampler.shutdownNow();
      for (Path p : parts) {
        Files.deleteIfExists(p);
      }
    }
    peak.accumulateAndGet(Machine.loadAverage(), Math::max);
    Machine.besides(result).toFile().getParentFile().mkdirs();
    machine.finished(peak.get(), (System.nanoTime() - start) / 1_000_000_000L).write(Machine.besides(result));
    ResultSet results = ResultSet.read(result);
    summary(results, out);
    out.println("Result: " + result);
    out.println("Report: ./priwatt bench report " + result);
    out.flush();
    if (produced < plan.benchmarkCount()) {
      spec.commandLine().getErr().printf(Locale.ROOT,
          "priwatt bench: %d of %d benchmark runs produced no result (they failed: see JMH's output above)%n",
          plan.benchmarkCount() - produced, plan.benchmarkCount());
      return 1;
    }
    return 0;
  }

  private static int runJmh(Suite.Selection s, Optional<Suite.Timing> timing, Path part) throws RunnerException {
    ChainedOptionsBuilder o = new OptionsBuilder().include(s.include()).resultFormat(ResultFormatType.JSON)
        .result(part.toString()).shouldFailOnError(false);
    s.params().forEach((name, values) -> o.param(name, values.split(",")));
    timing.ifPresent(t -> o.forks(t.forks()).warmupIterations(t.warmupIterations())
        .warmupTime(TimeValue.milliseconds(t.warmupMillis())).measurementIterations(t.iterations())
        .measurementTime(TimeValue.milliseconds(t.iterationMillis())));
    Collection<RunResult> results = new Runner(o.build()).run();
    return results.size();
  }

  /** The user's selection, or the quick subset with the user's parameters on top, or everything. */
  private List<Suite.Selection> selections(Map<String, String> overrides) {
    if (!includes.isEmpty()) {
      return includes.stream().map(i -> new Suite.Selection(i, overrides)).toList();
    }
    if (full) {
      return List.of(new Suite.Selection("org\\.priwatt\\.benchmarks\\.", overrides));
    }
    List<Suite.Selection> quick = new ArrayList<>();
    for (Suite.Selection s : Suite.QUICK) {
      Map<String, String> p = new HashMap<>(s.params());
      p.putAll(overrides);
      quick.add(new Suite.Selection(s.include(), p));
    }
    return quick;
  }

  private Map<String, String> parseParams() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : params) {
      var matcher = PARAM.matcher(p);
      if (!matcher.matches()) {
        throw new ParameterException(spec.commandLine(), "-p " + p + ": expected NAME=VALUE[,VALUE...]");
      }
      if (m.put(matcher.group(1), matcher.group(2)) != null) {
        throw new ParameterException(spec.commandLine(), "-p " + matcher.group(1) + " given twice; "
            + "list the values comma-separated");
      }
    }
    return m;
  }

  /** Every figure, then the ratios of the suite's pairs and Table 3's. */
  private static void summary(ResultSet results, PrintWriter out) {
    out.println();
    out.println("Summary (operations per second; ± is JMH's 99.9 % interval)");
    int width = results.rows().stream().mapToInt(r -> r.key().length()).max().orElse(20) + 2;
    for (ResultRow r : results.rows()) {
      out.printf(Locale.ROOT, "  %-" + width + "s %s%n", r.key(), Fmt.withError(r));
    }
    List<String> ratios = new ArrayList<>();
    for (Suite.Pair p : Suite.PAIRS) {
      for (ResultRow r : results.rows()) {
        if (p.covers(r)) {
          p.referenceFor(r, results).ifPresent(ref -> ratios.add(String.format(Locale.ROOT, "  %s / %s%s: %s (%s)",
              r.key(), ref.method(), ref.paramsLabel(), Fmt.ratio(r.opsPerSecond() / ref.opsPerSecond()),
              p.kind().name().toLowerCase(Locale.ROOT))));
        }
      }
    }
    if (!ratios.isEmpty()) {
      out.println();
      out.println("Against floors and peers");
      ratios.forEach(out::println);
    }
    if (Table3.present(results)) {
      out.println();
      out.println("Table 3 ratios (paper | measured)");
      for (Table3.Ratio r : Table3.ratios(results)) {
        StringBuilder m = new StringBuilder();
        r.measured().forEach(e -> m.append(m.length() == 0 ? "" : "; ").append(e.getKey()).append(' ')
            .append(Fmt.ratio(e.getValue())));
        out.printf(Locale.ROOT, "  %s: %s | %s%n", r.name(), Fmt.ratio(r.paper()), m);
      }
    }
    out.println();
  }
}
